package io.aftercare.domain;

import java.util.Optional;

/** A page size and, after the first page, the token the previous page returned. */
public record PageRequest(int limit, Optional<String> pageToken) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    public PageRequest {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInput("limit", "limit must be between 1 and " + MAX_LIMIT);
        }
    }

    public static PageRequest first(int limit) {
        return new PageRequest(limit, Optional.empty());
    }
}
