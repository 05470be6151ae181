package io.aftercare.domain.delivery;

import io.aftercare.domain.NotFound;
import io.aftercare.domain.PageRequest;
import io.aftercare.domain.action.ActionKind;
import io.aftercare.domain.action.ActionStore;
import io.aftercare.domain.action.ClaimedAction;
import io.aftercare.domain.cases.OrderCheck;
import io.aftercare.domain.event.OrderUpdate;
import io.aftercare.domain.order.CustomerContact;
import io.aftercare.domain.order.Milestone;
import io.aftercare.domain.order.OrderFact;
import io.aftercare.domain.order.OrderId;
import io.aftercare.domain.order.OrderSnapshot;
import io.aftercare.domain.order.OrderState;
import io.aftercare.domain.order.ShipmentStatus;
import io.aftercare.domain.recording.CaseResolution;
import io.aftercare.domain.recording.CaseSchedule;
import io.aftercare.domain.recording.RecordingPolicy;
import io.aftercare.domain.recording.RecordingStore;
import io.aftercare.domain.shop.Shop;
import io.aftercare.domain.shop.ShopCache;
import io.aftercare.domain.ticket.Ticket;
import io.aftercare.domain.ticket.TicketService;
import io.aftercare.domain.ticket.TicketStatus;
import io.aftercare.domain.timeline.EntryKind;
import io.aftercare.domain.timeline.EntryParam;
import io.aftercare.domain.timeline.EntryText;
import io.aftercare.domain.timeline.Phrase;
import io.aftercare.domain.timeline.Subject;
import io.aftercare.domain.timeline.TimelineEntry;
import io.aftercare.domain.timeline.TimelineReader;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Runs a parcel's checks. A parcel's {@code parcel-watch} (one per parcel, judging by that parcel's news alone) comes due
 * the shop's transit estimate after the tracking news that set it: if news came since, it waits for the silence after
 * the latest; if not, it records that the parcel went silent, a problem like a carrier's failure, through the same
 * recording as a webhook (so the apology email and the case are scheduled the same way); a delivered parcel's watch
 * ends. A
 * {@code delivery-case} opens the agents' ticket for a problem (one per order: its id is the order's), and once the
 * parcel is delivered resolves it: its resolution is written with the delivery if the ticket exists by then, and a
 * case opened after that resolves itself at once, since it reads the order again once its ticket exists.
 */
public final class DeliveryCases extends OrderCheck {

    private static final Set<EntryKind> PARCEL_NEWS = Set.of(EntryKind.SHIPMENT_UPDATED, EntryKind.FULFILMENT_UPDATED);
    private static final String AFTERCARE = "Aftercare";

    private final RecordingStore recordings;
    private final TicketService tickets;
    private final RecordingPolicy policy = new RecordingPolicy();

    public DeliveryCases(ActionStore actions, ShopCache shops, TimelineReader orders, RecordingStore recordings, TicketService tickets,
                         Clock clock) {
        super(actions, shops, orders, clock);
        this.recordings = recordings;
        this.tickets = tickets;
    }

    @Override
    protected Finding check(ClaimedAction action, Shop shop, OrderState order, Instant now) {
        Optional<String> parcel = action.kind().equals(ActionKind.PARCEL_WATCH) ? CaseSchedule.watchedParcel(action) : Optional.empty();
        if (parcel.isPresent()) { // one parcel of the order: its own news and delivery, whatever its other parcels do
            List<TimelineEntry> timeline = timeline(shop, order);
            return delivered(order, timeline, parcel.get()) ? Finding.done(List.of()) : watch(shop, order, latestNews(timeline, false, parcel), now);
        }
        boolean watching = action.kind().equals(ActionKind.PARCEL_WATCH) || action.kind().equals(ActionKind.PARCEL_DUE);
        if (watching && delivered(order)) {
            return Finding.done(List.of()); // a delivered parcel is neither silent nor overdue: its timeline need not be read
        }
        if (action.kind().equals(ActionKind.PARCEL_WATCH)) { // set before watches were a parcel's: the order's news, as then
            return watch(shop, order, latestNews(timeline(shop, order), false, Optional.empty()), now);
        }
        if (action.kind().equals(ActionKind.PARCEL_DUE)) {
            return Finding.done(due(shop, order, now));
        }
        return Finding.done(delivered(order) ? resolve(shop, order, now) : open(shop, order, latestNews(timeline(shop, order), true, Optional.empty()), now));
    }

