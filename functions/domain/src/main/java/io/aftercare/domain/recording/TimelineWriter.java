package io.aftercare.domain.recording;

import io.aftercare.domain.Limits;
import io.aftercare.domain.action.DueAction;
import io.aftercare.domain.order.CustomerContact;
import io.aftercare.domain.order.OrderFact;
import io.aftercare.domain.order.OrderId;
import io.aftercare.domain.order.OrderSnapshot;
import io.aftercare.domain.order.ShipmentStatus;
import io.aftercare.domain.order.Tracking;
import io.aftercare.domain.timeline.EntryKind;
import io.aftercare.domain.timeline.EntryText;
import io.aftercare.domain.timeline.Phrase;
import io.aftercare.domain.timeline.Subject;
import io.aftercare.domain.timeline.TimelineEntry;
import io.aftercare.domain.timeline.Vocabulary;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/** Turns facts and scheduled actions into timeline entries an agent can read at a glance. */
final class TimelineWriter {

    private final Optional<String> deliveryId;

    TimelineWriter(String deliveryId) {
        this.deliveryId = Optional.of(deliveryId);
    }

    /** @param zone the shop's, in which the times a fact names are written */
    TimelineEntry fact(Subject order, OrderFact fact, Optional<OrderSnapshot> snapshot, ZoneId zone) {
        Optional<String> name = snapshot.map(OrderSnapshot::name);
        return switch (fact) {
            case OrderFact.Placed placed -> entry(order, fact, EntryKind.ORDER_PLACED, snapshot
                    .map(s -> EntryText.of(Phrase.ORDER_PLACED).text("order", s.name()).count("items", items(s)).amount("total", s.total()))
                    .orElse(EntryText.of(Phrase.ORDER_PLACED)));
            case OrderFact.Paid paid -> entry(order, fact, EntryKind.ORDER_PAID, EntryText.of(Phrase.ORDER_PAID).text("order", name));
            case OrderFact.Cancelled cancelled -> entry(order, fact, EntryKind.ORDER_CANCELLED,
                    EntryText.of(Phrase.ORDER_CANCELLED).text("order", name).text("reason", cancelled.reason()));
            case OrderFact.FulfilmentChanged fulfilment -> entry(order, fact, EntryKind.FULFILMENT_UPDATED,
                    EntryText.of(Phrase.FULFILMENT_UPDATED).text("fulfilment", fulfilment.fulfilmentId())
                            .code("status", Vocabulary.FULFILMENT, fulfilment.status())
                            .text("tracking", Optional.of(fulfilment.tracking().describe()).filter(t -> !t.isEmpty())));
            case OrderFact.ShipmentProgressed shipment -> entry(order, fact,
                    shipment.status() == ShipmentStatus.DELIVERED ? EntryKind.ORDER_DELIVERED : EntryKind.SHIPMENT_UPDATED,
                    EntryText.of(Phrase.PARCEL_UPDATED).code("status", Vocabulary.SHIPMENT, shipment.status()).text("message", shipment.message())
                            .text("fulfilment", shipment.fulfilmentId()));
            case OrderFact.ReturnChanged change -> entry(order, fact, EntryKind.RETURN_UPDATED, returnText(change));
            case OrderFact.DeliveryExpected expected -> entry(order, fact, EntryKind.SHIPMENT_UPDATED,
                    EntryText.of(Phrase.DELIVERY_EXPECTED).text("fulfilment", expected.fulfilmentId()).moment("by", expected.by(), zone));
            case OrderFact.Refunded refund -> entry(order, fact, EntryKind.ORDER_REFUNDED,
                    EntryText.of(Phrase.ORDER_REFUNDED).amount("amount", refund.amount()).text("reason", refund.reason()));
        };
    }

    /** A return's step on the return's own timeline (the order's has it too): where it then stands is its review's to say. */
    TimelineEntry returnStep(OrderId order, OrderFact.ReturnChanged change) {
        return new TimelineEntry(change.key(), Subject.returnOf(order, change.returnId()), change.at(), EntryKind.RETURN_UPDATED,
                returnText(change), deliveryId);
    }

    /** The step, with the parcel going back (carrier and tracking) or how many items ended each way once received. */
    private static EntryText.Phrased returnText(OrderFact.ReturnChanged change) {
        var text = EntryText.of(Phrase.RETURN_UPDATED).text("return", change.returnId()).code("event", Vocabulary.RETURN, change.event())
                .text("tracking", change.parcel().map(Tracking::describe).filter(t -> !t.isEmpty()));
        for (var disposed : change.disposed().entrySet()) {
            text = text.count(disposed.getKey().param(), disposed.getValue());
        }
        return text;
    }

    /** What the stored order leaves out, so that an agent knows to look at the shop's own copy. */
    TimelineEntry trimmed(Subject order, OrderSnapshot snapshot, Instant sourceTime) {
        var trimmed = snapshot.trimmed();
        var text = EntryText.of(Phrase.ORDER_TRIMMED).text("order", snapshot.name());
        if (trimmed.titlesShortened() > 0) {
            text = text.count("titlesShortened", trimmed.titlesShortened()).count("titleBytes", Limits.TITLE_BYTES);
        }
        if (trimmed.linesLeftOut() > 0) {
            text = text.count("linesLeftOut", trimmed.linesLeftOut()).count("maxLines", OrderSnapshot.MAX_LINES);
        }
        return new TimelineEntry("trimmed-" + sourceTime.toEpochMilli(), order, sourceTime, EntryKind.ORDER_TRIMMED, text, deliveryId);
    }

    TimelineEntry scheduled(DueAction action, ZoneId zone, Instant now) {
        return new TimelineEntry("scheduled-" + action.id(), action.subject(), now, EntryKind.EMAIL_SCHEDULED,
                EntryText.of(Phrase.EMAIL_SCHEDULED).with("email", action.kind().code()).moment("due", action.dueAt(), zone), deliveryId);
    }

    TimelineEntry profile(Subject customer, CustomerContact contact, Instant sourceTime) {
        return new TimelineEntry("profile-" + sourceTime.toEpochMilli(), customer, sourceTime, EntryKind.CUSTOMER_UPDATED,
                EntryText.of(Phrase.PROFILE_UPDATED).text("name", contact.name()), deliveryId);
    }

    private TimelineEntry entry(Subject order, OrderFact fact, EntryKind kind, EntryText text) {
        return new TimelineEntry(fact.key(), order, fact.at(), kind, text, deliveryId);
    }

    private static long items(OrderSnapshot snapshot) {
        return snapshot.lines().stream().mapToLong(l -> l.quantity()).sum();
    }
}
