package io.aftercare.domain.order;

import io.aftercare.domain.shop.ReturnThresholds;
import java.util.Locale;
import java.util.Optional;

/** Where a return stands. {@code OPEN} is Shopify's word for approved: the customer may send the goods back. */
public enum ReturnState {
    REQUESTED, OPEN, DECLINED, IN_TRANSIT, RECEIVED, REFUNDED, CLOSED, CANCELLED;

    /** Whether the shop owes the customer the next step, and how long it may take before the case is stuck. */
    public Optional<Integer> waitingDays(ReturnThresholds thresholds) {
        return switch (this) {
            case REQUESTED -> Optional.of(thresholds.requestUnansweredDays());
            case OPEN, IN_TRANSIT -> Optional.of(thresholds.approvedNotReceivedDays());
            case RECEIVED -> Optional.of(thresholds.receivedNotRefundedDays());
            case DECLINED, REFUNDED, CLOSED, CANCELLED -> Optional.empty();
        };
    }

    /** The goods came back: received, refunded, or the return closed. */
    public boolean completed() {
        return this == RECEIVED || this == REFUNDED || this == CLOSED;
    }

    /** The goods are on their way back, or may soon be: requested, approved, in transit. */
    public boolean underway() {
        return this == REQUESTED || this == OPEN || this == IN_TRANSIT;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
