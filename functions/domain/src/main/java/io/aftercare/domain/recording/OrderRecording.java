package io.aftercare.domain.recording;

import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.action.DueAction;
import io.aftercare.domain.order.OrderFact;
import io.aftercare.domain.order.OrderId;
import io.aftercare.domain.order.OrderSnapshot;
import io.aftercare.domain.timeline.TimelineEntry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What a delivery writes about an order.
 *
 * @param snapshot replaces the stored one only if {@code sourceTime} is not older than the stored one's
 * @param facts each recorded once; a fact already known changes nothing
 * @param entries the timeline entries of the facts and of the scheduled actions
 * @param actions due actions to create, each only if it was never scheduled before
 * @param caseResolution the delivery case's resolution, created (as the actions are) only if the case was opened
 * @param customer the order's customer, when this delivery names them
 */
public record OrderRecording(
        OrderId orderId,
        Instant sourceTime,
        Optional<OrderSnapshot> snapshot,
        List<OrderFact> facts,
        List<TimelineEntry> entries,
        List<DueAction> actions,
        Optional<CaseResolution> caseResolution,
        Optional<EmailAddress> customer) {

    public OrderRecording {
        facts = List.copyOf(facts);
        entries = List.copyOf(entries);
        actions = List.copyOf(actions);
    }

    /** Every action this delivery may create: its due actions, and its case's resolution (created only if the case was opened). */
    public Stream<DueAction> possibleActions() {
        return Stream.concat(actions.stream(), caseResolution.map(CaseResolution::check).stream());
    }
}
