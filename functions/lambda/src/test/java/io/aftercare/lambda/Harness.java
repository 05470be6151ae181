package io.aftercare.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.DynamodbTimeWindowEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.events.TimeWindowEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aftercare.devkit.AdjustableClock;
import io.aftercare.devkit.LocalSqs;
import io.aftercare.devkit.QueueWorker;
import io.aftercare.devkit.SesEmulator;
import io.aftercare.devkit.SesMailbox;
import io.aftercare.devkit.ShopApiServer;
import io.aftercare.devkit.StreamWorker;
import io.aftercare.devkit.TestQueues;
import io.aftercare.devkit.TestTable;
import io.aftercare.devkit.WebhookSigner;
import io.aftercare.domain.PageRequest;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.action.SendRates;
import io.aftercare.domain.action.Sweep;
import io.aftercare.domain.email.InboundDomain;
import io.aftercare.domain.order.OrderId;
import io.aftercare.domain.shop.Language;
import io.aftercare.domain.ticket.ChatWebhookUrl;
import io.aftercare.dynamodb.MetricsAggregator;
import io.aftercare.email.TimelineWording;
import io.aftercare.lambda.inbound.S3InboundBucket;
import io.aftercare.lambda.queue.SqsActionQueue;
import io.aftercare.platforms.discounts.PlatformHttp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Aftercare wired to a DynamoDB Local table and an adjustable clock, driven through its real handlers with the
 * events API Gateway would send. With email, the sweep queues its actions in SQS queues of this harness's own (urgent
 * and bulk, in ElasticMQ, made from {@code template.yaml}), from which {@link #work()} hands them to the action handler
 * as Lambda's event source mappings would, urgent first.
 */
final class Harness {

    static final String ADMIN_TOKEN = "test-admin-token-0123456789abcdef";
    static final String SECRET = "shop-webhook-secret-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    final TestTable table;
    final AdjustableClock clock;
    /** What chat webhook hosts resolve to; loopback chat is allowed, as under AFTERCARE_ALLOW_LOOPBACK_CHAT=true. */
    final FakeDns dns = new FakeDns();
    final Aftercare app;
    private final WebhookHandler webhooks;
    private final AdminHandler admin;
    private final AgentApiHandler agentApi;
    private final LocalSqs.ActionQueues queues;
    private final QueueWorker worker;
    /** Shops' own APIs (Shopify, WooCommerce), served locally once a test asks; waits for their rate limits are recorded, not slept. */
    private ShopApiServer shopApis;
    final List<Duration> shopApiPauses = new CopyOnWriteArrayList<>();

    Harness(TestTable table, Instant start) {
        this(table, table.client(), start);
    }

    Harness(TestTable table, DynamoDbClient client, Instant start) {
        this(table, client, start, (Supplier<SesV2Client>) null);
    }

    /** With email: the SES emulator, signed links under {@link #PUBLIC_URL}, and an action queue {@link #work()} drains. */
    Harness(TestTable table, Instant start, SesMailbox ses) {
        this(table, table.client(), start, ses::client);
    }

    /** With email, and DynamoDB through {@code client} (one that counts its requests, say). */
    Harness(TestTable table, DynamoDbClient client, Instant start, SesMailbox ses) {
        this(table, client, start, (Supplier<SesV2Client>) ses::client);
    }

    /** With email sent through {@code ses}: a client for the emulator, or for a fault proxy in front of it. */
    Harness(TestTable table, Instant start, Supplier<SesV2Client> ses) {
        this(table, table.client(), start, ses);
    }

    /** With email, and customers' replies received at {@code inbound}. */
    Harness(TestTable table, Instant start, SesMailbox ses, InboundDomain inbound) {
        this(table, table.client(), start, ses::client, Optional.of(inbound));
    }

    /** With email, replies received at {@code inbound}, and DynamoDB through {@code client}. */
    Harness(TestTable table, DynamoDbClient client, Instant start, SesMailbox ses, InboundDomain inbound) {
        this(table, client, start, ses::client, Optional.of(inbound));
    }

    private Harness(TestTable table, DynamoDbClient client, Instant start, Supplier<SesV2Client> ses) {
        this(table, client, start, ses, Optional.empty());
    }

    private Harness(TestTable table, DynamoDbClient client, Instant start, Supplier<SesV2Client> ses, Optional<InboundDomain> inbound) {
        this.table = table;
        this.clock = new AdjustableClock(start);
        var builder = Aftercare.builder().dynamo(client, table.name()).adminToken(() -> ADMIN_TOKEN).clock(clock)
                // bulk rates so high that a sweep queues every bulk action at once (no delay), as one receive reads the
                // queue: pacing is ShardedSweepTest's and the wave benchmark's
                .sweepSettings(() -> new Sweep.Settings(Sweep.INTERVAL, Sweep.Settings.DEFAULT.budget(), Sweep.Settings.DEFAULT.claimConcurrency(),
                        new SendRates(1_000, 1_000)))
                .chatWebhooks(new ChatWebhookUrl.Rules(dns, true))
                .inboundDomain(inbound)
                // the tests' one S3-compatible server, started by the first test that receives mail
                .inbound(() -> new S3InboundBucket(TestS3.server().client(), TestS3.server().presigner(), TestS3.BUCKET))
                .shopApis(new PlatformHttp(HttpClient.newHttpClient(), asked -> shopApis().local(asked), shopApiPauses::add, dns.orPublic()));
        this.queues = ses == null ? null : TestQueues.actions();
        if (ses != null) {
            var actionQueue = new SqsActionQueue(TestQueues.sqs().client(), queues.urgent().url(), queues.bulk().url());
            builder.ses(ses, Optional.empty())
                    .linkKey(() -> LINK_KEY.getBytes(StandardCharsets.UTF_8))
                    .publicUrl(() -> URI.create(PUBLIC_URL))
                    .actionQueue(() -> actionQueue);
        }
        this.app = builder.build();
        this.webhooks = new WebhookHandler(app);
        this.admin = new AdminHandler(app);
        this.agentApi = new AgentApiHandler(app);
        this.worker = queues == null ? null : worker(app, queues);
    }

    synchronized ShopApiServer shopApis() {
        if (shopApis == null) {
            try {
                shopApis = new ShopApiServer();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return shopApis;
    }

    private static QueueWorker worker(Aftercare app, LocalSqs.ActionQueues queues) {
        var actions = new ActionHandler(app);
        return new QueueWorker(TestQueues.sqs().client(), queues.urls(), event -> actions.handleRequest(event, null));
    }

    static final String LINK_KEY = "test-link-signing-key-0123456789abcdef";
    static final String PUBLIC_URL = "https://aftercare.example";

    /** One sweep, then every queued action through the action handler as SQS would deliver it. */
    SQSBatchResponse sweepAndWork() {
        new SweepHandler(app).handleRequest(new ScheduledEvent(), null);
        return work();
    }

    /** Every message visible in the action queue through the action handler, ten per event; the failures stay queued. */
    SQSBatchResponse work() {
        return response(worker.drain());
    }

    /** Messages already received (by {@link #receive()}) through the action handler, as a worker that got them would. */
    SQSBatchResponse work(List<Message> received) {
        return response(worker.handle(received));
    }

    private static SQSBatchResponse response(QueueWorker.Polled polled) {
        return SQSBatchResponse.builder().withBatchItemFailures(polled.failures()).build();
    }

    /** Receives every visible message and runs none: they stay queued, hidden for the visibility timeout. */
    List<Message> receive() {
        List<Message> received = new ArrayList<>();
        for (var batch = worker.receive(Duration.ZERO); !batch.isEmpty(); batch = worker.receive(Duration.ZERO)) {
            received.addAll(batch);
        }
        return received;
    }

    /** Their visibility timeout over (ten at a time, as SQS takes them): SQS delivers these received messages again. */
    void visibilityTimeoutEnds(List<Message> received) {
        for (int from = 0; from < received.size(); from += 10) {
            Map<String, List<ChangeMessageVisibilityBatchRequestEntry>> byQueue = new HashMap<>();
            for (Message message : received.subList(from, Math.min(received.size(), from + 10))) {
                List<ChangeMessageVisibilityBatchRequestEntry> entries = byQueue.computeIfAbsent(worker.queueOf(message), url -> new ArrayList<>());
                entries.add(ChangeMessageVisibilityBatchRequestEntry.builder().id(Integer.toString(entries.size()))
                        .receiptHandle(message.receiptHandle()).visibilityTimeout(0).build());
            }
            byQueue.forEach((url, entries) -> TestQueues.sqs().client().changeMessageVisibilityBatch(b -> b.queueUrl(url).entries(entries)));
        }
    }

    /** Messages in the action queues, visible or not. */
    int queued() {
        return TestQueues.sqs().messagesIn(queues.urgent().url()) + TestQueues.sqs().messagesIn(queues.bulk().url());
    }

    /** The table's stream read by the aggregator's handler, as its event source mapping would (the class must be a {@code @TableStream}). */
    StreamWorker aggregatorStream() {
        return aggregatorStream(handler -> handler);
    }

    /** As {@link #aggregatorStream()}, with {@code mapping} between the worker and the handler: how Lambda hands a batch over again. */
    StreamWorker aggregatorStream(UnaryOperator<Function<DynamodbTimeWindowEvent, TimeWindowEventResponse>> mapping) {
        var aggregator = new AggregatorHandler(app);
        return new StreamWorker(table.local().streamsClient(), StreamWorker.streamOf(table.client(), table.name()),
                MetricsAggregator.FOLDED_TYPES, mapping.apply(event -> aggregator.handleRequest(event, null)));
    }

    /**
     * A complaint through the shop's generic webhook, swept and acknowledged by email in {@code ses}.
     *
     * @return the Reply-To the acknowledgement carried
     */
    String acknowledged(SesMailbox ses, String shop, String id, String email) {
        var opened = generic(shop, genericEvent("complaint.created", "evt-" + id, """
                {"id": "%s", "subject": "The kettle lid is scratched", "message": "It arrived scratched. What now?",
                 "customer": {"email": "%s", "name": "Ola Nowak", "locale": "pl"}}""".formatted(id, email)));
        if (opened.status() != 200) {
            throw new AssertionError("the complaint was not recorded: " + opened.status() + " " + opened.body());
        }
        sweepAndWork();
        String number = opened.json().path("ticket").asText();
        return ses.emailsTo(email).reversed().stream().filter(e -> e.subject().contains(number)).findFirst().orElseThrow().replyTo().getFirst();
    }

    /** The token of a survey email's one-click link for {@code score}, from its text part as the emulator stored it. */
    static String scoreToken(SesEmulator.Email email, int score) {
        Matcher link = Pattern.compile("(?m)^" + score + ": " + Pattern.quote(PUBLIC_URL) + "/f/(\\S+)$").matcher(email.text());
        if (!link.find()) {
            throw new AssertionError("no link for " + score + " in\n" + email.text());
        }
        return link.group(1);
    }

    Response registerShop(String id, String platform) {
        return admin("POST /admin/shops", Map.of(), """
                {"id": "%s", "platform": "%s", "webhookSecret": "%s", "brandName": "Kettle House",
                 "senderEmail": "hello@kettlehouse.example", "replyToEmail": "support@kettlehouse.example",
                 "defaultLanguage": "pl", "timeZone": "Europe/Warsaw"}""".formatted(id, platform, SECRET));
    }

    Response shopify(String shop, byte[] body, String topic) {
        return shopify(shop, body, topic, UUID.randomUUID().toString(), clock.instant());
    }

    Response shopify(String shop, byte[] body, String topic, String webhookId, Instant triggeredAt) {
        return webhook("shopify", shop, WebhookSigner.shopify(SECRET, body, topic, webhookId, triggeredAt), body);
    }

    Response wooCommerce(String shop, byte[] body, String topic) {
        return webhook("woocommerce", shop, WebhookSigner.wooCommerce(SECRET, body, topic, UUID.randomUUID().toString()), body);
    }

    Response generic(String shop, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return webhook("generic", shop, WebhookSigner.generic(SECRET, bytes), bytes);
    }

    Response webhook(String platform, String shop, Map<String, String> headers, byte[] body) {
        var event = event("POST /webhooks/{platform}/{shop}", Map.of("platform", platform, "shop", shop), headers, body);
        return new Response(webhooks.handleRequest(event, null));
    }

    Response admin(String routeKey, Map<String, String> path, String body) {
        var headers = Map.of("Authorization", "Bearer " + ADMIN_TOKEN, "Content-Type", "application/json");
        return new Response(admin.handleRequest(event(routeKey, path, headers, body.getBytes(StandardCharsets.UTF_8)), null));
    }

    Response agent(String routeKey, Map<String, String> path, Map<String, String> query) {
        return agent(routeKey, path, query, Map.of());
    }

    /** An agent API call with headers of its own (beside the admin token). */
    Response agent(String routeKey, Map<String, String> path, Map<String, String> query, Map<String, String> headers) {
        Map<String, String> all = new HashMap<>(headers);
        all.put("Authorization", "Bearer " + ADMIN_TOKEN);
        var event = event(routeKey, path, all, new byte[0]);
        event.setQueryStringParameters(query);
        return new Response(agentApi.handleRequest(event, null));
    }

    Response customerPage(String routeKey, String token, String formBody) {
        return customerPage(routeKey, token, formBody, Map.of());
    }

    Response customerPage(String routeKey, String token, String formBody, Map<String, String> query) {
        var event = event(routeKey, Map.of("token", token), Map.of("Content-Type", "application/x-www-form-urlencoded"),
                formBody.getBytes(StandardCharsets.UTF_8));
        event.setQueryStringParameters(query);
        return new Response(new CustomerPagesHandler(app).handleRequest(event, null));
    }

    /** An agent API call with a JSON body. */
    Response agentBody(String routeKey, Map<String, String> path, String body) {
        var event = event(routeKey, path, Map.of("Authorization", "Bearer " + ADMIN_TOKEN, "Content-Type", "application/json"),
                body.getBytes(StandardCharsets.UTF_8));
        return new Response(agentApi.handleRequest(event, null));
    }

    JsonNode orderTimeline(String shop, String orderId) {
        return agent("GET /api/shops/{shop}/orders/{orderId}/timeline", Map.of("shop", shop, "orderId", orderId), Map.of("limit", "200", "lang", "en")).json();
    }

    /** A return's own timeline, worded in English. */
    List<String> returnSummaries(String shop, String orderId, String returnId) {
        var wording = new TimelineWording();
        return app.timelines().returnTimeline(new ShopId(shop), new OrderId(orderId), returnId, PageRequest.first(100)).items().stream()
                .map(entry -> wording.summary(entry.text(), Language.EN))
                .toList();
    }

    JsonNode order(String shop, String orderId) {
        return agent("GET /api/shops/{shop}/orders/{orderId}", Map.of("shop", shop, "orderId", orderId), Map.of()).json();
    }

    JsonNode ticket(String shop, String ticketId) {
        return agent("GET /api/shops/{shop}/tickets/{ticketId}", Map.of("shop", shop, "ticketId", ticketId), Map.of()).json().path("ticket");
    }

    /** A new generic order of {@code email} in {@code shop}, placed now: its thank-you is due at once. */
    Response newOrder(String shop, String orderId, String email) {
        return generic(shop, genericEvent("order.created", "evt-" + orderId, """
                {"id": "%1$s", "created_at": "%2$s", "currency": "EUR", "total": "10.00",
                 "customer": {"email": "%3$s", "locale": "en"}, "lines": [{"title": "Mug", "quantity": 1, "price": "10.00"}]}"""
                .formatted(orderId, clock.instant(), email)));
    }

    /** The summaries on the order's timeline, newest first. */
    List<String> orderSummaries(String shop, String orderId) {
        List<String> summaries = new java.util.ArrayList<>();
        orderTimeline(shop, orderId).path("items").forEach(e -> summaries.add(e.path("summary").asText()));
        return summaries;
    }

    /** The summaries on the ticket's timeline (its first 50 entries), newest first. */
    List<String> ticketSummaries(String shop, String ticketId) {
        List<String> summaries = new java.util.ArrayList<>();
        agent("GET /api/shops/{shop}/tickets/{ticketId}", Map.of("shop", shop, "ticketId", ticketId), Map.of("lang", "en")).json()
                .path("ticketTimeline").path("items").forEach(e -> summaries.add(e.path("summary").asText()));
        return summaries;
    }

    /** The summaries on the shop's audit trail (its first 100 entries, as its managers and owners read it), newest first. */
    List<String> auditTrail(String shop) {
        var event = event("GET /api/shops/{shop}/audit", Map.of("shop", shop), Map.of("Authorization", "Bearer " + ADMIN_TOKEN), new byte[0]);
        event.setQueryStringParameters(Map.of("lang", "en", "limit", "100"));
        var response = new Response(new AccessHandler(app).handleRequest(event, null));
        if (response.status() != 200) {
            throw new AssertionError("the audit trail answered " + response.status() + ": " + response.body());
        }
        List<String> summaries = new ArrayList<>();
        response.json().path("items").forEach(e -> summaries.add(e.path("summary").asText()));
        return summaries;
    }

    /** A generic-format event, its id made unique (so each call is a new delivery), occurring now. */
    String genericEvent(String type, String id, String data) {
        return """
                {"schema": "aftercare.webhook.v1", "id": "%s", "type": "%s", "occurred_at": "%s", "data": %s}"""
                .formatted(id + "-" + UUID.randomUUID(), type, clock.instant(), data);
    }

    /** As API Gateway's HTTP API delivers it: lowercased header names, a JSON body as text. */
    static APIGatewayV2HTTPEvent event(String routeKey, Map<String, String> path, Map<String, String> headers, byte[] body) {
        Map<String, String> lowercased = new HashMap<>();
        headers.forEach((name, value) -> lowercased.put(name.toLowerCase(Locale.ROOT), value));
        return APIGatewayV2HTTPEvent.builder()
                .withRouteKey(routeKey)
                .withPathParameters(path)
                .withHeaders(lowercased)
                .withBody(new String(body, StandardCharsets.UTF_8))
                .withIsBase64Encoded(false)
                .build();
    }

    record Response(int status, String body, Map<String, String> headers) {

        Response(APIGatewayV2HTTPResponse response) {
            this(response.getStatusCode(), response.getBody(), response.getHeaders() == null ? Map.of() : response.getHeaders());
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
