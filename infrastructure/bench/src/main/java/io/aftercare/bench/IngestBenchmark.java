package io.aftercare.bench;

import io.aftercare.devkit.AdjustableClock;
import io.aftercare.devkit.TemplateTable;
import io.aftercare.devkit.WebhookSigner;
import io.aftercare.local.LocalAftercare;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * Webhook ingest through the local runner's HTTP endpoint, against a baseline measured in the same run: the raw
 * {@code TransactWriteItems} of exactly the items each delivery wrote (captured at the SDK), replayed into a second
 * table of the same definition on the same DynamoDB Local. Each sender replays a delivery's transaction right after
 * sending it, so both sides see the same load, JIT state and table size.
 */
final class IngestBenchmark {

    record Result(int senders, int deliveries, Percentiles endpoint, Percentiles baseline, double endpointPerSecond,
                  double requestsPerWebhook, double requestsPerDuplicate, int errors) {

        double p50Ratio() {
            return endpoint.p50() / baseline.p50();
        }

        double p99Ratio() {
            return endpoint.p99() / baseline.p99();
        }
    }

    private static final String SECRET = "bench-webhook-secret-0123456789";
    private static final String TOKEN = "bench-admin-token-0123456789abcdef";
    private static final String REPLAY_TABLE = "aftercare-replay";

    private final int deliveries;
    private final int warmUp;

    IngestBenchmark(int deliveries, int warmUp) {
        this.deliveries = deliveries;
        this.warmUp = warmUp;
    }

    Result run(int senders) throws Exception {
        var clock = new AdjustableClock(Instant.now());
        var transactions = new ConcurrentHashMap<String, TransactWriteItemsRequest>();
        var requests = new AtomicInteger();
        // Aftercare's own DynamoDB requests, counted, and each transaction kept by its order's key.
        ExecutionInterceptor watch = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                requests.incrementAndGet();
                if (context.request() instanceof TransactWriteItemsRequest transaction) {
                    var first = transaction.transactItems().get(0); // the order's update, which keeps the delivery's dedupe marker
                    transactions.putIfAbsent((first.put() != null ? first.put().item() : first.update().key()).get("PK").s(), transaction);
                }
            }
        };
        try (var local = LocalAftercare.start(LocalAftercare.Settings.ephemeral(TOKEN, clock).watchingDynamoDb(watch))) {
            DynamoDbClient baselineClient = local.dynamoDb().client();
            TemplateTable.fromRepository().createIfAbsent(baselineClient, REPLAY_TABLE);
            var sender = new Sender(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(), local.baseUri(),
                    transactions, baselineClient, new ConcurrentHashMap<>());
            sender.register();
            sender.run(0, warmUp, senders, "warm", false);         // JIT, connections, the shop cache
            requests.set(0);
            Run measured = sender.run(warmUp, deliveries, senders, "run", true);
            double perWebhook = requests.get() / (double) deliveries;
            int duplicates = Math.min(deliveries, 200);
            requests.set(0);
            sender.run(warmUp, duplicates, senders, "run", false); // the same delivery ids again
            double perDuplicate = requests.get() / (double) duplicates;
            return new Result(senders, deliveries, Percentiles.of(measured.endpoint()), Percentiles.of(measured.baseline()),
                    measured.perSecond(), perWebhook, perDuplicate, measured.errors());
        }
    }

    private record Run(long[] endpoint, long[] baseline, double perSecond, int errors) {
    }

    /** @param bodies each order's body, made once: a duplicate is the same delivery again, body and all */
    private record Sender(HttpClient http, URI base, Map<String, TransactWriteItemsRequest> transactions, DynamoDbClient dynamo,
                          Map<Integer, byte[]> bodies) {

        void register() throws Exception {
            var response = http.send(HttpRequest.newBuilder(base.resolve("/admin/shops"))
                    .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"id": "bench-shop", "platform": "shopify", "webhookSecret": "%s", "brandName": "Bench",
                             "senderEmail": "hello@bench.example"}""".formatted(SECRET))).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new IllegalStateException("registering the bench shop: " + response.body());
            }
        }

        /** Orders {@code first .. first+count-1} from {@code senders} threads, each a new order of a new customer. */
        Run run(int first, int count, int senders, String prefix, boolean withBaseline) throws Exception {
            long[] endpoint = new long[count];
            long[] baseline = new long[count];
            var errors = new AtomicInteger();
            var next = new AtomicInteger();
            var endpointNanos = new AtomicLong();
            ExecutorService pool = Executors.newFixedThreadPool(senders);
            try {
                List<Future<?>> running = new ArrayList<>();
                for (int s = 0; s < senders; s++) {
                    running.add(pool.submit(() -> {
                        for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                            String webhookId = prefix + "-" + (first + i);
                            endpoint[i] = post(webhookId, first + i, errors);
                            endpointNanos.addAndGet(endpoint[i]);
                            if (withBaseline) {
                                baseline[i] = replay(webhookId, first + i);
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : running) {
                    f.get();
                }
            } finally {
                pool.shutdown();
            }
            double perSecond = count / (endpointNanos.get() / 1e9 / senders);
            return new Run(endpoint, baseline, perSecond, errors.get());
        }

        private long post(String webhookId, int n, AtomicInteger errors) {
            byte[] body = bodies.computeIfAbsent(n, o -> order(o).getBytes(StandardCharsets.UTF_8));
            var request = HttpRequest.newBuilder(base.resolve("/webhooks/shopify/bench-shop")).POST(HttpRequest.BodyPublishers.ofByteArray(body));
            WebhookSigner.shopify(SECRET, body, "orders/create", webhookId, Instant.now()).forEach(request::header);
            long sent = System.nanoTime();
            try {
                if (http.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode() != 200) {
                    errors.incrementAndGet();
                }
            } catch (Exception e) {
                errors.incrementAndGet();
            }
            return System.nanoTime() - sent;
        }

        /** The same transaction this delivery wrote, into the replay table, timed. */
        private long replay(String webhookId, int n) {
            TransactWriteItemsRequest original = transactions.get("SHOP#bench-shop#ORDER#" + orderId(n));
            if (original == null) {
                throw new IllegalStateException("no transaction was captured for " + webhookId);
            }
            List<TransactWriteItem> items = original.transactItems().stream().map(item -> item.put() != null
                    ? item.toBuilder().put(item.put().toBuilder().tableName(REPLAY_TABLE).build()).build()
                    : item.toBuilder().update(item.update().toBuilder().tableName(REPLAY_TABLE).build()).build()).toList();
            var replay = original.toBuilder().transactItems(items).build();
            long sent = System.nanoTime();
            dynamo.transactWriteItems(replay);
            return System.nanoTime() - sent;
        }
    }

    /** A realistic Shopify order: two lines, a customer with a locale, created now. */
    private static int orderId(int n) {
        return 100_000 + n;
    }

    private static String order(int n) {
        String now = Instant.now().toString();
        return """
                {"id": %1$d, "name": "#%1$d", "email": "customer-%1$d@example.pl", "created_at": "%2$s", "updated_at": "%2$s",
                 "currency": "PLN", "total_price": "389.00", "financial_status": "paid", "customer_locale": "pl-PL",
                 "customer": {"id": %1$d, "email": "customer-%1$d@example.pl", "first_name": "Ola", "last_name": "Nowak"},
                 "line_items": [{"id": 1, "title": "Stovetop kettle 2 l", "quantity": 1, "price": "249.00"},
                                {"id": 2, "title": "Porcelain tea set", "quantity": 1, "price": "140.00"}],
                 "fulfillments": [], "refunds": []}""".formatted(orderId(n), now);
    }
}
