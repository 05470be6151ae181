package io.aftercare.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.aftercare.devkit.LoopbackServer;
import io.aftercare.lambda.Aftercare;
import io.aftercare.lambda.Failures;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * API Gateway's HTTP API on localhost: each request is matched against the routes of {@code template.yaml},
 * turned into the same {@code APIGatewayV2HTTPEvent} (payload 2.0: lowercased headers, decoded path parameters,
 * base64 for non-text bodies) and handed to the same handler class the Lambda runs.
 */
public final class LocalHttpApi implements AutoCloseable {

    /** API Gateway refuses larger payloads before any function runs. */
    static final int MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

    /**
     * Request threads, and how many requests may wait for one. Beyond that a request is answered 429 at once, the way
     * API Gateway throttles, rather than left waiting past the platforms' timeouts (Shopify gives up after 5 s);
     * they retry, and the delivery id makes the retry safe.
     */
    public record Capacity(int threads, int waiting) {
        public static final Capacity DEFAULT = new Capacity(32, 128);
    }

    /** Set while a refused request is answered on the server's own thread. */
    private static final ThreadLocal<Boolean> REFUSING = ThreadLocal.withInitial(() -> false);

    private record Bound(TemplateRoutes.Route route, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler) {
    }

    private final HttpServer server;
    private final ExecutorService threads;
    private final List<Bound> routes;

    public LocalHttpApi(int port, List<TemplateRoutes.Route> routes, Aftercare app, Capacity capacity) throws IOException {
        this.routes = routes.stream().map(route -> new Bound(route, handler(route.handlerClass(), app))).toList();
        this.server = LoopbackServer.create(port, 512);
        this.threads = new ThreadPoolExecutor(capacity.threads(), capacity.threads(), 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(capacity.waiting()), (refused, pool) -> refuse(refused));
        server.setExecutor(threads);
        server.createContext("/", this::serve);
        server.start();
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public List<TemplateRoutes.Route> routes() {
        return routes.stream().map(Bound::route).toList();
    }

    @SuppressWarnings("unchecked")
    private static RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler(String className, Aftercare app) {
        try {
            return (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>)
                    Class.forName(className).getConstructor(Aftercare.class).newInstance(app);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("template.yaml names handler " + className + ", which cannot be built with an Aftercare", e);
        }
    }

    /** Runs the refused exchange here, on the server's dispatcher thread, only to answer 429: no body read, no handler. */
    private static void refuse(Runnable exchange) {
        REFUSING.set(true);
        try {
            exchange.run();
        } finally {
            REFUSING.remove();
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (REFUSING.get()) {
                exchange.getResponseHeaders().add("retry-after", "1");
                respond(exchange, 429, "{\"message\":\"Too Many Requests\"}");
                return;
            }
            URI uri = exchange.getRequestURI();
            List<String> segments = TemplateRoutes.segmentsOf(uri.getRawPath()).stream()
                    .map(s -> URLDecoder.decode(s, StandardCharsets.UTF_8)).toList();
            for (Bound bound : routes) {
                Optional<Map<String, String>> parameters = bound.route().match(exchange.getRequestMethod(), segments);
                if (parameters.isPresent()) {
                    byte[] body = readBody(exchange.getRequestBody());
                    if (body == null) {
                        respond(exchange, 413, "{\"message\":\"Request Entity Too Large\"}");
                        return;
                    }
                    var event = event(exchange, bound.route(), parameters.get(), body);
                    var response = bound.handler().handleRequest(event, new LocalContext(bound.route().function(), event.getRequestContext().getRequestId()));
                    write(exchange, response);
                    return;
                }
            }
            respond(exchange, 404, "{\"message\":\"Not Found\"}");
        } catch (RuntimeException e) {
            System.err.println(exchange.getRequestMethod() + " request failed: " + Failures.describe(e)); // the path may hold a customer's token
            respond(exchange, 500, "{\"message\":\"Internal Server Error\"}");
        }
    }

    private static APIGatewayV2HTTPEvent event(HttpExchange exchange, TemplateRoutes.Route route, Map<String, String> parameters, byte[] body) {
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        Optional<String> text = asText(body, headers.getOrDefault("content-type", ""));
        String requestId = UUID.randomUUID().toString();
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(route.routeKey())
                .withRawPath(exchange.getRequestURI().getRawPath())
                .withRawQueryString(Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse(""))
                .withHeaders(headers)
                .withQueryStringParameters(query(exchange.getRequestURI().getRawQuery()))
                .withPathParameters(parameters)
                .withBody(text.orElseGet(() -> Base64.getEncoder().encodeToString(body)))
                .withIsBase64Encoded(text.isEmpty())
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRequestId(requestId)
                        .withRouteKey(route.routeKey())
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(exchange.getRequestMethod())
                                .withPath(exchange.getRequestURI().getRawPath())
                                .withSourceIp(exchange.getRemoteAddress().getAddress().getHostAddress())
                                .build())
                        .build())
                .build();
    }

    /** Like API Gateway: JSON and text pass as text, anything else (or bytes that are not UTF-8) as base64. */
    private static Optional<String> asText(byte[] body, String contentType) {
        String type = contentType.toLowerCase(Locale.ROOT);
        boolean textual = type.isEmpty() || type.startsWith("text/") || type.contains("json") || type.contains("xml");
        if (!textual) {
            return Optional.empty();
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(body)).toString());
        } catch (CharacterCodingException notUtf8) {
            return Optional.empty();
        }
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.merge(name, value, (a, b) -> a + "," + b);
        }
        return query;
    }

    /** The body, or null past {@link #MAX_PAYLOAD_BYTES}. */
    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_PAYLOAD_BYTES + 1);
        return body.length > MAX_PAYLOAD_BYTES ? null : body;
    }

    private static void write(HttpExchange exchange, APIGatewayV2HTTPResponse response) throws IOException {
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        }
        String body = response.getBody() == null ? "" : response.getBody();
        byte[] bytes = response.getIsBase64Encoded() ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
        send(exchange, response.getStatusCode(), bytes);
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        exchange.getResponseHeaders().add("content-type", "application/json");
        send(exchange, status, json.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, byte[] bytes) throws IOException {
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
