package io.aftercare.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.aftercare.domain.webhook.WebhookDelivery;
import io.aftercare.lambda.http.HttpRequest;
import io.aftercare.lambda.http.HttpResponses;
import io.aftercare.lambda.http.RoutedHandler;
import io.aftercare.lambda.http.WebhookResponses;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code POST /webhooks/{platform}/{shop}}: verify, deduplicate, record. */
public final class WebhookHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>, RoutedHandler {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookHandler.class);

    private final Aftercare app;

    public WebhookHandler() {
        this(Aftercare.instance());
    }

    public WebhookHandler(Aftercare app) {
        this.app = app;
        app.webhooks();
    }

    @Override
    public Set<String> routeKeys() {
        return Set.of("POST /webhooks/{platform}/{shop}");
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        var request = HttpRequest.of(event);
        var delivery = new WebhookDelivery(request.path("platform"), request.path("shop"), request.headers(), request.body());
        return Invocations.logged(context, Map.of("shop", delivery.shop(), "platform", delivery.platform()), () -> {
            try {
                var outcome = app.webhooks().accept(delivery);
                app.telemetry().webhook(outcome);
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
