package io.aftercare.lambda.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/** The parts of an API Gateway HTTP API (payload 2.0) request the handlers read. */
public record HttpRequest(String routeKey, Map<String, String> headers, Map<String, String> pathParameters,
                          Map<String, String> query, byte[] body) {

    public static HttpRequest of(APIGatewayV2HTTPEvent event) {
        String body = event.getBody() == null ? "" : event.getBody();
        byte[] bytes = event.getIsBase64Encoded() ? decode(body) : body.getBytes(StandardCharsets.UTF_8);
        return new HttpRequest(event.getRouteKey(), orEmpty(event.getHeaders()), orEmpty(event.getPathParameters()),
                orEmpty(event.getQueryStringParameters()), bytes);
    }

    /** Header names arrive lowercased from HTTP APIs. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    public String path(String name) {
        String value = pathParameters.get(name);
        if (value == null) {
            throw new IllegalStateException("route " + routeKey + " has no path parameter " + name);
        }
        return value;
    }

    public Optional<String> query(String name) {
        return Optional.ofNullable(query.get(name)).filter(v -> !v.isBlank());
    }

    private static byte[] decode(String body) {
        try {
            return Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            return body.getBytes(StandardCharsets.UTF_8);
        }
    }

    private static Map<String, String> orEmpty(Map<String, String> map) {
        return map == null ? Map.of() : map;
    }
}
