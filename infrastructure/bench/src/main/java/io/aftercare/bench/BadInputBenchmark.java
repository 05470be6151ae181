package io.aftercare.bench;

import io.aftercare.devkit.AdjustableClock;
import io.aftercare.devkit.Fixtures;
import io.aftercare.devkit.Mutations;
import io.aftercare.devkit.WebhookSigner;
import io.aftercare.local.LocalAftercare;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Hostile input over HTTP at volume: the platforms' own payloads mutated in every way {@link Mutations} knows, each
 * signed as sent (so it reaches the parser) and posted with an arbitrary content type, one at a time so that every
 * DynamoDB write is attributed to its request. Counted: server errors, and writes made for a rejected request.
 */
final class BadInputBenchmark {

    record Result(int inputs, int serverErrors, int strayWrites, Map<Integer, Integer> statuses) {
    }

    private static final List<String> SHOPIFY = List.of("orders-create.json", "fulfillments-create.json", "refunds-create.json",
            "fulfillment-events-create.json", "customers-create.json");
    private static final List<String> CONTENT_TYPES = List.of("application/json", "text/plain", "application/x-www-form-urlencoded",
            "application/octet-stream", "application/json; charset=latin1");
    private static final String TOKEN = "bad-input-admin-token-0123456789";
    private static final String SECRET = "bad-input-webhook-secret-0123";

    Result run(int inputs) throws Exception {
        var writes = new AtomicInteger();
        ExecutionInterceptor counter = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                if (!(context.request() instanceof GetItemRequest) && !(context.request() instanceof QueryRequest)) {
                    writes.incrementAndGet();
                }
            }
        };
        var settings = LocalAftercare.Settings.ephemeral(TOKEN, new AdjustableClock(Instant.parse("2022-01-01T00:01:00Z"))).watchingDynamoDb(counter);
        try (var local = LocalAftercare.start(settings)) {
            var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            http.send(HttpRequest.newBuilder(local.baseUri().resolve("/admin/shops")).header("Authorization", "Bearer " + TOKEN)
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"id": "fuzzed", "platform": "shopify", "webhookSecret": "%s", "brandName": "F", "senderEmail": "f@f.example"}"""
                            .formatted(SECRET))).build(), HttpResponse.BodyHandlers.discarding());
            var random = new SplittableRandom(2026);
            int serverErrors = 0;
            int stray = 0;
            Map<Integer, Integer> statuses = new TreeMap<>();
            Mutations.Kind[] kinds = Mutations.Kind.values();
            for (int i = 0; i < inputs; i++) {
                String fixture = SHOPIFY.get(random.nextInt(SHOPIFY.size()));
                byte[] body = Mutations.mutate(Fixtures.shopify(fixture), kinds[i % kinds.length], random);
                var request = HttpRequest.newBuilder(local.baseUri().resolve("/webhooks/shopify/fuzzed")).POST(HttpRequest.BodyPublishers.ofByteArray(body));
                WebhookSigner.shopify(SECRET, body, "orders/updated", "fuzz-" + i, Instant.EPOCH).forEach((name, value) -> {
                    if (!name.equals("Content-Type")) {
                        request.header(name, value);
                    }
                });
                request.header("Content-Type", CONTENT_TYPES.get(random.nextInt(CONTENT_TYPES.size())));
                writes.set(0);
                int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                statuses.merge(status, 1, Integer::sum);
                if (status >= 500) {
                    serverErrors++;
                }
                if (status >= 400 && writes.get() > 0) {
                    stray++;
                }
            }
            return new Result(inputs, serverErrors, stray, statuses);
        }
    }
}
