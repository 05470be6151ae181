package io.aftercare.domain.webhook;

import io.aftercare.domain.event.PlatformEvent;
import java.util.Optional;

/**
 * A verified delivery, understood.
 *
 * @param event empty for a topic Aftercare does not use
 */
public record ParsedDelivery(String deliveryId, String topic, Optional<PlatformEvent> event) {

    public static ParsedDelivery ignored(String deliveryId, String topic) {
        return new ParsedDelivery(deliveryId, topic, Optional.empty());
    }
}
