package io.aftercare.domain.returns;

/**
 * How many of the shop's business days a return may wait on the shop before it opens a ticket.
 *
 * @param requestUnansweredDays requested, neither approved nor declined
 * @param approvedNotReceivedDays approved (or on its way back), not received
 * @param receivedNotRefundedDays received, not refunded
 */
public record ReturnThresholds(int requestUnansweredDays, int approvedNotReceivedDays, int receivedNotRefundedDays) {

    public static final ReturnThresholds DEFAULT = new ReturnThresholds(2, 10, 3);

    public ReturnThresholds {
        if (requestUnansweredDays < 1 || approvedNotReceivedDays < 1 || receivedNotRefundedDays < 1) {
            throw new IllegalArgumentException("a return's thresholds are at least one business day");
        }
    }
}
