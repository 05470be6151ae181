package io.aftercare.domain.recording;

import io.aftercare.domain.action.DueAction;
import io.aftercare.domain.order.CustomerContact;
import io.aftercare.domain.order.FulfilmentStatus;
import io.aftercare.domain.order.OrderFact;
import io.aftercare.domain.order.OrderSnapshot;
import io.aftercare.domain.order.ShipmentStatus;
import io.aftercare.domain.timeline.EntryKind;
import io.aftercare.domain.timeline.Subject;
import io.aftercare.domain.timeline.TimelineEntry;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/** Turns facts and scheduled actions into timeline entries an agent can read at a glance. */
final class TimelineWriter {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final Optional<String> deliveryId;

    TimelineWriter(String deliveryId) {
        this.deliveryId = Optional.of(deliveryId);
    }

    TimelineEntry fact(Subject order, OrderFact fact, Optional<OrderSnapshot> snapshot) {
        String orderName = snapshot.map(s -> "Order " + s.name()).orElse("Order");
        return switch (fact) {
            case OrderFact.Placed placed -> entry(order, fact, EntryKind.ORDER_PLACED, snapshot
                    .map(s -> orderName + " placed: " + items(s) + ", " + s.total())
                    .orElse("Order placed"));
            case OrderFact.Paid paid -> entry(order, fact, EntryKind.ORDER_PAID, orderName + " paid");
            case OrderFact.Cancelled cancelled -> entry(order, fact, EntryKind.ORDER_CANCELLED,
                    orderName + " cancelled" + cancelled.reason().map(r -> " (reason: " + r + ")").orElse(""));
            case OrderFact.FulfilmentChanged fulfilment -> entry(order, fact, EntryKind.FULFILMENT_UPDATED, fulfilmentSummary(fulfilment));
            case OrderFact.ShipmentProgressed shipment -> entry(order, fact,
                    shipment.status() == ShipmentStatus.DELIVERED ? EntryKind.ORDER_DELIVERED : EntryKind.SHIPMENT_UPDATED,
                    "Parcel " + shipment.status().label() + shipment.message().map(m -> ": " + m).orElse(""));
            case OrderFact.ReturnChanged change -> entry(order, fact, EntryKind.RETURN_UPDATED,
                    "Return " + change.returnId() + " " + change.event().label());
            case OrderFact.Refunded refund -> entry(order, fact, EntryKind.ORDER_REFUNDED,
                    "Refund of " + refund.amount() + refund.reason().map(r -> " (" + r + ")").orElse(""));
        };
    }

    /** What the stored order leaves out, so that an agent knows to look at the shop's own copy. */
    TimelineEntry trimmed(Subject order, OrderSnapshot snapshot, Instant sourceTime) {
        return new TimelineEntry("trimmed-" + sourceTime.toEpochMilli(), order, sourceTime, EntryKind.ORDER_TRIMMED,
                "Order " + snapshot.name() + " kept shortened to fit: " + snapshot.trimmed().describe() + " (the shop has it in full)", deliveryId);
    }

    TimelineEntry scheduled(DueAction action, ZoneId zone, Instant now) {
        String what = action.kind().label();
        return new TimelineEntry("scheduled-" + action.id(), action.subject(), now, EntryKind.EMAIL_SCHEDULED,
                what + " scheduled for " + WHEN.format(action.dueAt().atZone(zone)) + " (" + zone.getId() + ")", deliveryId);
    }

    TimelineEntry profile(Subject customer, CustomerContact contact, Instant sourceTime) {
        return new TimelineEntry("profile-" + sourceTime.toEpochMilli(), customer, sourceTime, EntryKind.CUSTOMER_UPDATED,
                "Customer profile updated" + contact.name().map(n -> ": " + n).orElse(""), deliveryId);
    }

    private TimelineEntry entry(Subject order, OrderFact fact, EntryKind kind, String summary) {
        return new TimelineEntry(fact.key(), order, fact.at(), kind, summary, deliveryId);
    }

    private static String fulfilmentSummary(OrderFact.FulfilmentChanged fulfilment) {
        String status = fulfilment.status() == FulfilmentStatus.SHIPPED ? "shipped" : fulfilment.status().label();
        String tracking = fulfilment.tracking().isEmpty() ? "" : " with " + fulfilment.tracking().describe();
        return "Fulfilment " + fulfilment.fulfilmentId() + " " + status + tracking;
    }

    private static String items(OrderSnapshot snapshot) {
        int count = snapshot.lines().stream().mapToInt(l -> l.quantity()).sum();
        return count == 1 ? "1 item" : count + " items";
    }
}
