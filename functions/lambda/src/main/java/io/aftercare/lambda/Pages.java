package io.aftercare.lambda;

import io.aftercare.domain.InvalidInput;
import io.aftercare.domain.PageRequest;
import io.aftercare.lambda.http.HttpRequest;

/** {@code ?limit=&pageToken=} of list routes ({@code page=} is the same token, as the console sends it). */
final class Pages {

    private Pages() {
    }

    static PageRequest from(HttpRequest request) {
        int limit = request.query("limit").map(Pages::limit).orElse(PageRequest.DEFAULT_LIMIT);
        return new PageRequest(limit, request.query("pageToken").or(() -> request.query("page")));
    }

    private static int limit(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new InvalidInput("limit", "limit must be a whole number");
        }
    }
}
