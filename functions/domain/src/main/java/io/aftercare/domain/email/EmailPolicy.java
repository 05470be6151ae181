package io.aftercare.domain.email;

import io.aftercare.domain.action.ActionKind;
import io.aftercare.domain.order.OrderState;
import io.aftercare.domain.order.OrderStatus;
import java.time.Duration;
import java.time.Instant;

/**
 * Re-checks, at the moment of sending, whether an email should still go out: the state may have changed since it
 * was scheduled (a refund, a return, a complaint, an unsubscribe, a bounce), and a customer is not mailed twice within a short
 * window. Like Klaviyo's flow filters, evaluated before every message.
 */
public final class EmailPolicy {

    /** Non-transactional emails to one customer from one shop are at least this far apart. */
    public static final Duration FREQUENCY_CAP = Duration.ofHours(16);

    public EmailDecision decide(ActionKind kind, OrderState order, RecipientState recipient, Instant now) {
        if (recipient.hardSuppression().isPresent()) {
            return new EmailDecision.Skip("the address is suppressed (" + recipient.hardSuppression().get() + ")");
        }
        if (order.status() == OrderStatus.CANCELLED) {
            return new EmailDecision.Skip("the order was cancelled");
        }
        if (kind.category() == EmailCategory.TRANSACTIONAL) {
            return new EmailDecision.Send();
        }
        if (order.status() == OrderStatus.REFUNDED || order.status() == OrderStatus.PARTLY_REFUNDED) {
            return new EmailDecision.Skip("the order was refunded");
        }
        if (order.beingReturned()) {
            return new EmailDecision.Skip("the order is being returned");
        }
        if (recipient.openComplaints() > 0) {
            return new EmailDecision.Skip("the customer has an open complaint");
        }
        if (recipient.unsubscribedFrom(kind.category())) {
            return new EmailDecision.Skip("the customer unsubscribed from " + kind.category().slug());
        }
        if (recipient.lastFollowUpAt().isPresent()) {
            Instant allowed = recipient.lastFollowUpAt().get().plus(FREQUENCY_CAP);
            if (now.isBefore(allowed)) {
                return new EmailDecision.Postpone(allowed, "another email reached the customer less than "
                        + FREQUENCY_CAP.toHours() + " hours ago");
            }
        }
        return new EmailDecision.Send();
    }
}
