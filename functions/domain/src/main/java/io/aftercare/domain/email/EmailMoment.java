package io.aftercare.domain.email;

import io.aftercare.domain.action.ActionDetail;
import io.aftercare.domain.order.FulfilmentStatus;
import io.aftercare.domain.order.OrderFact;
import io.aftercare.domain.order.ReturnEvent;
import io.aftercare.domain.order.ShipmentStatus;
import io.aftercare.domain.shop.ShopSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * When a post-purchase email is due, as an order update tells it. Orders that are old by the time Aftercare hears of
 * them (a backfill, a shop installing Aftercare) get no emails whose moment has passed.
 */
public sealed interface EmailMoment {

    /**
     * What an order update says that moments depend on.
     *
     * @param newOrderPlacedAt when the order was placed, if this is the platform's "order created" delivery
     * @param facts what the update says happened
     */
    record Update(Optional<Instant> newOrderPlacedAt, List<OrderFact> facts) {
    }

    /** When the email is due because of {@code update}, if the update makes it due. */
    Optional<Instant> dueAt(ShopSettings settings, Update update, Instant now);

    /**
     * One email due, and what tells it apart from others of its kind on the order.
     *
     * @param detail the return or refund it is about, for kinds an order may get several of; empty for one per order
     */
    record Due(Instant at, Optional<ActionDetail> detail) {
    }

    /** Every email of this kind {@code update} makes due: one at most, but one per return or refund for those. */
    default List<Due> dues(ShopSettings settings, Update update, Instant now) {
        return dueAt(settings, update, now).map(at -> List.of(new Due(at, Optional.empty()))).orElse(List.of());
    }

    /** Not scheduled by an order's updates: a complaint ticket's email, which its ticket schedules. */
    record Never() implements EmailMoment {
        @Override
        public Optional<Instant> dueAt(ShopSettings settings, Update update, Instant now) {
            return Optional.empty();
        }
    }

    /** At once, on the platform's "order created" delivery, for an order placed no longer than {@code window} ago. */
    record OnNewOrder(Duration window) implements EmailMoment {
        @Override
        public Optional<Instant> dueAt(ShopSettings settings, Update update, Instant now) {
            return update.newOrderPlacedAt().filter(placed -> !placed.isBefore(now.minus(window))).map(placed -> now);
        }
    }

    /** On the "order created" delivery, the shop's {@code delay} after the order was placed, if that is still ahead. */
    record AfterOrder(Function<ShopSettings, Duration> delay) implements EmailMoment {
        @Override
        public Optional<Instant> dueAt(ShopSettings settings, Update update, Instant now) {
            return update.newOrderPlacedAt().map(placed -> placed.plus(delay.apply(settings))).filter(due -> due.isAfter(now));
        }
    }

    /**
     * At once, when the update reports a parcel problem ({@link ShipmentStatus#problem()}) that happened within
     * {@code window}: the customer hears of it before they have to ask. An older one (a backfill) sends nothing.
     */
    record OnDeliveryProblem(Duration window) implements EmailMoment {
        @Override
        public Optional<Instant> dueAt(ShopSettings settings, Update update, Instant now) {
            return update.facts().stream()
                    .filter(fact -> fact instanceof OrderFact.ShipmentProgressed shipment && shipment.status().problem())
                    .filter(fact -> !fact.at().isBefore(now.minus(window)))
                    .findFirst()
                    .map(fact -> now);
        }
    }

    /** A moment of one email per return or refund an update reports ({@link #dues}); the first of them is its due time. */
    sealed interface OnePerItem extends EmailMoment permits OnReturnStep, OnRefund {
        @Override
        default Optional<Instant> dueAt(ShopSettings settings, Update update, Instant now) {
            return dues(settings, update, now).stream().findFirst().map(Due::at);
        }
    }

