package io.aftercare.domain.ticket;

import io.aftercare.domain.action.DueAction;
import io.aftercare.domain.shop.BusinessCalendar;
import io.aftercare.domain.timeline.TimelineEntry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A ticket's next state and everything written with it, atomically.
 *
 * @param openComplaintsDelta +1 when the customer gains an open complaint, -1 when one is resolved
 * @param nextBreach the nearest deadline of its running clocks, by which the agents' queue is sorted
 * @param at when the change was made
 * @param reply an agent's reply to keep for its email, which one of {@code actions} sends
 */
public record TicketChange(Ticket ticket, List<TimelineEntry> entries, List<DueAction> actions, int openComplaintsDelta,
                           Optional<Instant> nextBreach, Instant at, Optional<TicketReply> reply) {

    public TicketChange {
        entries = List.copyOf(entries);
        actions = List.copyOf(actions);
    }

    public static TicketChange of(Ticket ticket, List<TimelineEntry> entries, List<DueAction> actions, int openComplaintsDelta,
                                  BusinessCalendar sla, Instant at) {
        return new TicketChange(ticket, entries, actions, openComplaintsDelta, ticket.nextBreach(sla), at, Optional.empty());
    }

    public TicketChange withReply(TicketReply reply) {
        return new TicketChange(ticket, entries, actions, openComplaintsDelta, nextBreach, at, Optional.of(reply));
    }
}
