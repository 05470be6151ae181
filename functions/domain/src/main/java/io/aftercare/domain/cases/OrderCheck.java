package io.aftercare.domain.cases;

import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.action.ActionOutcome;
import io.aftercare.domain.action.ActionStore;
import io.aftercare.domain.action.ActionWorker;
import io.aftercare.domain.action.ActionWorker.Handled;
import io.aftercare.domain.action.ActionWorker.Result;
import io.aftercare.domain.action.ClaimedAction;
import io.aftercare.domain.action.Reason;
import io.aftercare.domain.order.CustomerContact;
import io.aftercare.domain.order.OrderId;
import io.aftercare.domain.order.OrderState;
import io.aftercare.domain.shop.Shop;
import io.aftercare.domain.shop.ShopCache;
import io.aftercare.domain.timeline.TimelineEntry;
import io.aftercare.domain.timeline.TimelineReader;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What every check on an order's returns or parcels does around its own work: re-reads the shop and the order when
 * it comes due, and ends the action (skipped, {@link Reason#CHECKED}) with the entries the check wrote, or puts it
 * back to look again later, in one write guarded by the claim, so a check that lost its claim writes nothing.
 */
public abstract class OrderCheck implements ActionWorker.Runner {

    private final ActionStore actions;
    private final ShopCache shops;
    protected final TimelineReader orders;
    protected final Clock clock;

    protected OrderCheck(ActionStore actions, ShopCache shops, TimelineReader orders, Clock clock) {
        this.actions = actions;
        this.shops = shops;
        this.orders = orders;
        this.clock = clock;
    }

    /**
     * What a check found: the entries it writes, and when it is to look again if it is not done (a parcel's watch
     * that heard news since it was set waits for the silence after that news).
     */
    protected record Finding(List<TimelineEntry> entries, Optional<Instant> lookAgainAt) {

        public static Finding done(List<TimelineEntry> entries) {
            return new Finding(entries, Optional.empty());
        }

        public static Finding lookAgain(Instant at) {
            return new Finding(List.of(), Optional.of(at));
        }
    }

    /** The check itself. */
    protected abstract Finding check(ClaimedAction action, Shop shop, OrderState order, Instant now);

    @Override
    public final Result run(ClaimedAction action) {
        Optional<Shop> shop = shops.find(action.shop());
        Optional<OrderState> order = shop.flatMap(s -> orders.order(s.id(), new OrderId(action.subject().id())));
        if (order.isEmpty()) {
            return finish(action, ActionOutcome.skipped(shop.isEmpty() ? Reason.SHOP_GONE : Reason.ORDER_UNKNOWN), List.of(), Optional.empty());
        }
        Finding finding = check(action, shop.get(), order.get(), clock.instant());
        Optional<EmailAddress> customer = order.get().customer().map(CustomerContact::email);
        if (finding.lookAgainAt().isPresent()) {
            return actions.reschedule(action, finding.lookAgainAt().get(), finding.entries(), customer)
                    ? Result.of(Handled.POSTPONED, Reason.CHECKED) : Result.of(Handled.STALE);
        }
        return finish(action, ActionOutcome.skipped(Reason.CHECKED), finding.entries(), customer);
    }

    private Result finish(ClaimedAction action, ActionOutcome outcome, List<TimelineEntry> entries, Optional<EmailAddress> customer) {
        return actions.complete(action, outcome, entries, customer)
                ? new Result(Handled.SKIPPED, outcome.reason()) : Result.of(Handled.STALE);
    }
}
