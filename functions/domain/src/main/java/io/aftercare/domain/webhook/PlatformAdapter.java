package io.aftercare.domain.webhook;

import io.aftercare.domain.shop.Platform;
import io.aftercare.domain.shop.Secret;
import java.time.ZoneId;

/** Port: one e-shop platform's webhook dialect. */
public interface PlatformAdapter {

    Platform platform();

    /** A request the platform sends to test the URL, unsigned, which must get a 200 (WooCommerce's activation ping). */
    default boolean isActivationPing(WebhookDelivery delivery) {
        return false;
    }

    /** Whether the delivery carries a valid signature made with {@code secret}; compared in constant time. */
    boolean signatureMatches(WebhookDelivery delivery, Secret secret);

    /**
     * @param shopZone the shop's time zone, for payloads that carry local times without an offset
     * @throws MalformedDelivery when the delivery is signed but cannot be understood
     */
    ParsedDelivery parse(WebhookDelivery delivery, ZoneId shopZone);

    /**
     * What makes a delivery the same delivery again: by default its id, exactly as sent. A 2xx tells the platform
     * never to send it again, so two different deliveries must never share this.
     */
    default String dedupeId(ParsedDelivery parsed, WebhookDelivery delivery) {
        return parsed.deliveryId();
    }
}
