package io.aftercare.domain.returns;

import io.aftercare.domain.action.ActionKind;
import io.aftercare.domain.action.ActionStore;
import io.aftercare.domain.action.ClaimedAction;
import io.aftercare.domain.action.DueAction;
import io.aftercare.domain.cases.OrderCheck;
import io.aftercare.domain.order.CustomerContact;
import io.aftercare.domain.order.OrderFact;
import io.aftercare.domain.order.OrderId;
import io.aftercare.domain.order.OrderSnapshot;
import io.aftercare.domain.order.OrderState;
import io.aftercare.domain.order.Return;
import io.aftercare.domain.order.ReturnLife;
import io.aftercare.domain.shop.BusinessCalendar;
import io.aftercare.domain.shop.Shop;
import io.aftercare.domain.shop.ShopCache;
import io.aftercare.domain.ticket.Ticket;
import io.aftercare.domain.ticket.TicketService;
import io.aftercare.domain.timeline.EntryKind;
import io.aftercare.domain.timeline.EntryText;
import io.aftercare.domain.timeline.Phrase;
import io.aftercare.domain.timeline.Subject;
import io.aftercare.domain.timeline.TimelineEntry;
import io.aftercare.domain.timeline.TimelineReader;
import io.aftercare.domain.timeline.Vocabulary;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs a {@code return-review}: replays each of the order's returns ({@link ReturnLife}), writes where it stands and
 * any impossible step on the return's own timeline, and opens a ticket for a return that waited on the shop past its
 * threshold (the shop's own, {@code ReturnSettings}) in the shop's business days. A review is scheduled at each step (at once) and at the step's threshold, so
 * nothing scans for stuck returns; every entry and ticket it makes has a fixed id, so reviews that overlap agree.
 */
public final class ReturnReview extends OrderCheck {

    private final TicketService tickets;

    public ReturnReview(ActionStore actions, ShopCache shops, TimelineReader orders, TicketService tickets, Clock clock) {
        super(actions, shops, orders, clock);
        this.tickets = tickets;
    }

    /** The reviews a return's step schedules: one at once, one when the state it leads to would be stuck. */
    public static List<DueAction> scheduledBy(Shop shop, OrderId order, OrderFact.ReturnChanged step, Instant now) {
        Subject subject = Subject.order(order);
        String id = ActionKind.RETURN_REVIEW.slug() + "#" + order.value() + "~" + step.key();
        List<DueAction> reviews = new ArrayList<>();
        reviews.add(new DueAction(id, ActionKind.RETURN_REVIEW, subject, now));
        ReturnLife.start(step.event()).waitingDays(shop.settings().returns().thresholds()).ifPresent(days ->
                reviews.add(new DueAction(id + "-due", ActionKind.RETURN_REVIEW, subject, BusinessDays.after(calendar(shop), step.at(), days))));
        return reviews;
    }

    @Override
    protected Finding check(ClaimedAction action, Shop shop, OrderState order, Instant now) {
        List<TimelineEntry> entries = new ArrayList<>();
        for (Return ret : order.returns()) {
            entries.addAll(review(shop, order, ReturnLife.of(ret), now));
        }
        return Finding.done(entries);
    }

    private List<TimelineEntry> review(Shop shop, OrderState order, ReturnLife.Standing standing, Instant now) {
        Subject subject = Subject.returnOf(order.orderId(), standing.returnId());
        String orderName = order.snapshot().map(OrderSnapshot::name).orElse(order.orderId().value());
        List<TimelineEntry> entries = new ArrayList<>();
        entries.add(new TimelineEntry("state-" + standing.state().label() + "-" + standing.since().toEpochMilli(), subject, standing.since(),
                EntryKind.RETURN_UPDATED, EntryText.of(Phrase.RETURN_STATE).text("return", standing.returnId())
                .code("state", Vocabulary.RETURN_STATE, standing.state()).text("order", orderName), Optional.empty()));
        for (ReturnLife.Anomaly anomaly : standing.anomalies()) {
            var text = EntryText.of(Phrase.RETURN_ANOMALY).text("return", standing.returnId()).code("event", Vocabulary.RETURN, anomaly.step());
            entries.add(new TimelineEntry("anomaly-" + anomaly.step().label() + "-" + anomaly.at().toEpochMilli(), subject, anomaly.at(), EntryKind.RETURN_ANOMALY,
                    anomaly.from().map(from -> text.code("state", Vocabulary.RETURN_STATE, from)).orElse(text), Optional.empty()));
        }
        Optional<Integer> days = standing.state().waitingDays(shop.settings().returns().thresholds());
        if (days.isPresent() && !now.isBefore(BusinessDays.after(calendar(shop), standing.since(), days.get()))
                && order.customer().isPresent()) {
            Ticket ticket = openTicket(shop, order, orderName, order.customer().get(), standing, days.get());
            entries.add(new TimelineEntry("stuck-" + standing.state().label() + "-" + standing.since().toEpochMilli(), subject, now,
                    EntryKind.CASE_OPENED, EntryText.of(Phrase.RETURN_STUCK).text("return", standing.returnId())
                    .code("state", Vocabulary.RETURN_STATE, standing.state()).count("days", days.get()).text("ticket", ticket.number()),
                    Optional.empty()));
        }
        return entries;
    }

    /** One ticket per return and stuck state: a later review, or one racing this, finds the same ticket. */
    private Ticket openTicket(Shop shop, OrderState order, String orderName, CustomerContact customer, ReturnLife.Standing standing, int days) {
        String subject = "Return " + standing.returnId() + " of order " + orderName + " is stuck: " + standing.state().label()
                + " for " + days + " business days";
        String message = "Aftercare opened this ticket: return " + standing.returnId() + " of order " + orderName + " has been "
                + standing.state().label() + " since " + standing.since() + ", longer than the shop's " + days
                + " business days. The customer is waiting on the shop's next step.";
        return tickets.open(shop.id(), new TicketService.NewTicket(customer, subject, message, Optional.of(order.orderId()), Optional.empty(),
                false, Optional.of("return-" + order.orderId().value() + "-" + standing.returnId() + "-" + standing.state().label()
                        + "-" + standing.since().toEpochMilli()), true), Optional.empty());
    }

    private static BusinessCalendar calendar(Shop shop) {
        return shop.settings().support().calendar(shop.settings().timeZone());
    }
}