    /** News since the watch was set puts it off to the silence after that news: one watch per parcel, however often the carrier speaks. */
    private Finding watch(Shop shop, OrderState order, Optional<TimelineEntry> news, Instant now) {
        Optional<Instant> silentFrom = news.map(n -> n.at().plus(CaseSchedule.silence(shop.settings())));
        if (silentFrom.filter(now::isBefore).isPresent()) {
            return Finding.lookAgain(silentFrom.get());
        }
        news.ifPresent(silent -> recordProblem(shop, order, param(silent, "fulfilment").orElse("parcel"), ShipmentStatus.SILENT, now));
        return Finding.done(List.of());
    }

    /**
     * The estimated delivery date of a parcel came: undelivered, it is overdue, a problem recorded like silence; an
     * estimate moved later since (a newer estimate of the same parcel) has its own check at its own date.
     */
    private List<TimelineEntry> due(Shop shop, OrderState order, Instant now) {
        Optional<TimelineEntry> estimate = timeline(shop, order).stream()
                .filter(entry -> entry.text() instanceof EntryText.Phrased phrased && phrased.phrase() == Phrase.DELIVERY_EXPECTED)
                .findFirst();
        Optional<Instant> by = estimate.flatMap(e -> ((EntryText.Phrased) e.text()).params().get("by") instanceof EntryParam.Moment m
                ? Optional.of(m.at()) : Optional.empty());
        if (estimate.isEmpty() || by.filter(now::isBefore).isPresent()) {
            return List.of();
        }
        recordProblem(shop, order, param(estimate.get(), "fulfilment").orElse("parcel"), ShipmentStatus.OVERDUE, now);
        return List.of();
    }

    /**
     * Aftercare's own finding about a parcel (silent, overdue), recorded through the same recording as a webhook, so the
     * apology email and the case are scheduled the same way; once per parcel and finding (its delivery key says both).
     */
    private void recordProblem(Shop shop, OrderState order, String fulfilment, ShipmentStatus found, Instant now) {
        var problem = new OrderFact.ShipmentProgressed(fulfilment, found, now, Optional.empty());
        String id = found.name().toLowerCase(Locale.ROOT) + "-" + order.orderId().value() + "-" + fulfilment;
        recordings.record(policy.plan(shop, "aftercare:" + id, id, "aftercare/parcel-" + found.name().toLowerCase(Locale.ROOT),
                new OrderUpdate(order.orderId(), now, Optional.empty(), List.of(problem), order.customer().map(CustomerContact::email), false), now));
    }

    private List<TimelineEntry> open(Shop shop, OrderState order, Optional<TimelineEntry> news, Instant now) {
        if (order.customer().isEmpty()) {
            return List.of();
        }
        String name = order.snapshot().map(OrderSnapshot::name).orElse(order.orderId().value());
        String status = news.flatMap(n -> param(n, "status")).orElse("problem").toLowerCase(Locale.ROOT).replace('_', ' ');
        String parcel = news.flatMap(n -> param(n, "fulfilment")).map(f -> "parcel " + f).orElse("the parcel");
        String message = "Aftercare opened this ticket: " + parcel + " of order " + name + " reported \"" + status + "\""
                + news.flatMap(n -> param(n, "message")).map(m -> " (" + m + ")").orElse("") + " at " + news.map(TimelineEntry::at).orElse(now)
                + ". The customer was sent an apology; check with the carrier and tell them what happens next.";
        Ticket ticket = tickets.open(shop.id(), new TicketService.NewTicket(order.customer().get(), "Delivery problem with order " + name + ": " + status,
                message, Optional.of(order.orderId()), Optional.empty(), true, Optional.of(CaseResolution.caseKey(order.orderId())), true), Optional.empty());
        List<TimelineEntry> entries = new ArrayList<>(List.of(new TimelineEntry("delivery-case-opened", Subject.order(order.orderId()), now,
                EntryKind.CASE_OPENED, EntryText.of(Phrase.DELIVERY_PROBLEM).text("status", status).text("ticket", ticket.number()), Optional.empty())));
        // a delivery written before the ticket existed wrote no resolution (CaseResolution): this case resolves itself
        orders.orderAsWritten(shop.id(), order.orderId()).filter(DeliveryCases::delivered)
                .ifPresent(delivered -> entries.addAll(resolve(shop, delivered, ticket, now)));
        return entries;
    }

