package io.aftercare.devkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A loopback HTTP proxy in front of an emulator that can fail requests the way the AWS service does (a status and
 * an {@code x-amzn-ErrorType}), for testing what Aftercare does when SES throttles, errs or refuses.
 */
public final class FaultProxy implements AutoCloseable {

    /** What the next failing requests answer. */
    public record Fault(int status, String errorType, String message) {
        public static Fault throttling() {
            return new Fault(429, "TooManyRequestsException", "Maximum sending rate exceeded.");
        }

        public static Fault serverError() {
            return new Fault(500, "InternalFailure", "Internal failure.");
        }

        public static Fault rejected() {
            return new Fault(400, "MessageRejected", "Email address is not verified.");
        }

        /** SES's sandbox refusal word for word: it names the identities it refused, in full. */
        public static Fault unverified(String identity) {
            return new Fault(400, "MessageRejected",
                    "Email address is not verified. The following identities failed the check in region EU-WEST-1: " + identity);
        }
    }

    private static final Set<String> HOP_BY_HOP = Set.of("host", "connection", "content-length", "transfer-encoding", "upgrade", "expect");

    private final HttpServer server;
    private final URI target;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final AtomicReference<Fault> fault = new AtomicReference<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicInteger forwardThenFailLeft = new AtomicInteger();
    private final AtomicReference<Double> failureRate = new AtomicReference<>(0.0);
    private final Map<String, Fault> byRecipient = new ConcurrentHashMap<>();
    private final Set<String> stalled = ConcurrentHashMap.newKeySet();
    private volatile CountDownLatch healed = new CountDownLatch(1);
    private final SplittableRandom random = new SplittableRandom(7);
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();

    public FaultProxy(URI target) {
        this.target = target;
        try {
            this.server = LoopbackServer.create(0, 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", this::handle);
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The next {@code count} requests fail with {@code fault}; {@link Integer#MAX_VALUE} for "until told otherwise". */
    public void failNext(int count, Fault fault) {
        this.fault.set(fault);
        this.failuresLeft.set(count);
    }

    /** Each request fails with {@code fault} with probability {@code rate}, until {@link #heal()}. */
    public void failRandomly(double rate, Fault fault) {
        this.fault.set(fault);
        this.failureRate.set(rate);
    }

    /**
     * The next {@code count} requests reach the service (the email is sent) but their caller gets a 500: as if the
     * sender died after SES accepted the email and before it could record that.
     */
    public void forwardThenFailNext(int count) {
        forwardThenFailLeft.set(count);
    }

    /**
     * Every request that names {@code address} fails with {@code fault}, until {@link #heal()} or another fault for it:
     * as SES in its sandbox refuses each email to an address that is not verified, and only those.
     */
    public void failRequestsTo(String address, Fault fault) {
        byRecipient.put(address, fault);
    }

    /** Every request that names {@code address} waits, unanswered, until {@link #heal()}: an SES call that hangs. */
    public void stallRequestsTo(String address) {
        stalled.add(address);
    }

    public void heal() {
        byRecipient.clear();
        stalled.clear();
        healed.countDown();
        healed = new CountDownLatch(1);
        failuresLeft.set(0);
        forwardThenFailLeft.set(0);
        failureRate.set(0.0);
    }

    public int requests() {
        return requests.get();
    }

    public int failed() {
        return failed.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.incrementAndGet();
            byte[] body = exchange.getRequestBody().readAllBytes();
            boolean randomFailure;
            synchronized (random) {
                randomFailure = random.nextDouble() < failureRate.get();
            }
            String text = new String(body, StandardCharsets.UTF_8);
            if (stalled.stream().anyMatch(text::contains)) {
                awaitHealing();
            }
            Fault forRecipient = byRecipient.entrySet().stream().filter(e -> text.contains(e.getKey())).map(Map.Entry::getValue)
                    .findFirst().orElse(null);
            if (forRecipient != null || failuresLeft.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0 || randomFailure) {
                failed.incrementAndGet();
                Fault f = forRecipient != null ? forRecipient : fault.get();
                exchange.getResponseHeaders().add("x-amzn-ErrorType", f.errorType());
                exchange.getResponseHeaders().add("content-type", "application/json");
                send(exchange, f.status(), ("{\"message\":\"" + f.message() + "\"}").getBytes(StandardCharsets.UTF_8));
                return;
            }
            var forward = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase())) {
                    values.forEach(v -> forward.header(name, v));
                }
            });
            HttpResponse<byte[]> response = http.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (forwardThenFailLeft.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
                failed.incrementAndGet();
                exchange.getResponseHeaders().add("x-amzn-ErrorType", "InternalFailure");
                send(exchange, 500, "{\"message\":\"lost after sending\"}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            response.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase()) && !name.startsWith(":")) {
                    values.forEach(v -> exchange.getResponseHeaders().add(name, v));
                }
            });
            send(exchange, response.statusCode(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitHealing() {
        try {
            healed.await(60, TimeUnit.SECONDS); // bounded, so a test that forgets to heal does not hang the build
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
