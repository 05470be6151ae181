package io.aftercare.domain.webhook;

import io.aftercare.domain.Limits;
import io.aftercare.domain.event.PlatformEvent;
import java.util.Optional;

/**
 * A verified delivery, understood.
 *
 * @param event empty for a topic Aftercare does not use
 */
public record ParsedDelivery(String deliveryId, String topic, Optional<PlatformEvent> event) {

    public ParsedDelivery {
        Limits.atMost("delivery id", deliveryId, Limits.DELIVERY_ID_BYTES); // it is part of the dedupe marker's key
    }

    public static ParsedDelivery ignored(String deliveryId, String topic) {
        return new ParsedDelivery(deliveryId, topic, Optional.empty());
    }
}