    private List<TimelineEntry> resolve(Shop shop, OrderState order, Instant now) {
        Ticket ticket;
        try {
            ticket = tickets.find(shop.id(), CaseResolution.ticketOf(order.orderId()));
        } catch (NotFound noProblem) {
            return List.of(); // delivered without a problem
        }
        return resolve(shop, order, ticket, now);
    }

    private List<TimelineEntry> resolve(Shop shop, OrderState order, Ticket ticket, Instant now) {
        if (ticket.status().isActive()) {
            Ticket noted = tickets.note(ticket, AFTERCARE,
                    "The parcel was delivered at " + order.at(Milestone.DELIVERED).orElse(now) + ": the delivery problem is over.");
            tickets.change(shop.id(), noted.id(), noted.version(),
                    new TicketService.Changes(Optional.of(TicketStatus.RESOLVED), Optional.empty(), Optional.empty()), AFTERCARE);
        }
        return List.of(new TimelineEntry("delivery-case-resolved", Subject.order(order.orderId()), now, EntryKind.CASE_CLOSED,
                EntryText.of(Phrase.DELIVERY_RESOLVED).text("ticket", ticket.number()), Optional.empty()));
    }

    private static boolean delivered(OrderState order) {
        return order.has(Milestone.DELIVERED);
    }

    /**
     * Whether the parcel was delivered: a delivery names it (or names no parcel), or the order was delivered and no
     * delivery on its timeline says which parcel (one told of the order as a whole).
     */
    private static boolean delivered(OrderState order, List<TimelineEntry> timeline, String parcel) {
        List<TimelineEntry> deliveries = timeline.stream().filter(entry -> entry.kind() == EntryKind.ORDER_DELIVERED).toList();
        return deliveries.stream().anyMatch(delivery -> param(delivery, "fulfilment").map(parcel::equals).orElse(true))
                || (delivered(order) && deliveries.stream().noneMatch(delivery -> param(delivery, "fulfilment").isPresent()));
    }

    private List<TimelineEntry> timeline(Shop shop, OrderState order) {
        return orders.orderTimeline(shop.id(), order.orderId(), PageRequest.first(PageRequest.MAX_LIMIT)).items();
    }

    /**
     * The newest tracking news on the order's timeline (of one parcel, if given); Aftercare's own findings (silent,
     * overdue) are news only to the case they open, never to the silence watch (an overdue finding is not the carrier
     * speaking).
     */
    private static Optional<TimelineEntry> latestNews(List<TimelineEntry> timeline, boolean findingsCount, Optional<String> parcel) {
        return timeline.stream()
                .filter(entry -> PARCEL_NEWS.contains(entry.kind()))
                .filter(entry -> findingsCount || !param(entry, "status").map(DeliveryCases::finding).orElse(false))
                .filter(entry -> parcel.isEmpty() || param(entry, "fulfilment").equals(parcel))
                .findFirst();
    }

    private static boolean finding(String status) {
        return Stream.of(ShipmentStatus.values()).filter(s -> s.name().equals(status)).anyMatch(ShipmentStatus::aftercaresFinding);
    }

    private static Optional<String> param(TimelineEntry entry, String name) {
        if (!(entry.text() instanceof EntryText.Phrased phrased)) {
            return Optional.empty();
        }
        return switch (phrased.params().get(name)) {
            case EntryParam.Text text -> Optional.of(text.value());
            case EntryParam.Code code -> Optional.of(code.value());
            case null, default -> Optional.empty();
        };
    }
}
