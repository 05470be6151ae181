package io.aftercare.domain.event;

import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.order.OrderFact;
import io.aftercare.domain.order.OrderId;
import io.aftercare.domain.order.OrderSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What one delivery says about one order.
 *
 * @param sourceTime when the platform produced this information; an older snapshot never replaces a newer one
 * @param snapshot the whole order, when the delivery carried it
 * @param facts what happened, each recorded once however often it is repeated
 * @param customerEmail the customer's address when the delivery names it without a snapshot (a fulfilment)
 * @param announcesNewOrder whether this is the platform's "order created" delivery, the one that starts the
 *     post-purchase emails; any later delivery about the order only updates it
 */
public record OrderUpdate(
        OrderId orderId,
        Instant sourceTime,
        Optional<OrderSnapshot> snapshot,
        List<OrderFact> facts,
        Optional<EmailAddress> customerEmail,
        boolean announcesNewOrder) implements PlatformEvent {

    public OrderUpdate {
        facts = List.copyOf(facts);
    }

    /** The customer's address from the snapshot, else the one the delivery names. */
    public Optional<EmailAddress> customer() {
        return snapshot.flatMap(OrderSnapshot::customer).map(c -> c.email()).or(() -> customerEmail);
    }
}
