package io.aftercare.domain.webhook;

import io.aftercare.domain.shop.Platform;
import io.aftercare.domain.shop.Secret;

/** Port: one e-shop platform's webhook dialect. */
public interface PlatformAdapter {

    Platform platform();

    /** A request the platform sends to test the URL, unsigned, which must get a 200 (WooCommerce's activation ping). */
    default boolean isActivationPing(WebhookDelivery delivery) {
        return false;
    }

    /** Whether the delivery carries a valid signature made with {@code secret}; compared in constant time. */
    boolean signatureMatches(WebhookDelivery delivery, Secret secret);

    /** @throws MalformedDelivery when the delivery is signed but cannot be understood */
    ParsedDelivery parse(WebhookDelivery delivery);
}
