package io.aftercare.lambda.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.aftercare.domain.access.Caller;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of an API Gateway HTTP API (payload 2.0) request the handlers read, and who sent it once {@link Routes}
 * has checked their credential.
 */
public record HttpRequest(String routeKey, Map<String, String> headers, Map<String, String> pathParameters,
                          Map<String, String> query, byte[] body, List<String> cookies, String sourceIp, Optional<URI> origin,
                          Optional<Caller> caller) {

    public static HttpRequest of(APIGatewayV2HTTPEvent event) {
        String body = event.getBody() == null ? "" : event.getBody();
        byte[] bytes = event.getIsBase64Encoded() ? decode(body) : body.getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = orEmpty(event.getHeaders());
        var context = event.getRequestContext();
        String sourceIp = context == null || context.getHttp() == null || context.getHttp().getSourceIp() == null ? "" : context.getHttp().getSourceIp();
        return new HttpRequest(event.getRouteKey(), headers, orEmpty(event.getPathParameters()),
                orEmpty(event.getQueryStringParameters()), bytes, cookies(event.getCookies(), headers.get("cookie")), sourceIp,
                origin(context), Optional.empty());
    }

    public HttpRequest by(Caller who) {
        return new HttpRequest(routeKey, headers, pathParameters, query, body, cookies, sourceIp, origin, Optional.of(who));
    }

    /** Whoever the route's check let through; only routes that need no credential have none. */
    public Caller requireCaller() {
        return caller.orElseThrow(() -> new IllegalStateException("route " + routeKey + " needs no credential, so names no caller"));
    }

    /** Header names arrive lowercased from HTTP APIs. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    /** A cookie's value: API Gateway passes them apart ({@code cookies}), a plain server in the {@code cookie} header. */
    public Optional<String> cookie(String name) {
        return cookies.stream().map(String::strip).filter(c -> c.startsWith(name + "="))
                .map(c -> c.substring(name.length() + 1)).filter(v -> !v.isEmpty()).findFirst();
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

    /** Where API Gateway received the request (its domain and stage, never a client's Host header); none on a plain server. */
    private static Optional<URI> origin(APIGatewayV2HTTPEvent.RequestContext context) {
        if (context == null || context.getDomainName() == null || context.getDomainName().isBlank()) {
            return Optional.empty();
        }
        String stage = context.getStage() == null || context.getStage().equals("$default") ? "" : "/" + context.getStage();
        return Optional.of(URI.create("https://" + context.getDomainName() + stage));
    }

    private static List<String> cookies(List<String> apart, String header) {
        List<String> all = new ArrayList<>(apart == null ? List.of() : apart);
        if (header != null) {
            all.addAll(List.of(header.split(";")));
        }
        return List.copyOf(all);
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
