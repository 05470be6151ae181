package io.aftercare.domain.recording;

import io.aftercare.domain.action.ActionKind;
import io.aftercare.domain.action.DueAction;
import io.aftercare.domain.event.OrderUpdate;
import io.aftercare.domain.order.FulfilmentStatus;
import io.aftercare.domain.order.OrderFact;
import io.aftercare.domain.order.OrderSnapshot;
import io.aftercare.domain.order.ShipmentStatus;
import io.aftercare.domain.shop.ShopSettings;
import io.aftercare.domain.timeline.Subject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which post-purchase emails an order update schedules:
 * <ul>
 *   <li>the platform's "order created" delivery: a thank-you due now and a check-in after the shop's check-in delay;</li>
 *   <li>a delivered parcel, or a shipment without tracking plus the shop's transit estimate: a survey after the
 *       shop's survey delay.</li>
 * </ul>
 * Orders that are old by the time Aftercare hears of them (a backfill, a shop installing Aftercare) get no
 * thank-you and no emails whose moment has passed.
 */
public final class PostPurchaseSchedule {

    /** A thank-you for an order placed longer ago than this would be odd. */
    static final Duration THANK_YOU_WINDOW = Duration.ofDays(2);
    /** A survey whose moment passed by more than this is not sent late. */
    static final Duration SURVEY_GRACE = Duration.ofDays(14);

    public List<DueAction> actionsFor(ShopSettings settings, OrderUpdate update, Instant now) {
        Subject order = Subject.order(update.orderId());
        Map<String, DueAction> actions = new LinkedHashMap<>();
        if (update.announcesNewOrder()) {
            Instant placedAt = placedAt(update).orElse(now);
            if (!placedAt.isBefore(now.minus(THANK_YOU_WINDOW))) {
                put(actions, DueAction.of(ActionKind.THANK_YOU, order, now));
            }
            Instant checkIn = placedAt.plus(settings.checkInDelay());
            if (checkIn.isAfter(now)) {
                put(actions, DueAction.of(ActionKind.CHECK_IN, order, checkIn));
            }
        }
        for (OrderFact fact : update.facts()) {
            surveyMoment(settings, fact)
                    .filter(due -> due.plus(SURVEY_GRACE).isAfter(now))
                    .map(due -> DueAction.of(ActionKind.SURVEY, order, due.isBefore(now) ? now : due))
                    .ifPresent(survey -> put(actions, survey));
        }
        return new ArrayList<>(actions.values());
    }

    private static Optional<Instant> surveyMoment(ShopSettings settings, OrderFact fact) {
        return switch (fact) {
            case OrderFact.ShipmentProgressed shipment when shipment.status() == ShipmentStatus.DELIVERED ->
                    Optional.of(shipment.at().plus(settings.surveyDelay()));
            // shipped without tracking: no delivery will be reported, so assume the shop's usual transit time
            case OrderFact.FulfilmentChanged fulfilment when fulfilment.status() == FulfilmentStatus.SHIPPED && fulfilment.tracking().isEmpty() ->
                    Optional.of(fulfilment.at().plus(settings.transitEstimate()).plus(settings.surveyDelay()));
            case OrderFact.Placed placed -> Optional.empty();
            case OrderFact.Paid paid -> Optional.empty();
            case OrderFact.Cancelled cancelled -> Optional.empty();
            case OrderFact.FulfilmentChanged fulfilment -> Optional.empty();
            case OrderFact.ShipmentProgressed shipment -> Optional.empty();
            case OrderFact.Refunded refund -> Optional.empty();
            case OrderFact.ReturnChanged change -> Optional.empty();
        };
    }

    private static Optional<Instant> placedAt(OrderUpdate update) {
        return update.snapshot().map(OrderSnapshot::placedAt)
                .or(() -> update.facts().stream()
                        .filter(OrderFact.Placed.class::isInstance)
                        .map(OrderFact::at)
                        .findFirst());
    }

    /** The first action of an id wins: an update listing two deliveries schedules one survey. */
    private static void put(Map<String, DueAction> actions, DueAction action) {
        actions.putIfAbsent(action.id(), action);
    }
}
