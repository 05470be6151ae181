package io.aftercare.bench;

import io.aftercare.devkit.AdjustableClock;
import io.aftercare.devkit.WebhookSigner;
import io.aftercare.local.LocalAftercare;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An open-loop load on the local runner's webhook endpoint, loopback only, bounded in count and time: each step sends
 * at a fixed rate whatever the answers, and latency counts from the moment a request was due, so queueing shows.
 * Deliveries refused with 429 are sent again after the step, as a platform retries; then every delivery is looked
 * read back through the agent API: whatever was acknowledged, first time or on retry, must be stored.
 */
final class LoadBenchmark {

    record Step(int rate, int sent, int recorded, int throttled, int errors, Percentiles latency, int recordedOnRetry, int missing) {
        /** The runner kept up: every delivery recorded at the first try, p99 under 200 ms. */
        boolean held() {
            return recorded == sent && latency.p99() < 200;
        }
    }

    private static final String TOKEN = "load-admin-token-0123456789abcdef";
    private static final String SECRET = "load-webhook-secret-0123456789";
    private static final Duration WARM_UP = Duration.ofSeconds(3);

    /** A short untimed step at the first rate goes first, so the first measured step does not pay for JIT. */
    List<Step> run(int[] rates, Duration each) throws Exception {
        List<Step> steps = new ArrayList<>();
        try (var local = LocalAftercare.start(LocalAftercare.Settings.ephemeral(TOKEN, new AdjustableClock(Instant.now())))) {
            var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
            register(http, local.baseUri());
            step(http, local, "warm-up", rates[0], WARM_UP);
            for (int rate : rates) {
                steps.add(step(http, local, "step-" + rate, rate, each));
            }
        }
        return steps;
    }

    private Step step(HttpClient http, LocalAftercare local, String name, int rate, Duration each) throws Exception {
        int count = (int) (rate * each.toMillis() / 1000);
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        List<String> throttled = Collections.synchronizedList(new ArrayList<>());
        var errors = new AtomicInteger();
        var scheduler = Executors.newScheduledThreadPool(4);
        List<CompletableFuture<Void>> inFlight = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            String id = name + "-" + i;
            long dueNanos = start + (long) (i * 1e9 / rate);
            scheduler.schedule(() -> {
                inFlight.add(http.sendAsync(request(local, id), HttpResponse.BodyHandlers.ofString()).handle((response, failure) -> {
                    if (failure == null && response.statusCode() == 200 && response.body().contains("\"recorded\"")) {
                        latencies.add(System.nanoTime() - dueNanos);
                    } else if (failure == null && response.statusCode() == 429) {
                        throttled.add(id);
                    } else {
                        errors.incrementAndGet();
                    }
                    return null;
                }));
            }, Math.max(0, dueNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        scheduler.shutdown();
        scheduler.awaitTermination(each.toSeconds() + 30, TimeUnit.SECONDS);
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        int recordedOnRetry = 0;
        for (String id : throttled) {
            if (http.send(request(local, id), HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                recordedOnRetry++;
            }
        }
        int missing = 0;
        for (int i = 0; i < count; i++) {
            var order = HttpRequest.newBuilder(local.baseUri().resolve("/api/shops/load-shop/orders/" + name + "-" + i))
                    .header("Authorization", "Bearer " + TOKEN).GET().build();
            if (http.send(order, HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
                missing++;
            }
        }
        long[] nanos = latencies.stream().mapToLong(Long::longValue).toArray();
        return new Step(rate, count, nanos.length, throttled.size(), errors.get(), Percentiles.of(nanos), recordedOnRetry, missing);
    }

    private static HttpRequest request(LocalAftercare local, String id) {
        byte[] body = order(id).getBytes(StandardCharsets.UTF_8);
        var request = HttpRequest.newBuilder(local.baseUri().resolve("/webhooks/shopify/load-shop")).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        WebhookSigner.shopify(SECRET, body, "orders/create", id, Instant.now()).forEach(request::header);
        return request.build();
    }

    private static void register(HttpClient http, URI base) throws Exception {
        var response = http.send(HttpRequest.newBuilder(base.resolve("/admin/shops"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"id": "load-shop", "platform": "shopify", "webhookSecret": "%s", "brandName": "Load", "senderEmail": "hello@load.example"}"""
                        .formatted(SECRET))).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("registering the load shop: " + response.body());
        }
    }

    private static String order(String id) {
        String now = Instant.now().toString();
        return """
                {"id": "%1$s", "name": "#%1$s", "email": "%1$s@example.com", "created_at": "%2$s", "updated_at": "%2$s",
                 "currency": "EUR", "total_price": "10.00", "financial_status": "paid",
                 "line_items": [{"id": 1, "title": "Mug", "quantity": 1, "price": "10.00"}]}""".formatted(id, now);
    }
}
