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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An open-loop load on the local runner's webhook endpoint, loopback only, bounded in count and time: each step sends
 * at a fixed rate whatever the answers, and latency counts from the moment a request was due, so queueing shows.
 * After each step every delivery answered "recorded" is looked up in the table: acknowledged means stored.
 */
final class LoadBenchmark {

    record Step(int rate, int sent, int recorded, int errors, Percentiles latency, int acknowledgedButMissing) {
        /** The runner kept up: every delivery recorded, p99 under 200 ms. */
        boolean held() {
            return errors == 0 && recorded == sent && latency.p99() < 200;
        }
    }

    private static final String TOKEN = "load-admin-token-0123456789abcdef";
    private static final String SECRET = "load-webhook-secret-0123456789";

    List<Step> run(int[] rates, Duration each) throws Exception {
        List<Step> steps = new ArrayList<>();
        try (var local = LocalAftercare.start(LocalAftercare.Settings.ephemeral(TOKEN, new AdjustableClock(Instant.now())))) {
            var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
            register(http, local.baseUri());
            for (int rate : rates) {
                steps.add(step(http, local, rate, each));
            }
        }
        return steps;
    }

    private Step step(HttpClient http, LocalAftercare local, int rate, Duration each) throws Exception {
        int count = (int) (rate * each.toMillis() / 1000);
        long[] latency = new long[count];
        var recorded = new AtomicInteger();
        var errors = new AtomicInteger();
        List<String> acknowledged = java.util.Collections.synchronizedList(new ArrayList<>());
        var scheduler = Executors.newScheduledThreadPool(4);
        List<CompletableFuture<Void>> inFlight = java.util.Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            final int n = i;
            long dueNanos = start + (long) (i * 1e9 / rate);
            scheduler.schedule(() -> {
                String id = "load-" + rate + "-" + n;
                byte[] body = order(id).getBytes(StandardCharsets.UTF_8);
                var request = HttpRequest.newBuilder(local.baseUri().resolve("/webhooks/shopify/load-shop")).timeout(Duration.ofSeconds(10))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
                WebhookSigner.shopify(SECRET, body, "orders/create", id, Instant.now()).forEach(request::header);
                inFlight.add(http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()).handle((response, failure) -> {
                    latency[n] = System.nanoTime() - dueNanos;
                    if (failure != null || response.statusCode() != 200) {
                        errors.incrementAndGet();
                    } else if (response.body().contains("\"recorded\"")) {
                        recorded.incrementAndGet();
                        acknowledged.add(id);
                    }
                    return null;
                }));
            }, Math.max(0, dueNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        scheduler.shutdown();
        scheduler.awaitTermination(each.toSeconds() + 30, TimeUnit.SECONDS);
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        int missing = 0;
        var dynamo = local.dynamoDb().client();
        for (String id : acknowledged) {
            var marker = dynamo.getItem(b -> b.tableName(LocalAftercare.TABLE).key(Map.of(
                    "PK", AttributeValue.fromS("SHOP#load-shop#DELIVERY#shopify:" + id), "SK", AttributeValue.fromS("DELIVERY")))).item();
            if (marker == null || marker.isEmpty()) {
                missing++;
            }
        }
        return new Step(rate, count, recorded.get(), errors.get(), Percentiles.of(latency), missing);
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
