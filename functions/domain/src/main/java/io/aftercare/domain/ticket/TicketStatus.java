package io.aftercare.domain.ticket;

import io.aftercare.domain.InvalidInput;
import java.util.Locale;

/** Open: the shop owes an answer. Pending: waiting for the customer, clocks paused. Resolved, closed: done. */
public enum TicketStatus {
    OPEN, PENDING, RESOLVED, CLOSED;

    public String slug() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isActive() {
        return this == OPEN || this == PENDING;
    }

    public static TicketStatus fromSlug(String slug) {
        for (TicketStatus s : values()) {
            if (s.slug().equals(slug)) {
                return s;
            }
        }
        throw new InvalidInput("status", "status must be open, pending, resolved or closed");
    }
}
