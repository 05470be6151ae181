package io.aftercare.domain.order;

import java.util.Locale;

/** An order's state in one word, derived from its milestones and refunds. */
public enum OrderStatus {
    PLACED, PAID, FULFILLED, DELIVERED, PARTLY_REFUNDED, REFUNDED, CANCELLED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
