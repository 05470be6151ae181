package io.aftercare.bench;

import io.aftercare.devkit.AdjustableClock;
import io.aftercare.devkit.WebhookSigner;
import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.order.OrderId;
import io.aftercare.domain.timeline.EntryKind;
import io.aftercare.domain.timeline.EntryText;
import io.aftercare.domain.timeline.Phrase;
import io.aftercare.domain.timeline.Subject;
import io.aftercare.domain.timeline.TimelineEntry;
import io.aftercare.domain.timeline.Vocabulary;
import io.aftercare.dynamodb.DynamoTimelineAppender;
import io.aftercare.local.LocalAftercare;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * What the metrics cost: the DynamoDB requests and capacity units the aggregator spends per webhook and per email
 * (counted at the SDK, capacity as DynamoDB Local reports it), against the baseline of the ingest's own requests per
 * webhook in the same run (which must stay 1: the aggregator is off the request path); and the metrics API's latency
 * for a year of daily aggregates against one day's, over the local runner's HTTP endpoint.
 */
final class MetricsBenchmark {

    record Result(int webhooks, double ingestRequestsPerWebhook, double aggregatorRequestsPerWebhook, double aggregatorUnitsPerWebhook,
                  int emails, double aggregatorRequestsPerEmail, double aggregatorUnitsPerEmail,
                  int days, Percentiles oneDay, Percentiles yearByMonth, Percentiles yearByDay, int calls) {
    }

    private static final String SECRET = "bench-webhook-secret-0123456789";
    static final String TOKEN = "bench-admin-token-0123456789abcdef";
    static final String SHOP = "bench-shop";
    private static final LocalDate YEAR_START = LocalDate.of(2025, 12, 1);

    private final int webhooks;
    private final int days;
    private final int calls;

    /** @param days how many days of aggregates the long report reads (365 for the figures: a year) */
    MetricsBenchmark(int webhooks, int days, int calls) {
        this.webhooks = webhooks;
        this.days = days;
        this.calls = calls;
    }

    Result run() throws Exception {
        // requests counted as sent, retries included; units as each response reports them
        var requests = new Counter();
        var capacity = new Capacity();
        var clock = new AdjustableClock(Instant.now());
        try (var local = LocalAftercare.start(LocalAftercare.Settings.ephemeral(TOKEN, clock).watchingDynamoDb(requests, capacity))) {
            var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            register(http, local.baseUri());
            order(http, local.baseUri(), 99_999, 99_999, Instant.now()); // warm: the shop cache, the JIT, the connections
            local.aggregate();

            requests.count.set(0);
            for (int i = 0; i < webhooks; i++) {
                order(http, local.baseUri(), 100_000 + i, i, Instant.now());
            }
            double ingest = requests.count.get() / (double) webhooks;
            requests.count.set(0);
            capacity.reset();
            local.aggregate();
            double perWebhook = requests.count.get() / (double) webhooks;
            double unitsPerWebhook = capacity.units() / webhooks;

            // each email sent records its EMAIL_SENT entry, which is what reaches the aggregator
            var timeline = new DynamoTimelineAppender(local.dynamoDb().client(), LocalAftercare.TABLE);
            for (int i = 0; i < webhooks; i++) {
                timeline.write(new ShopId(SHOP), new TimelineEntry("sent-thank-you", Subject.order(new OrderId(Integer.toString(100_000 + i))), Instant.now(),
                        EntryKind.EMAIL_SENT, EntryText.of(Phrase.EMAIL_SENT).with("email", Vocabulary.EMAIL.code("THANK_YOU")), Optional.empty()),
                        new EmailAddress("customer-" + i + "@example.pl").hash());
            }
            requests.count.set(0);
            capacity.reset();
            local.aggregate();
            double perEmail = requests.count.get() / (double) webhooks;
            double unitsPerEmail = capacity.units() / webhooks;

            // a year of days, each with orders of two customers (one of them returning every month)
            for (int day = 0; day < days; day++) {
                Instant at = YEAR_START.plusDays(day).atTime(12, 0).toInstant(ZoneOffset.UTC);
                order(http, local.baseUri(), 200_000 + day, 10_000 + day, at);
                order(http, local.baseUri(), 300_000 + day, 20_000 + day % 30, at.plusSeconds(600));
            }
            local.aggregate();

            URI api = local.baseUri();
            String lastDay = YEAR_START.plusDays(days - 1).toString();
            timed(http, api, lastDay, lastDay, "day", calls); // warm-up
            timed(http, api, YEAR_START.toString(), lastDay, "month", calls);
            var oneDay = timed(http, api, lastDay, lastDay, "day", calls);
            var byMonth = timed(http, api, YEAR_START.toString(), lastDay, "month", calls);
            var byDay = timed(http, api, YEAR_START.toString(), lastDay, "day", calls);
            return new Result(webhooks, ingest, perWebhook, unitsPerWebhook, webhooks, perEmail, unitsPerEmail, days, oneDay, byMonth, byDay, calls);
        }
    }

    private static Percentiles timed(HttpClient http, URI base, String from, String to, String period, int calls) throws Exception {
        long[] nanos = new long[calls];
        for (int i = 0; i < calls; i++) {
            var request = HttpRequest.newBuilder(base.resolve("/api/shops/" + SHOP + "/metrics?from=" + from + "&to=" + to + "&period=" + period))
                    .header("Authorization", "Bearer " + TOKEN).GET().build();
            long sent = System.nanoTime();
            var response = http.send(request, HttpResponse.BodyHandlers.ofString());
            nanos[i] = System.nanoTime() - sent;
            if (response.statusCode() != 200) {
                throw new IllegalStateException("metrics API: " + response.statusCode() + " " + response.body());
            }
        }
        return Percentiles.of(nanos);
    }

    /** The shop, through the admin API (the local runner started with {@link #TOKEN}). */
    static void register(HttpClient http, URI base) throws Exception {
        var response = http.send(HttpRequest.newBuilder(base.resolve("/admin/shops"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"id": "%s", "platform": "shopify", "webhookSecret": "%s", "brandName": "Bench",
                         "senderEmail": "hello@bench.example", "timeZone": "Europe/Warsaw"}""".formatted(SHOP, SECRET))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("registering the bench shop: " + response.body());
        }
    }

    /** A Shopify order of customer {@code n}, created at {@code at}. */
    static void order(HttpClient http, URI base, int orderId, int n, Instant at) throws Exception {
        byte[] body = """
                {"id": %1$d, "name": "#%1$d", "email": "customer-%2$d@example.pl", "created_at": "%3$s", "updated_at": "%3$s",
                 "currency": "PLN", "total_price": "389.00", "financial_status": "paid", "customer_locale": "pl-PL",
                 "customer": {"id": %2$d, "email": "customer-%2$d@example.pl", "first_name": "Ola", "last_name": "Nowak"},
                 "line_items": [{"id": 1, "title": "Stovetop kettle 2 l", "quantity": 1, "price": "249.00"},
                                {"id": 2, "title": "Porcelain tea set", "quantity": 1, "price": "140.00"}],
                 "fulfillments": [], "refunds": []}""".formatted(orderId, n, at)
                .getBytes(StandardCharsets.UTF_8);
        var request = HttpRequest.newBuilder(base.resolve("/webhooks/shopify/" + SHOP)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        WebhookSigner.shopify(SECRET, body, "orders/create", "bench-" + orderId, Instant.now()).forEach(request::header);
        var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("webhook: " + response.statusCode() + " " + response.body());
        }
    }
}
