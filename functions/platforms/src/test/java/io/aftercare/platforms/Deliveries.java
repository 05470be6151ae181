package io.aftercare.platforms;

import io.aftercare.domain.webhook.WebhookDelivery;
import java.util.Map;

/** Builds deliveries as the HTTP layer would hand them over. */
final class Deliveries {

    private Deliveries() {
    }

    static WebhookDelivery of(String platform, Map<String, String> headers, byte[] body) {
        return new WebhookDelivery(platform, "kettle-house", headers, body);
    }
}
