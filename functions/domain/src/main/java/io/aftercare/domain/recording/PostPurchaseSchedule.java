package io.aftercare.domain.recording;

import io.aftercare.domain.action.DueAction;
import io.aftercare.domain.email.EmailKind;
import io.aftercare.domain.email.EmailMoment;
import io.aftercare.domain.event.OrderUpdate;
import io.aftercare.domain.order.OrderFact;
import io.aftercare.domain.order.OrderSnapshot;
import io.aftercare.domain.shop.ShopSettings;
import io.aftercare.domain.timeline.Subject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which post-purchase emails an order update schedules: each email kind whose moment the update makes due
 * ({@link EmailKind#moment()}: a thank-you on a new order, a check-in after the shop's delay, a survey after delivery,
 * a notice of a return's step or a refund). An action's id is derived from its kind and order (and the return or refund), so an update repeating an earlier one schedules nothing new.
 */
public final class PostPurchaseSchedule {

    public List<DueAction> actionsFor(ShopSettings settings, OrderUpdate update, Instant now) {
        Subject order = Subject.order(update.orderId());
        var said = new EmailMoment.Update(update.announcesNewOrder() ? Optional.of(placedAt(update).orElse(now)) : Optional.empty(),
                update.facts());
        List<DueAction> actions = new ArrayList<>();
        for (EmailKind kind : EmailKind.values()) {
            for (EmailMoment.Due due : kind.moment().dues(settings, said, now)) {
                actions.add(due.detail().map(detail -> DueAction.of(kind.action(), order, detail, due.at()))
                        .orElseGet(() -> DueAction.of(kind.action(), order, due.at())));
            }
        }
        return actions;
    }

    /** When the order was placed, as the update says; an order that does not say is taken to be new. */
    private static Optional<Instant> placedAt(OrderUpdate update) {
        return update.snapshot().map(OrderSnapshot::placedAt)
                .or(() -> update.facts().stream()
                        .filter(OrderFact.Placed.class::isInstance)
                        .map(OrderFact::at)
                        .findFirst());
    }
}
