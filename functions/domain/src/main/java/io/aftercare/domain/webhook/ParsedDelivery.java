package io.aftercare.domain.webhook;

import io.aftercare.domain.Limits;
import io.aftercare.domain.event.PlatformEvent;
import java.util.List;
import java.util.Optional;

/**
 * A verified delivery, understood.
 *
 * @param event empty for a topic Aftercare does not use
 * @param discountCodes the discount codes an order was placed with, as the platform names them (none for other deliveries)
 */
public record ParsedDelivery(String deliveryId, String topic, Optional<PlatformEvent> event, List<String> discountCodes) {

    static final int MAX_CODES = 10;
    static final int MAX_CODE_BYTES = 100;

    public ParsedDelivery {
        Limits.atMost("delivery id", deliveryId, Limits.DELIVERY_ID_BYTES); // it is part of the dedupe marker's key
        // a code is looked up by key: one past what a shop would make (or a flood of them) cannot be Aftercare's
        discountCodes = discountCodes.stream().map(String::strip).filter(c -> !c.isEmpty() && Limits.fits(c, MAX_CODE_BYTES))
                .distinct().limit(MAX_CODES).toList();
    }

    public ParsedDelivery(String deliveryId, String topic, Optional<PlatformEvent> event) {
        this(deliveryId, topic, event, List.of());
    }

    public static ParsedDelivery ignored(String deliveryId, String topic) {
        return new ParsedDelivery(deliveryId, topic, Optional.empty());
    }
}
