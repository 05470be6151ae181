package io.aftercare.domain.recording;

import io.aftercare.domain.action.ActionKind;
import io.aftercare.domain.action.ClaimedAction;
import io.aftercare.domain.action.DueAction;
import io.aftercare.domain.event.OrderUpdate;
import io.aftercare.domain.order.FulfilmentStatus;
import io.aftercare.domain.order.OrderFact;
import io.aftercare.domain.order.ShipmentStatus;
import io.aftercare.domain.returns.ReturnReview;
import io.aftercare.domain.shop.Shop;
import io.aftercare.domain.shop.ShopSettings;
import io.aftercare.domain.timeline.Subject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The checks an order update schedules on its returns and parcels, each at the moment it may find something: a
 * return's review at each step and at its threshold; a parcel's watch the shop's transit estimate after its first
 * tracking news (one per parcel: when it comes due it looks at the latest news, and waits on if there was some); a
 * parcel's due check at its estimated delivery date; a delivery case at once on a problem, and on delivery to resolve
 * it ({@link CaseResolution}: only if it was opened). Nothing ever scans for stuck cases: the sweep reads only what is
 * due. Ids derive from the fact (a watch's from its parcel), so a repeated delivery schedules nothing new.
 */
public final class CaseSchedule {

    /** Facts older than this when they arrive (a backfill, an app installed late) start no watch. */
    static final Duration STALE = Duration.ofDays(30);

    /** No tracking news for this long is a silent parcel: the shop's threshold, else its transit estimate, at least a day. */
    public static Duration silence(ShopSettings settings) {
        return settings.returns().silence(settings.transitEstimate());
    }

    List<DueAction> checksFor(Shop shop, OrderUpdate update, Instant now) {
        Subject order = Subject.order(update.orderId());
        String about = update.orderId().value();
        List<DueAction> checks = new ArrayList<>();
        for (OrderFact fact : update.facts()) {
            if (fact.at().isBefore(now.minus(STALE))) {
                continue;
            }
            switch (fact) {
                case OrderFact.ReturnChanged step -> checks.addAll(ReturnReview.scheduledBy(shop, update.orderId(), step, now));
                case OrderFact.ShipmentProgressed parcel when parcel.status() == ShipmentStatus.DELIVERED -> { } // resolutionFor
                case OrderFact.ShipmentProgressed parcel -> {
                    if (parcel.status().problem()) {
                        checks.add(DueAction.of(ActionKind.DELIVERY_CASE, order, now));
                    }
                    if (!parcel.status().aftercaresFinding()) { // only a carrier's news is heard by the silence watch
                        checks.add(watch(shop, order, parcel.fulfilmentId(), parcel));
                    }
                }
                case OrderFact.DeliveryExpected expected when expected.by().isAfter(now) -> checks.add(new DueAction(
                        ActionKind.PARCEL_DUE.slug() + "#" + about + "~" + expected.key(), ActionKind.PARCEL_DUE, order, expected.by()));
                case OrderFact.FulfilmentChanged shipped when shipped.status() == FulfilmentStatus.SHIPPED && !shipped.tracking().isEmpty() ->
                        checks.add(watch(shop, order, shipped.fulfilmentId(), shipped));
                default -> {
                }
            }
        }
        return checks;
    }

    /** On a delivery, the resolution of the order's delivery case, at once. */
    Optional<CaseResolution> resolutionFor(OrderUpdate update, Instant now) {
        boolean delivered = update.facts().stream().anyMatch(fact -> fact instanceof OrderFact.ShipmentProgressed parcel
                && parcel.status() == ShipmentStatus.DELIVERED && !fact.at().isBefore(now.minus(STALE)));
        return delivered ? Optional.of(new CaseResolution(new DueAction(ActionKind.DELIVERY_CASE.slug() + "#" + update.orderId().value() + "~delivered",
                ActionKind.DELIVERY_CASE, Subject.order(update.orderId()), now), CaseResolution.ticketOf(update.orderId()))) : Optional.empty();
    }

    /** The parcel's watch, set by whichever of its news is recorded first (a later one finds it scheduled). */
    private static DueAction watch(Shop shop, Subject order, String fulfilmentId, OrderFact news) {
        return new DueAction(watchPrefix(order) + fulfilmentId, ActionKind.PARCEL_WATCH, order, news.at().plus(silence(shop.settings())));
    }

    /** The parcel a watch is for; empty for one set before watches were a parcel's (one per piece of news, about the whole order). */
    public static Optional<String> watchedParcel(ClaimedAction watch) {
        String prefix = watchPrefix(watch.subject());
        return watch.actionId().startsWith(prefix) ? Optional.of(watch.actionId().substring(prefix.length())) : Optional.empty();
    }

    private static String watchPrefix(Subject order) {
        return ActionKind.PARCEL_WATCH.slug() + "#" + order.id() + "~parcel-";
    }
}
