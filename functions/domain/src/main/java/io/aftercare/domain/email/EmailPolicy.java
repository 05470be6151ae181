package io.aftercare.domain.email;

import io.aftercare.domain.action.Reason;
import io.aftercare.domain.order.OrderState;
import io.aftercare.domain.order.OrderStatus;
import io.aftercare.domain.order.ReturnState;
import io.aftercare.domain.timeline.Vocabulary;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Re-checks, at the moment of sending, whether an email should still go out: the state may have changed since it
 * was scheduled (a refund, a return, a complaint, an unsubscribe, a bounce), and a customer is not mailed twice within a short
 * window. Like Klaviyo's flow filters, evaluated before every message.
 */
public final class EmailPolicy {

    /** Non-transactional emails to one customer from one shop are at least this far apart. */
    public static final Duration FREQUENCY_CAP = Duration.ofHours(16);

    public EmailDecision decide(EmailKind kind, OrderState order, RecipientState recipient, Instant now) {
        EmailDecision byOrder = forOrder(kind, order);
        return byOrder instanceof EmailDecision.Send ? forRecipient(kind, recipient, now) : byOrder;
    }

    /** What the order's state says, whoever the recipient is. */
    public EmailDecision forOrder(EmailKind kind, OrderState order) {
        // the money back is what a cancelled order's refund is about: its notice still goes out
        if (order.status() == OrderStatus.CANCELLED && kind != EmailKind.REFUND_ISSUED) {
            return new EmailDecision.Skip(Reason.ORDER_CANCELLED);
        }
        if (kind.transactional()) {
            return new EmailDecision.Send();
        }
        if (kind.followsARefund()) {
            return new EmailDecision.Send();
        }
        // each cause its own reason: the timeline and the metrics tell a refund in full from a part, goods back from on their way
        if (order.status() == OrderStatus.REFUNDED) {
            return new EmailDecision.Skip(Reason.ORDER_REFUNDED);
        }
        Optional<ReturnState> returned = order.returnStanding();
        if (returned.filter(ReturnState::completed).isPresent()) {
            return new EmailDecision.Skip(Reason.RETURN_COMPLETED, Vocabulary.RETURN_STATE, returned.get());
        }
        if (returned.isPresent()) {
            return new EmailDecision.Skip(Reason.BEING_RETURNED, Vocabulary.RETURN_STATE, returned.get());
        }
        if (order.status() == OrderStatus.PARTLY_REFUNDED) {
            return new EmailDecision.Skip(Reason.ORDER_PARTLY_REFUNDED);
        }
        return new EmailDecision.Send();
    }

    /** What the recipient's state says: {@link #gate} is the same rule, as the condition the sending mark is taken under. */
    public EmailDecision forRecipient(EmailKind kind, RecipientState recipient, Instant now) {
        if (recipient.hardSuppression().isPresent()) {
            return new EmailDecision.Skip(Reason.SUPPRESSED, Vocabulary.SUPPRESSION, recipient.hardSuppression().get());
        }
        if (kind.transactional()) {
            return new EmailDecision.Send();
        }
        if (recipient.openComplaints() > 0) {
            return new EmailDecision.Skip(Reason.COMPLAINT_OPEN);
        }
        if (recipient.unsubscribedFrom(kind.category())) {
            return new EmailDecision.Skip(Reason.UNSUBSCRIBED, Vocabulary.CATEGORY, kind.category());
        }
        if (recipient.lastFollowUpAt().isPresent()) {
            Instant allowed = recipient.lastFollowUpAt().get().plus(FREQUENCY_CAP);
            if (now.isBefore(allowed)) {
                return new EmailDecision.Postpone(allowed, Reason.FREQUENCY_CAP);
            }
        }
        return new EmailDecision.Send();
    }

    /** {@link #forRecipient} as a condition: what the recipient's state must allow for this email to go out now. */
    public RecipientGate gate(EmailKind kind, Instant now) {
        return new RecipientGate(kind.transactional() ? Optional.empty() : Optional.of(kind.category()), now.minus(FREQUENCY_CAP));
    }
}
