package io.aftercare.domain.email;

import io.aftercare.domain.Money;
import io.aftercare.domain.action.ActionDetail;
import io.aftercare.domain.action.ClaimedAction;
import io.aftercare.domain.action.Reason;
import io.aftercare.domain.order.OrderSnapshot;
import io.aftercare.domain.order.OrderState;
import io.aftercare.domain.order.Refund;
import io.aftercare.domain.order.Return;
import io.aftercare.domain.order.ReturnEvent;
import io.aftercare.domain.order.ReturnLife;
import io.aftercare.domain.order.ReturnState;
import io.aftercare.domain.shop.ShopSettings;
import io.aftercare.domain.timeline.Vocabulary;
import java.util.Map;
import java.util.Optional;

/**
 * The customer's emails about a return's step or a refund ({@link EmailKind#RETURN_REQUESTED} and the others): what
 * each tells, read from the order when it is sent, and whether it is still true then. A step the return has moved on
 * from before its email went out (approved, then cancelled) is not announced: the customer would be told something
 * that no longer holds.
 */
public final class ReturnNotices {

    /** The state a notice's step leads to: the email is sent only while the return still stands there. */
    private static final Map<EmailKind, ReturnState> ANNOUNCES = Map.of(
            EmailKind.RETURN_REQUESTED, ReturnState.REQUESTED,
            EmailKind.RETURN_APPROVED, ReturnState.OPEN,
            EmailKind.RETURN_DECLINED, ReturnState.DECLINED);

    private ReturnNotices() {
    }

    /** Why the notice is not sent after all: its return moved on (the state it is in now is the detail), or is gone. */
    static Optional<EmailDecision.Skip> superseded(EmailKind kind, ClaimedAction action, OrderState order) {
        ReturnState announced = ANNOUNCES.get(kind);
        if (announced == null) {
            return Optional.empty();
        }
        Optional<ReturnState> now = returnOf(action, order).map(ret -> ReturnLife.of(ret).state());
        if (now.isEmpty()) {
            return Optional.of(new EmailDecision.Skip(Reason.ORDER_UNKNOWN));
        }
        return now.get() == announced ? Optional.empty()
                : Optional.of(new EmailDecision.Skip(Reason.RETURN_MOVED_ON, Vocabulary.RETURN_STATE, now.get()));
    }

    /** What the email tells beyond the order, for a notice; empty for every other kind. */
    static Optional<EmailContent.ReturnNews> news(EmailKind kind, ClaimedAction action, OrderState order, ShopSettings shop) {
        if (kind == EmailKind.REFUND_ISSUED) {
            String refundId = action.detail(ActionDetail.OfRefund.class).refundId();
            return order.refunds().stream().filter(r -> r.refundId().equals(refundId)).findFirst()
                    .map(refund -> new EmailContent.ReturnNews(Optional.empty(), Optional.empty(), Optional.empty(),
                            Optional.of(inOrderCurrency(refund, order))));
        }
        if (!ANNOUNCES.containsKey(kind)) {
            return Optional.empty();
        }
        Optional<Return> ret = returnOf(action, order);
        return Optional.of(new EmailContent.ReturnNews(ret.map(Return::returnId),
                kind == EmailKind.RETURN_APPROVED ? shop.returns().instructions() : Optional.empty(),
                kind == EmailKind.RETURN_DECLINED ? ret.flatMap(r -> r.last(ReturnEvent.DECLINED)).flatMap(Return.Step::reason) : Optional.empty(),
                Optional.empty()));
    }

    private static Optional<Return> returnOf(ClaimedAction action, OrderState order) {
        String returnId = action.detail(ActionDetail.OfReturn.class).returnId();
        return order.returns().stream().filter(r -> r.returnId().equals(returnId)).findFirst();
    }

    /** A platform that does not say a refund's currency (Shopify's transactions often do not) refunds in the order's. */
    private static Money inOrderCurrency(Refund refund, OrderState order) {
        if (!refund.amount().currency().equals(Money.UNKNOWN_CURRENCY)) {
            return refund.amount();
        }
        return new Money(refund.amount().amount(), order.snapshot().map(OrderSnapshot::total).map(Money::currency).orElse(Money.UNKNOWN_CURRENCY));
    }
}
