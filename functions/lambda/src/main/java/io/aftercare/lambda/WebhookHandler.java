package io.aftercare.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.aftercare.domain.webhook.WebhookDelivery;
import io.aftercare.lambda.http.HttpRequest;
import io.aftercare.lambda.http.WebhookResponses;

/** {@code POST /webhooks/{platform}/{shop}}: verify, deduplicate, record. */
public final class WebhookHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final Aftercare app;

    public WebhookHandler() {
        this(Aftercare.instance());
    }

    public WebhookHandler(Aftercare app) {
        this.app = app;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        var request = HttpRequest.of(event);
        var delivery = new WebhookDelivery(request.path("platform"), request.path("shop"), request.headers(), request.body());
        var outcome = app.webhooks().accept(delivery);
        return WebhookResponses.of(outcome);
    }
}