    /**
     * At once, for each return whose {@code step} the update reports, within {@code window} (an older one, a backfill,
     * sends nothing): one per return, however often or by however many deliveries the step is told.
     */
    record OnReturnStep(ReturnEvent step, Duration window) implements OnePerItem {
        @Override
        public List<Due> dues(ShopSettings settings, Update update, Instant now) {
            return update.facts().stream()
                    .filter(fact -> fact instanceof OrderFact.ReturnChanged change && change.event() == step && !fact.at().isBefore(now.minus(window)))
                    .map(fact -> ((OrderFact.ReturnChanged) fact).returnId())
                    .distinct()
                    .map(returnId -> new Due(now, Optional.<ActionDetail>of(new ActionDetail.OfReturn(returnId))))
                    .toList();
        }
    }

    /** At once, for each refund of money (not a zero one: a restock) the update reports within {@code window}. */
    record OnRefund(Duration window) implements OnePerItem {
        @Override
        public List<Due> dues(ShopSettings settings, Update update, Instant now) {
            return update.facts().stream()
                    .filter(fact -> fact instanceof OrderFact.Refunded refund && refund.amount().amount().signum() > 0
                            && !fact.at().isBefore(now.minus(window)))
                    .map(fact -> new Due(now, Optional.<ActionDetail>of(new ActionDetail.OfRefund(((OrderFact.Refunded) fact).refundId()))))
                    .toList();
        }
    }

    /**
     * {@code delay} after a refund, or a return's refund, that happened within {@code window} (an older one, a
     * backfill, sends nothing). The action's id is its order's, so an order's second refund schedules nothing new.
     */
    record AfterRefund(Duration delay, Duration window) implements EmailMoment {
        @Override
        public Optional<Instant> dueAt(ShopSettings settings, Update update, Instant now) {
            return update.facts().stream()
                    .filter(fact -> fact instanceof OrderFact.Refunded
                            || fact instanceof OrderFact.ReturnChanged change && change.event() == ReturnEvent.REFUNDED)
                    .filter(fact -> !fact.at().isBefore(now.minus(window)))
                    .findFirst()
                    .map(fact -> fact.at().plus(delay))
                    .map(due -> due.isBefore(now) ? now : due);
        }
    }

    /**
     * {@code delay} after the parcel arrived: its delivery, or its shipment without tracking plus the shop's transit
     * estimate. A moment passed by less than {@code grace} is due at once, one passed by more is not sent late; of an
     * update naming several arrivals, the first counts.
     */
    record AfterDelivery(Function<ShopSettings, Duration> delay, Duration grace) implements EmailMoment {
        @Override
        public Optional<Instant> dueAt(ShopSettings settings, Update update, Instant now) {
            return update.facts().stream()
                    .flatMap(fact -> arrival(settings, fact).stream())
                    .map(arrived -> arrived.plus(delay.apply(settings)))
                    .filter(due -> due.plus(grace).isAfter(now))
                    .findFirst()
                    .map(due -> due.isBefore(now) ? now : due);
        }

        private static Optional<Instant> arrival(ShopSettings settings, OrderFact fact) {
            return switch (fact) {
                case OrderFact.ShipmentProgressed shipment when shipment.status() == ShipmentStatus.DELIVERED -> Optional.of(shipment.at());
                // shipped without tracking: no delivery will be reported, so assume the shop's usual transit time
                case OrderFact.FulfilmentChanged fulfilment when fulfilment.status() == FulfilmentStatus.SHIPPED && fulfilment.tracking().isEmpty() ->
                        Optional.of(fulfilment.at().plus(settings.transitEstimate()));
                case OrderFact.Placed placed -> Optional.empty();
                case OrderFact.Paid paid -> Optional.empty();
                case OrderFact.Cancelled cancelled -> Optional.empty();
                case OrderFact.FulfilmentChanged fulfilment -> Optional.empty();
                case OrderFact.ShipmentProgressed shipment -> Optional.empty();
                case OrderFact.DeliveryExpected expected -> Optional.empty();
                case OrderFact.Refunded refund -> Optional.empty();
                case OrderFact.ReturnChanged change -> Optional.empty();
            };
        }
    }
}
