package io.aftercare.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.aftercare.platforms.generic.GenericAdapter;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.Map;
import io.aftercare.domain.webhook.WebhookDelivery;
import io.aftercare.lambda.http.HttpResponses;
import io.aftercare.lambda.http.RoutedHandler;
import io.aftercare.lambda.http.Routes;
import io.aftercare.lambda.http.WebhookResponses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code POST /webhooks/{platform}/{shop}}: verify, deduplicate, record. */
public final class WebhookHandler extends RoutedHandler {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookHandler.class);
    /** Before a SnapStart snapshot: a delivery's path, without any shop's data. */
    private static final Priming PRIMING = Priming.register(WebhookHandler::prime);
    /** An order as the generic schema sends it, made up: parsed (not recorded) when priming. */
    private static final String SAMPLE_ORDER = """
            {"schema": "aftercare.webhook.v1", "id": "priming", "type": "order.created", "occurred_at": "2026-01-01T00:00:00Z",
             "data": {"id": "1", "number": "#1", "created_at": "2026-01-01T00:00:00Z", "currency": "EUR", "total": "1.00",
                      "customer": {"email": "priming@example.com", "name": "Priming", "locale": "en"},
                      "lines": [{"title": "Priming", "quantity": 1, "price": "1.00"}]}}""";

    public WebhookHandler() {
        this(Aftercare.instance());
    }

    public WebhookHandler(Aftercare app) {
        super(routes(app));
    }

    /**
     * The SDK's request path (a GetItem of a key no item has), the route, its JSON answer and the metrics (an activation
     * ping, which needs no shop) and the platforms' JSON mapping (a made-up order, parsed, not recorded). What the
     * checkpoint hook runs; public for the cold-start benchmark, which measures a primed first request.
     */
    public static void prime() {
        prime(Aftercare.instance());
    }

    static void prime(Aftercare app) {
        app.primeStorage();
        var ping = APIGatewayV2HTTPEvent.builder().withRouteKey("POST /webhooks/{platform}/{shop}")
                .withPathParameters(Map.of("platform", "woocommerce", "shop", "priming"))
                .withHeaders(Map.of("content-type", "application/x-www-form-urlencoded"))
                .withBody("webhook_id=1").withIsBase64Encoded(false).build();
        new WebhookHandler(app).handleRequest(ping, null);
        new GenericAdapter().parse(new WebhookDelivery("generic", "priming", Map.of("content-type", "application/json"),
                SAMPLE_ORDER.getBytes(StandardCharsets.UTF_8)), ZoneOffset.UTC);
    }

    private static Routes routes(Aftercare app) {
        var webhooks = app.webhooks();
        var telemetry = app.telemetry();
        return Routes.open().on("POST /webhooks/{platform}/{shop}", request -> {
            var delivery = new WebhookDelivery(request.path("platform"), request.path("shop"), request.headers(), request.body());
            try {
                var outcome = webhooks.accept(delivery);
                telemetry.webhook(outcome);
                LOG.info("webhook {}", WebhookResponses.describe(outcome)); // never the body or headers: they carry customers' data and signatures
                return WebhookResponses.of(outcome);
            } catch (RuntimeException e) {
                // DynamoDB unreachable or throttling: a 5xx makes the platform retry later, and nothing was recorded
                LOG.error("webhook failed; the platform will retry: {}", Failures.describe(e));
                return HttpResponses.error(500, "internal_error", "The delivery was not recorded; please retry.");
            }
        });
    }
}
