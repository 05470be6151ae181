package io.aftercare.lambda;

import com.sun.net.httpserver.HttpServer;
import io.aftercare.devkit.LoopbackServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A Slack-compatible incoming webhook on loopback that keeps what it is posted, each post as its query, a newline, its body. */
final class ChatReceiver implements AutoCloseable {

    private final HttpServer server;
    private final List<String> posts = new CopyOnWriteArrayList<>();

    ChatReceiver() {
        try {
            server = LoopbackServer.create(0, 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/hooks/aftercare", exchange -> {
            try (exchange) {
                posts.add(exchange.getRequestURI().getQuery() + "\n" + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(200, -1);
            }
        });
        server.createContext("/hooks/failing", exchange -> {
            try (exchange) {
                exchange.sendResponseHeaders(500, -1);
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/aftercare";
    }

    /** A webhook that answers every post with a 500; {@code path} follows it, as a Slack URL's secret does. */
    String failingUrl(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/failing/" + path;
    }

    List<String> posts() {
        return posts;
    }

    /** What was posted to the URL {@code ?shop=} a shop was given. */
    List<String> postsFor(String shop) {
        return posts.stream().filter(p -> p.startsWith("shop=" + shop + "\n")).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
