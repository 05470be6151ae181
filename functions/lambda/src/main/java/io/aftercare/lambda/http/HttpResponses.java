package io.aftercare.lambda.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.aftercare.lambda.json.JsonViews;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON responses, and the one shape of every error: {@code {"error": code, "message": ...}}. */
public final class HttpResponses {

    private static final Map<String, String> JSON = Map.of(
            "content-type", "application/json; charset=utf-8",
            "cache-control", "no-store",
            "x-content-type-options", "nosniff");

    private HttpResponses() {
    }

    public static APIGatewayV2HTTPResponse json(int status, Object body) {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(JSON)
                .withBody(JsonViews.write(body))
                .build();
    }

    /** A CSV download: saved as {@code filename}, never shown as a page. */
    public static APIGatewayV2HTTPResponse csv(String filename, String body) {
        return download(filename, "text/csv; charset=utf-8", body);
    }

    /** A file to save (a report, a customer's data export): never shown as a page, never cached. */
    public static APIGatewayV2HTTPResponse download(String filename, String contentType, String body) {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(200)
                .withHeaders(Map.of(
                        "content-type", contentType,
                        "content-disposition", "attachment; filename=\"" + filename + "\"",
                        "cache-control", "no-store",
                        "x-content-type-options", "nosniff"))
                .withBody(body)
                .build();
    }

    /** A page for people: no caching, no framing, no scripts, and no Referer that could carry a link's token onwards. */
    public static APIGatewayV2HTTPResponse html(int status, String page) {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(Map.of(
                        "content-type", "text/html; charset=utf-8",
                        "cache-control", "no-store",
                        "referrer-policy", "no-referrer",
                        "x-frame-options", "DENY",
                        "x-content-type-options", "nosniff",
                        "content-security-policy", "default-src 'none'; style-src 'unsafe-inline'; img-src https:; form-action 'self'"))
                .withBody(page)
                .build();
    }

    public static APIGatewayV2HTTPResponse error(int status, String code, String message) {
        return error(status, code, message, null);
    }

    /** @param field the request field at fault, or null */
    public static APIGatewayV2HTTPResponse error(int status, String code, String message, String field) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", message);
        if (field != null) {
            body.put("field", field);
        }
        return json(status, body);
    }
}
