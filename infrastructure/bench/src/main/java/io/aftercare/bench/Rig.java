package io.aftercare.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.aftercare.devkit.AdjustableClock;
import io.aftercare.devkit.FaultProxy;
import io.aftercare.devkit.LocalDynamoDb;
import io.aftercare.devkit.SesEmulator;
import io.aftercare.devkit.TemplateTable;
import io.aftercare.devkit.WebhookSigner;
import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.action.ClaimedAction;
import io.aftercare.domain.email.InboundDomain;
import io.aftercare.domain.shop.Branding;
import io.aftercare.domain.shop.Language;
import io.aftercare.domain.shop.Platform;
import io.aftercare.domain.shop.Secret;
import io.aftercare.domain.shop.ShopSettings;
import io.aftercare.domain.shop.SupportSettings;
import io.aftercare.lambda.ActionHandler;
import io.aftercare.lambda.Aftercare;
import io.aftercare.lambda.WebhookHandler;
import io.aftercare.lambda.queue.ActionMessages;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Aftercare wired for a benchmark in one JVM: DynamoDB Local, the SES emulator behind a fault proxy, a queue the
 * benchmark drains by hand, and a clock it moves. The same handlers the Lambdas run.
 */
final class Rig implements AutoCloseable {

    static final String SHOP = "bench-shop";
    static final String ADMIN_TOKEN = "bench-admin-token-0123456789abcdef";
    private static final String SECRET = "bench-webhook-secret-0123456789";

    final LocalDynamoDb dynamoDb;
    final DynamoDbClient dynamo;
    final SesEmulator ses;
    final FaultProxy proxy;
    final AdjustableClock clock;
    final Aftercare app;
    private final HeldQueue queue = new HeldQueue();
    private final WebhookHandler webhooks;

    Rig(Instant start, ExecutionInterceptor... watch) {
        this.dynamoDb = LocalDynamoDb.inMemory();
        this.ses = SesEmulator.start();
        this.proxy = new FaultProxy(ses.endpoint());
        this.clock = new AdjustableClock(start);
        this.dynamo = dynamoDb.client(watch);
        TemplateTable.fromRepository().createIfAbsent(dynamo, "bench");
        this.app = Aftercare.builder().dynamo(dynamo, "bench")
                .ses(() -> SesEmulator.client(proxy.endpoint()), Optional.empty())
                .linkKey(() -> "bench-link-key-0123456789-0123456789".getBytes(StandardCharsets.UTF_8))
                .publicUrl(() -> URI.create("https://bench.example"))
                .actionQueue(() -> queue)
                // receiving replies, as the local runner does: each email keeps its reply code and SES's id
                .inboundDomain(Optional.of(new InboundDomain("inbound.bench.example")))
                .clock(clock)
                .adminToken(() -> ADMIN_TOKEN)
                .build();
        registerShop(app);
        this.webhooks = new WebhookHandler(app);
    }

    /** The benchmarks' shop, on the generic platform. */
    static void registerShop(Aftercare app) {
        registerShop(app, SHOP);
    }

    /** Another shop like it. */
    static void registerShop(Aftercare app, String id) {
        app.shops().register(new ShopId(id), new ShopSettings(Platform.GENERIC, "Bench", new EmailAddress("hello@bench.example"),
                new EmailAddress("help@bench.example"), Language.EN, ZoneOffset.UTC, ShopSettings.DEFAULT_CHECK_IN_DELAY,
                ShopSettings.DEFAULT_SURVEY_DELAY, ShopSettings.DEFAULT_TRANSIT_ESTIMATE, Optional.empty(), Branding.DEFAULT,
                SupportSettings.defaults()), new Secret(SECRET));
    }

    /** A new order of {@code email}, placed now: its thank-you is due at once. */
    int order(String id, String email) {
        return webhooks.handleRequest(orderEvent(id, email, clock.instant()), null).getStatusCode();
    }

    /** The signed generic webhook of a new order of {@code email}, placed {@code at}. */
    static APIGatewayV2HTTPEvent orderEvent(String id, String email, Instant at) {
        String body = """
                {"schema": "aftercare.webhook.v1", "id": "evt-%1$s", "type": "order.created", "occurred_at": "%2$s",
                 "data": {"id": "%1$s", "created_at": "%2$s", "currency": "EUR", "total": "10.00",
                          "customer": {"email": "%3$s", "locale": "en"}, "lines": [{"title": "Mug", "quantity": 1, "price": "10.00"}]}}"""
                .formatted(id, at, email);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new HashMap<>();
        WebhookSigner.generic(SECRET, bytes).forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v));
        return APIGatewayV2HTTPEvent.builder().withRouteKey("POST /webhooks/{platform}/{shop}")
                .withPathParameters(Map.of("platform", "generic", "shop", SHOP)).withHeaders(headers).withBody(body).build();
    }

    /** The sweep's claims, taken off the queue. */
    List<ClaimedAction> sweep() {
        app.sweep().run();
        return queue.take();
    }

    /** Runs claimed actions as one SQS batch through the action handler; returns how many failed (left for a retry). */
    int work(List<ClaimedAction> actions) {
        return new ActionHandler(app).handleRequest(ActionMessages.event(actions), null).getBatchItemFailures().size();
    }

    @Override
    public void close() {
        proxy.close();
        ses.close();
        dynamoDb.close();
    }
}
