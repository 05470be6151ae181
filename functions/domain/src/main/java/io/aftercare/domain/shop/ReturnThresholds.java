package io.aftercare.domain.shop;

import io.aftercare.domain.InvalidInput;

/**
 * How many of the shop's business days a return may wait on the shop before it opens a ticket.
 *
 * @param requestUnansweredDays requested, neither approved nor declined
 * @param approvedNotReceivedDays approved (or on its way back), not received
 * @param receivedNotRefundedDays received, not refunded
 */
public record ReturnThresholds(int requestUnansweredDays, int approvedNotReceivedDays, int receivedNotRefundedDays) {

    public static final ReturnThresholds DEFAULT = new ReturnThresholds(2, 10, 3);
    /** A quarter of business days: past that, a threshold no longer catches anything in time. */
    public static final int MAX_DAYS = 60;

    public ReturnThresholds {
        requireDays("requestUnansweredDays", requestUnansweredDays);
        requireDays("approvedNotReceivedDays", approvedNotReceivedDays);
        requireDays("receivedNotRefundedDays", receivedNotRefundedDays);
    }

    private static void requireDays(String field, int days) {
        if (days < 1 || days > MAX_DAYS) {
            throw new InvalidInput("returns." + field, "returns." + field + " must be between 1 and " + MAX_DAYS + " business days");
        }
    }
}
