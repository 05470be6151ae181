package io.aftercare.lambda;

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

    public WebhookHandler() {
        this(Aftercare.instance());
    }

    public WebhookHandler(Aftercare app) {
        super(routes(app));
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
