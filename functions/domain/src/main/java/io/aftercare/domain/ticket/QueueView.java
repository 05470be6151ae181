package io.aftercare.domain.ticket;

import io.aftercare.domain.InvalidInput;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The agents' views of a shop's open and pending tickets, each nearest breach first, each read from an index partition
 * of its own (or a range of the queue's), so a page costs the same however many tickets are open.
 */
public enum QueueView {
    /** Open and pending. */
    ALL,
    /** Open and pending, assigned to the caller. */
    MINE,
    /** Open and pending, assigned to nobody. */
    UNASSIGNED,
    /** Open, with a deadline within {@link #BREACHING_WITHIN} (or past, not yet recorded as breached). */
    BREACHING,
    /** Open, with a recorded SLA breach. */
    BREACHED,
    /** Waiting for the customer. */
    PENDING;

    public static final Duration BREACHING_WITHIN = Duration.ofHours(1);

    public String slug() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static QueueView fromSlug(String slug) {
        return Arrays.stream(values()).filter(v -> v.slug().equals(slug)).findFirst().orElseThrow(() -> new InvalidInput("view",
                "view must be one of " + Arrays.stream(values()).map(QueueView::slug).collect(Collectors.joining(", "))));
    }

    /** The one view of a ticket's state beside {@link #ALL}: pending, breached, or none. */
    public static Optional<QueueView> stateOf(Ticket ticket) {
        if (ticket.status() == TicketStatus.PENDING) {
            return Optional.of(PENDING);
        }
        return ticket.status() == TicketStatus.OPEN && ticket.breachedAny() ? Optional.of(BREACHED) : Optional.empty();
    }
}
