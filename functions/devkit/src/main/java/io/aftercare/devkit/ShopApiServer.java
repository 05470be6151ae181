package io.aftercare.devkit;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A shop's API as a real HTTP server on loopback, answering what it is told to, in order (the last answer repeats),
 * and keeping every request it got. Requests meant for {@code https://<host>/<path>} reach it through {@link #local}.
 */
public final class ShopApiServer implements AutoCloseable {

    public record Answer(int status, String body, Map<String, String> headers) {
        public static Answer json(int status, String body) {
            return new Answer(status, body, Map.of());
        }
    }

    public record Received(String path, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final Deque<Answer> answers = new ArrayDeque<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<URI> asked = new CopyOnWriteArrayList<>();
    private volatile Duration delay = Duration.ZERO;

    public ShopApiServer() throws IOException {
        server = LoopbackServer.create(0, 50);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(exchange.getRequestURI().getPath(),
                    Map.copyOf(exchange.getRequestHeaders()), body));
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
            Answer answer;
            synchronized (answers) {
                answer = answers.size() > 1 ? answers.poll() : answers.peek();
            }
            if (answer == null) {
                answer = Answer.json(500, "{\"error\":\"no answer scripted\"}");
            }
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        });
        server.start();
    }

    /** Answers the next requests with these, in order; the last one keeps answering. */
    public ShopApiServer answer(Answer... next) {
        synchronized (answers) {
            answers.clear();
            answers.addAll(List.of(next));
        }
        return this;
    }

    /** Answers every request only after {@code delay}: a shop's API slower than Aftercare waits for. */
    public ShopApiServer answeringAfter(Duration delay) {
        this.delay = delay;
        return this;
    }

    /** Where a request for {@code https://<host>/<path>} is sent instead: this server, same path and query. */
    public URI local(URI asked) {
        if (!asked.getScheme().equals("https") || asked.getPort() != -1 || asked.getRawUserInfo() != null) {
            throw new AssertionError("Aftercare asked for " + asked + ": only https://<host>/... is allowed");
        }
        this.asked.add(asked);
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + asked.getRawPath()
                + (asked.getRawQuery() == null ? "" : "?" + asked.getRawQuery()));
    }

    /** The URLs Aftercare asked for, before they were pointed here. */
    public List<URI> asked() {
        return List.copyOf(asked);
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
