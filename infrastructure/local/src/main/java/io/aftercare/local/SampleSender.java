package io.aftercare.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aftercare.devkit.WebhookSigner;
import io.aftercare.domain.shop.Platform;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Signs and sends the sample webhooks of {@code infrastructure/events/webhooks/} to a running Aftercare, as each
 * demo shop's platform would, then prints what the order's timeline now says.
 */
public final class SampleSender {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NOW = Pattern.compile("\\$\\{NOW(?:-(\\d+)m)?}");

    private final URI base;
    private final String adminToken;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Clock clock;
    private final PrintStream out;

    public SampleSender(URI base, String adminToken, Clock clock, PrintStream out) {
        this.base = base;
        this.adminToken = adminToken;
        this.clock = clock;
        this.out = out;
    }

    /** Sends every platform's story as a new order; returns the order ids, by demo shop. */
    public Map<DemoShops.Demo, String> sendAll(Path samples) throws IOException, InterruptedException {
        var orders = new java.util.LinkedHashMap<DemoShops.Demo, String>();
        for (DemoShops.Demo demo : DemoShops.ALL) {
            orders.put(demo, sendStory(samples.resolve(demo.platform().slug()), demo));
        }
        return orders;
    }

    private String sendStory(Path folder, DemoShops.Demo demo) throws IOException, InterruptedException {
        String orderId = orderId();
        out.printf("%n%s (%s), order %s:%n", demo.id(), demo.platform().slug(), orderId);
        send(folder, demo, orderId);
        out.printf("  timeline, newest first (GET /api/shops/%s/orders/%s/timeline):%n", demo.id(), orderId);
        JsonNode timeline = JSON.readTree(get("/api/shops/" + demo.id() + "/orders/" + orderId + "/timeline").body());
        for (JsonNode entry : timeline.path("items")) {
            out.printf("    %s  %-18s %s%n", entry.path("at").asText(), entry.path("kind").asText(), entry.path("summary").asText());
        }
        return orderId;
    }

    /** Sends a folder's events whose orders are named from one fresh order id ({@code ${ORDER_ID}-P}, ...). */
    public void sendTrouble(Path folder, DemoShops.Demo demo) throws IOException, InterruptedException {
        out.printf("%n%s (%s), orders in trouble:%n", demo.id(), demo.platform().slug());
        send(folder, demo, orderId() + "9");
    }

    private String orderId() {
        return Long.toString(7_300_000_000_000L + clock.millis() % 1_000_000_000L);
    }

    private void send(Path folder, DemoShops.Demo demo, String orderId) throws IOException, InterruptedException {
        long number = 1000 + clock.millis() % 9000;
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        for (Path file : files) {
            String topic = file.getFileName().toString().replaceFirst("^\\d+-", "").replace(".json", "").replace("__", "/");
            byte[] body = fill(Files.readString(file), orderId, number).getBytes(StandardCharsets.UTF_8);
            HttpResponse<String> response = post("/webhooks/" + demo.platform().slug() + "/" + demo.id(), headers(demo.platform(), topic, body), body);
            out.printf("  %-26s -> %d %s%n", topic, response.statusCode(), response.body());
        }
    }

    private String fill(String template, String orderId, long number) {
        Instant now = clock.instant();
        Matcher m = NOW.matcher(template.replace("${ORDER_ID}", orderId).replace("${ORDER_NUMBER}", Long.toString(number)));
        StringBuilder filled = new StringBuilder();
        while (m.find()) {
            long minutes = m.group(1) == null ? 0 : Long.parseLong(m.group(1));
            m.appendReplacement(filled, now.minus(Duration.ofMinutes(minutes)).toString());
        }
        m.appendTail(filled);
        return filled.toString();
    }

    private Map<String, String> headers(Platform platform, String topic, byte[] body) {
        String deliveryId = UUID.randomUUID().toString();
        return switch (platform) {
            case SHOPIFY -> WebhookSigner.shopify(DemoShops.SECRET, body, topic, deliveryId, clock.instant());
            case WOOCOMMERCE -> WebhookSigner.wooCommerce(DemoShops.SECRET, body, topic, deliveryId);
            case GENERIC -> WebhookSigner.generic(DemoShops.SECRET, body);
        };
    }

    private HttpResponse<String> post(String path, Map<String, String> headers, byte[] body) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + adminToken).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
