package io.aftercare.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.aftercare.devkit.Ports;
import io.aftercare.lambda.Aftercare;
import io.aftercare.lambda.Failures;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.BlockingArrayQueue;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * API Gateway's HTTP API on localhost, served by Jetty: each request is matched against the routes of
 * {@code template.yaml}, turned into the same {@code APIGatewayV2HTTPEvent} (payload 2.0: lowercased headers,
 * percent-decoded path parameters with {@code +} kept, base64 for non-text bodies) and handed to the same handler
 * class the Lambda runs. Jetty reads without a thread per connection; a request's handler runs on one of
 * {@link Capacity#threads()} only once its whole body has arrived.
 */
public final class LocalHttpApi implements AutoCloseable {

    /** API Gateway refuses larger payloads before any function runs. */
    static final int MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

    /** API Gateway's limit on the request line and headers together. */
    static final int MAX_HEADER_BYTES = 10 * 1024;

    /**
     * Handler threads, and how many requests may wait for one (counted from their headers, while their body comes
     * in too). Beyond that a request is answered 429 at once, the way API Gateway throttles, rather than left waiting
     * past the platforms' timeouts (Shopify gives up after 5 s); they retry, and the delivery id makes the retry safe.
     *
     * @param headerTimeout how long a connection may take to send a request's headers (or sit idle between requests)
     * @param requestTimeout from the headers to the answer: past it, 408 while the body is still coming, else 503
     *                       (API Gateway's integration timeout is 30 s)
     */
    public record Capacity(int threads, int waiting, Duration headerTimeout, Duration requestTimeout) {
        public static final Capacity DEFAULT = new Capacity(32, 128, Duration.ofSeconds(10), Duration.ofSeconds(30));
    }

    private record Bound(TemplateRoutes.Route route, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler) {
    }

    private final Server server;
    private final ServerConnector connector;
    private final ExecutorService workers;
    private final Semaphore admitted;
    private final HeaderDeadlines headerDeadlines;
    private final Duration requestTimeout;
    private final List<Bound> routes;

    public LocalHttpApi(int port, List<TemplateRoutes.Route> routes, Aftercare app, Capacity capacity) {
        this.routes = routes.stream().map(route -> new Bound(route, TemplateRoutes.handler(route.handlerClass(), app))).toList();
        this.workers = Executors.newFixedThreadPool(capacity.threads(), Thread.ofPlatform().name("local-api-handler-", 0).daemon().factory());
        this.admitted = new Semaphore(capacity.threads() + capacity.waiting());
        this.requestTimeout = capacity.requestTimeout();
        // Jetty's own threads only parse and write, never wait: a few, with a bounded queue
        var jettyThreads = new QueuedThreadPool(16, 4, 60_000, new BlockingArrayQueue<>(64, 64, 1024));
        jettyThreads.setName("local-api");
        jettyThreads.setDaemon(true);
        this.server = new Server(jettyThreads);
        var http = new HttpConfiguration();
        http.setRequestHeaderSize(MAX_HEADER_BYTES);
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        // the path is decoded here, segment by segment, as API Gateway does; Jetty need not judge its encoding
        http.setUriCompliance(UriCompliance.LEGACY);
        this.connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        connector.setIdleTimeout(capacity.requestTimeout().toMillis());
        this.headerDeadlines = new HeaderDeadlines(server.getScheduler(), capacity.headerTimeout());
        connector.addBean(headerDeadlines);
        server.addConnector(connector);
        server.setErrorHandler(new JsonErrors());
        server.setHandler(new Front());
        try {
            server.start();
        } catch (IOException bind) {
            close();
            throw Ports.busy(port, "the HTTP API", bind);
        } catch (Exception e) {
            close();
            throw new IllegalStateException("The HTTP API did not start on port " + port, e);
        }
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort());
    }

    public List<TemplateRoutes.Route> routes() {
        return routes.stream().map(Bound::route).toList();
    }


    /** Runs on Jetty's threads and never blocks: refuses, routes, collects the body, then hands over to a worker. */
    private final class Front extends Handler.Abstract.NonBlocking {

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            Connection connection = request.getConnectionMetaData().getConnection();
            headerDeadlines.started(connection);
            boolean admittedHere = admitted.tryAcquire();
            var exchange = new Exchange(request, response, new Callback.Nested(callback) {
                @Override
                public void completed() {
                    if (admittedHere) {
                        admitted.release();
                    }
                    headerDeadlines.finished(connection);
                }
            });
            if (!admittedHere) {
                exchange.respond(429, Map.of("retry-after", "1"));
                return true;
            }
            Optional<List<String>> segments = pathSegments(request.getHttpURI().getPath());
            if (segments.isEmpty()) {
                exchange.respond(400, Map.of());
                return true;
            }
            for (Bound bound : routes) {
                Optional<Map<String, String>> parameters = bound.route().match(request.getMethod(), segments.get());
                if (parameters.isPresent()) {
                    if (request.getLength() > MAX_PAYLOAD_BYTES) {
                        exchange.respond(413, Map.of());
                        return true;
                    }
                    Scheduler.Task timeout = server.getScheduler().schedule(exchange::timedOut, requestTimeout);
                    exchange.readBody(new Body(request.getLength()), body -> {
                        exchange.bodyRead.set(true);
                        try {
                            workers.execute(() -> {
                                exchange.invoke(bound, parameters.get(), body);
                                timeout.cancel();
                            });
                        } catch (RejectedExecutionException closing) {
                            exchange.respond(503, Map.of());
                        }
                    });
                    return true;
                }
            }
            exchange.respond(404, Map.of());
            return true;
        }
    }

    /** One request and its only answer: whichever of the handler, a limit or the timeout answers first. */
    private static final class Exchange {
        private final Request request;
        private final Response response;
        private final Callback callback;
        private final AtomicBoolean answered = new AtomicBoolean();
        private final AtomicBoolean bodyRead = new AtomicBoolean();

        Exchange(Request request, Response response, Callback callback) {
            this.request = request;
            this.response = response;
            this.callback = callback;
        }

        /** Collects the body as it arrives, without holding a thread; past the payload limit, 413. */
        void readBody(Body into, java.util.function.Consumer<byte[]> then) {
            while (!answered.get()) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    request.demand(() -> readBody(into, then));
                    return;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    respond(chunk.getFailure() instanceof TimeoutException ? 408 : 400, Map.of());
                    return;
                }
                ByteBuffer bytes = chunk.getByteBuffer();
                if (into.size() + bytes.remaining() > MAX_PAYLOAD_BYTES) {
                    chunk.release();
                    respond(413, Map.of());
                    return;
                }
                into.append(bytes);
                chunk.release();
                if (chunk.isLast()) {
                    then.accept(into.bytes());
                    return;
                }
            }
        }

        void invoke(Bound bound, Map<String, String> parameters, byte[] body) {
            try {
                var event = event(request, bound.route(), parameters, body);
                var result = bound.handler().handleRequest(event, new LocalContext(bound.route().function(), event.getRequestContext().getRequestId()));
                String text = result.getBody() == null ? "" : result.getBody();
                byte[] bytes = result.getIsBase64Encoded() ? Base64.getDecoder().decode(text) : text.getBytes(StandardCharsets.UTF_8);
                answer(result.getStatusCode(), result.getHeaders() == null ? Map.of() : result.getHeaders(), bytes);
            } catch (RuntimeException e) {
                System.err.println(request.getMethod() + " request failed: " + Failures.describe(e)); // the path may hold a customer's token
                respond(500, Map.of());
            }
        }

        /** Still reading the body: the client is too slow (408); else the handler is (503, as API Gateway answers). */
        void timedOut() {
            respond(bodyRead.get() ? 503 : 408, Map.of());
        }

        /** API Gateway's own answers: {@code {"message": "<reason>"}}. */
        void respond(int status, Map<String, String> headers) {
            Map<String, String> withType = new LinkedHashMap<>(headers);
            withType.put("content-type", "application/json");
            answer(status, withType, message(status));
        }

        private void answer(int status, Map<String, String> headers, byte[] body) {
            if (!answered.compareAndSet(false, true)) {
                return;
            }
            response.setStatus(status);
            headers.forEach((name, value) -> response.getHeaders().add(name, value));
            response.write(true, ByteBuffer.wrap(body), callback);
        }
    }

    /**
     * A request body, copied once from Jetty's buffers into an array that grows as it arrives (up to its declared
     * length, so that a body that came whole is handed on as that array): a declared length alone reserves no memory.
     */
    private static final class Body {
        private static final int FIRST = 16 * 1024;
        private final int declared;
        private byte[] bytes;
        private int size;

        /** @param declared the Content-Length, already checked against the limit; negative when chunked */
        Body(long declared) {
            this.declared = declared >= 0 ? (int) declared : MAX_PAYLOAD_BYTES;
            this.bytes = new byte[Math.min(this.declared, FIRST)];
        }

        int size() {
            return size;
        }

        void append(ByteBuffer chunk) {
            int length = chunk.remaining();
            if (size + length > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(size + length, Math.min(declared, bytes.length * 2)));
            }
            chunk.get(bytes, size, length);
            size += length;
        }

        byte[] bytes() {
            return size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
        }
    }

    private static byte[] message(int status) {
        return ("{\"message\":\"" + HttpStatus.getMessage(status) + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    /** What Jetty answers itself (a malformed request line, headers past {@link #MAX_HEADER_BYTES}) is JSON too. */
    private static final class JsonErrors extends ErrorHandler {
        @Override
        protected void generateResponse(Request request, Response response, int code, String message, Throwable cause, Callback callback) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.write(true, ByteBuffer.wrap(message(code)), callback);
        }
    }

    /**
     * Closes a connection that has not sent a request's headers within the timeout of opening or of its last answer,
     * so that connections which stall mid-header (slow loris) cannot pile up.
     */
    private static final class HeaderDeadlines implements Connection.Listener {
        /** Per connection: even while waiting for headers, odd while a request is served; bumped at each change. */
        private final Map<Connection, AtomicLong> phases = new ConcurrentHashMap<>();
        private final Scheduler scheduler;
        private final Duration timeout;

        HeaderDeadlines(Scheduler scheduler, Duration timeout) {
            this.scheduler = scheduler;
            this.timeout = timeout;
        }

        @Override
        public void onOpened(Connection connection) {
            phases.put(connection, new AtomicLong());
            arm(connection, 0);
        }

        @Override
        public void onClosed(Connection connection) {
            phases.remove(connection);
        }

        void started(Connection connection) {
            Optional.ofNullable(phases.get(connection)).ifPresent(AtomicLong::incrementAndGet);
        }

        void finished(Connection connection) {
            Optional.ofNullable(phases.get(connection)).ifPresent(phase -> arm(connection, phase.incrementAndGet()));
        }

        private void arm(Connection connection, long waiting) {
            scheduler.schedule(() -> {
                AtomicLong phase = phases.get(connection);
                if (phase != null && phase.get() == waiting) {
                    connection.getEndPoint().close();
                }
            }, timeout);
        }
    }

    /**
     * The path's segments as API Gateway passes path parameters: percent-decoded as UTF-8, a {@code +} kept as it is
     * (it means a space only in a form or a query), an encoded {@code /} inside its segment; empty if malformed or
     * not UTF-8 (API Gateway answers such a path 400).
     */
    static Optional<List<String>> pathSegments(String rawPath) {
        List<String> decoded = new ArrayList<>();
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder();
        for (String segment : TemplateRoutes.segmentsOf(rawPath)) {
            Optional<String> one = percentDecoded(segment, utf8);
            if (one.isEmpty()) {
                return Optional.empty();
            }
            decoded.add(one.get());
        }
        return Optional.of(decoded);
    }

    /**
     * Characters other than escapes are kept as they are; each run of {@code %XX} escapes is decoded as UTF-8
     * bytes at once, so that a character of several bytes (an emoji has four) comes out whole.
     */
    private static Optional<String> percentDecoded(String segment, CharsetDecoder utf8) {
        int firstEscape = segment.indexOf('%');
        if (firstEscape < 0) {
            return Optional.of(segment);
        }
        var out = new StringBuilder(segment.length()).append(segment, 0, firstEscape);
        byte[] run = new byte[segment.length() / 3];
        int i = firstEscape;
        while (i < segment.length()) {
            int next = segment.indexOf('%', i);
            if (next != i) {
                int plainEnd = next < 0 ? segment.length() : next;
                out.append(segment, i, plainEnd);
                i = plainEnd;
                continue;
            }
            int length = 0;
            while (i < segment.length() && segment.charAt(i) == '%') {
                int high = i + 2 < segment.length() ? Character.digit(segment.charAt(i + 1), 16) : -1;
                int low = high < 0 ? -1 : Character.digit(segment.charAt(i + 2), 16);
                if (low < 0) {
                    return Optional.empty();
                }
                run[length++] = (byte) (high * 16 + low);
                i += 3;
            }
            try {
                out.append(utf8.reset().decode(ByteBuffer.wrap(run, 0, length)));
            } catch (CharacterCodingException notUtf8) {
                return Optional.empty();
            }
        }
        return Optional.of(out.toString());
    }

    private static APIGatewayV2HTTPEvent event(Request request, TemplateRoutes.Route route, Map<String, String> parameters, byte[] body) {
        Map<String, String> headers = new HashMap<>();
        for (HttpField field : request.getHeaders()) {
            headers.merge(field.getLowerCaseName(), field.getValue(), (a, b) -> a + "," + b);
        }
        Optional<String> text = asText(body, headers.getOrDefault("content-type", ""));
        String rawPath = request.getHttpURI().getPath();
        String rawQuery = request.getHttpURI().getQuery();
        String requestId = UUID.randomUUID().toString();
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(route.routeKey())
                .withRawPath(rawPath)
                .withRawQueryString(Optional.ofNullable(rawQuery).orElse(""))
                .withHeaders(headers)
                .withQueryStringParameters(query(rawQuery))
                .withPathParameters(parameters)
                .withBody(text.orElseGet(() -> Base64.getEncoder().encodeToString(body)))
                .withIsBase64Encoded(text.isEmpty())
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRequestId(requestId)
                        .withRouteKey(route.routeKey())
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(request.getMethod())
                                .withPath(rawPath)
                                .withSourceIp(Request.getRemoteAddr(request))
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
            return Optional.of(StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(body)).toString());
        } catch (CharacterCodingException notUtf8) {
            return Optional.empty();
        }
    }

    /** A query string's parameters; a malformed escape is passed on as it came rather than failing the request. */
    private static Map<String, String> query(String rawQuery) {
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = formDecoded(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : formDecoded(pair.substring(eq + 1));
            query.merge(name, value, (a, b) -> a + "," + b);
        }
        return query;
    }

    private static String formDecoded(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return raw;
        }
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("The HTTP API did not stop", e);
        } finally {
            workers.shutdownNow();
        }
    }
}
