package io.aftercare.domain.ticket;

import io.aftercare.domain.AlreadyExists;
import io.aftercare.domain.ChangedMeanwhile;
import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.InvalidInput;
import io.aftercare.domain.NotFound;
import io.aftercare.domain.Page;
import io.aftercare.domain.PageRequest;
import io.aftercare.domain.RaceRetry;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.action.ActionDetail;
import io.aftercare.domain.action.ActionKind;
import io.aftercare.domain.action.DueAction;
import io.aftercare.domain.email.RecipientStore;
import io.aftercare.domain.order.CustomerContact;
import io.aftercare.domain.order.OrderId;
import io.aftercare.domain.order.OrderSnapshot;
import io.aftercare.domain.order.OrderState;
import io.aftercare.domain.shop.Shop;
import io.aftercare.domain.shop.ShopCache;
import io.aftercare.domain.timeline.EntryKind;
import io.aftercare.domain.timeline.Subject;
import io.aftercare.domain.timeline.TimelineEntry;
import io.aftercare.domain.timeline.TimelineReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Complaint tickets: opened by a webhook or an agent, answered, paused while waiting for the customer, resolved.
 * Every change is one write guarded by the ticket's version, with its timeline entries and the deadlines it implies.
 * Nothing is emailed from here: an email is a due action written with the change, sent by the action worker.
 */
public final class TicketService {

    /** A complaint as it arrives. {@code externalId} is the platform's complaint id: the same one opens one ticket. */
    public record NewTicket(CustomerContact customer, String subject, String message, Optional<OrderId> order,
                            Optional<Priority> priority, boolean deliveryProblem, Optional<String> externalId) {
    }

    /** What an agent changes: each field only when given ({@code assignee} of empty un-assigns). */
    public record Changes(Optional<TicketStatus> status, Optional<Priority> priority, Optional<Optional<EmailAddress>> assignee) {
    }

    private static final Map<TicketStatus, Set<TicketStatus>> TRANSITIONS = Map.of(
            TicketStatus.OPEN, Set.of(TicketStatus.PENDING, TicketStatus.RESOLVED, TicketStatus.CLOSED),
            TicketStatus.PENDING, Set.of(TicketStatus.OPEN, TicketStatus.RESOLVED, TicketStatus.CLOSED),
            TicketStatus.RESOLVED, Set.of(TicketStatus.OPEN, TicketStatus.CLOSED),
            TicketStatus.CLOSED, Set.of());
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final TicketStore tickets;
    private final ShopCache shops;
    private final TimelineReader orders;
    private final RecipientStore recipients;
    private final Clock clock;
    private final TicketPlanner planner = new TicketPlanner();

    public TicketService(TicketStore tickets, ShopCache shops, TimelineReader orders, RecipientStore recipients, Clock clock) {
        this.tickets = tickets;
        this.shops = shops;
        this.orders = orders;
        this.recipients = recipients;
        this.clock = clock;
    }

    /**
     * Opens a ticket; for a complaint the shop opened before (the same {@code externalId}, from another delivery),
     * the ticket it opened then. Racing writes to the customer's profile or for the next number are retried.
     *
     * @throws io.aftercare.domain.DuplicateDelivery when this delivery was recorded before
     * @throws ChangedMeanwhile when it kept losing races
     */
    public Ticket open(ShopId shopId, NewTicket complaint, Optional<String> deliveryKey) {
        Shop shop = shop(shopId);
        Instant now = clock.instant();
        Priority priority = complaint.priority().orElseGet(() -> priorityOf(shop, complaint, now));
        String id = complaint.externalId().map(TicketId::ofComplaint).orElseGet(TicketId::random);
        try {
            return RaceRetry.untilItWins(() -> {
                TicketChange change = opening(shop, id, tickets.nextNumber(shopId), priority, complaint, now);
                tickets.create(change, deliveryKey);
                return change.ticket();
            });
        } catch (AlreadyExists sameComplaint) {
            return find(shopId, id);
        }
    }

    /** The new ticket with the number it takes, its timeline and its deadlines. */
    private TicketChange opening(Shop shop, String id, String number, Priority priority, NewTicket complaint, Instant now) {
        SlaTargets targets = shop.settings().support().sla().get(priority);
        var ticket = new Ticket(shop.id(), id, number, complaint.subject(), priority, TicketStatus.OPEN,
                complaint.customer(), complaint.order(), Optional.empty(), 0,
                List.of(SlaClock.start(SlaTarget.FIRST_RESPONSE, 0, targets.firstResponse(), now),
                        SlaClock.start(SlaTarget.RESOLUTION, 0, targets.resolution(), now)),
                now, Optional.empty(), Optional.empty(), false, 1, 1);
        var sla = slaCalendar(shop, ticket);
        List<TimelineEntry> entries = new ArrayList<>();
        entries.add(entry(ticket, "opened", EntryKind.TICKET_OPENED, "Complaint " + ticket.number() + " opened (" + priority.slug()
                + " priority): " + complaint.subject() + "; first answer due " + when(shop, ticket.clock(SlaTarget.FIRST_RESPONSE).orElseThrow().dueAt(sla).orElseThrow()), now));
        entries.add(entry(ticket, "message-0", EntryKind.CUSTOMER_WROTE, "Customer wrote: " + excerpt(complaint.message()), now));
        complaint.order().ifPresent(order -> entries.add(new TimelineEntry("complaint-" + ticket.id(), Subject.order(order), now,
                EntryKind.TICKET_OPENED, "Complaint " + ticket.number() + " opened: " + complaint.subject(), Optional.empty())));
        List<DueAction> actions = new ArrayList<>();
        actions.add(DueAction.of(ActionKind.TICKET_ACK, subject(ticket), now));
        actions.addAll(planner.plan(ticket, shop.settings().support(), sla, now));
        return TicketChange.of(ticket, entries, actions, +1, sla, now);
    }

    /**
     * A follow-up from the customer: reopens a resolved ticket, resumes a paused one, and starts the next-response
     * clock. It races agents' changes and other follow-ups, so it is retried on a new version rather than lost.
     *
     * @throws io.aftercare.domain.DuplicateDelivery when this delivery was recorded before
     * @throws ChangedMeanwhile when it kept losing races: nothing was recorded
     */
    public Ticket customerWrote(ShopId shopId, String ticketId, String message, Optional<String> deliveryKey) {
        return RaceRetry.untilItWins(() -> customerWroteOnce(shopId, ticketId, message, deliveryKey));
    }

    private Ticket customerWroteOnce(ShopId shopId, String ticketId, String message, Optional<String> deliveryKey) {
        Shop shop = shop(shopId);
        Ticket ticket = find(shopId, ticketId);
        Instant now = clock.instant();
        var sla = slaCalendar(shop, ticket);
        SlaTargets targets = shop.settings().support().sla().get(ticket.priority());
        List<TimelineEntry> entries = new ArrayList<>();
        int openDelta = 0;
        List<SlaClock> clocks = new ArrayList<>();
        for (SlaClock c : ticket.clocks()) {
            clocks.add(c.isMet() ? c : c.resume(now));
        }
        if (!ticket.status().isActive()) {
            openDelta = 1;
            entries.add(entry(ticket, "reopened-" + ticket.version(), EntryKind.TICKET_UPDATED, "Reopened by the customer's message", now));
            int cycle = ticket.clock(SlaTarget.RESOLUTION).map(SlaClock::cycle).orElse(0) + 1;
            clocks.add(SlaClock.start(SlaTarget.RESOLUTION, cycle, targets.resolution(), now));
        }
        if (clocks.stream().noneMatch(c -> c.target() != SlaTarget.RESOLUTION && c.isRunning())) {
            int cycle = (int) clocks.stream().filter(c -> c.target() != SlaTarget.RESOLUTION).count();
            clocks.add(SlaClock.start(SlaTarget.NEXT_RESPONSE, cycle, targets.nextResponse(), now));
        }
        entries.add(entry(ticket, "message-" + ticket.version(), EntryKind.CUSTOMER_WROTE, "Customer wrote: " + excerpt(message), now));
        Ticket next = ticket.with(TicketStatus.OPEN, clocks).resolvedAt(Optional.empty()).nextPlan().nextVersion();
        return save(shop, next, entries, planner.plan(next, shop.settings().support(), sla, now), openDelta, deliveryKey);
    }

    /**
     * An agent's answer; it meets the response clock that was waiting for it. It is recorded, with the action that
     * emails it to the customer, in the same version-checked write: a reply that lost the race (409) is never sent.
     */
    public Ticket reply(ShopId shopId, String ticketId, long version, String agent, String message) {
        Shop shop = shop(shopId);
        Ticket ticket = current(shopId, ticketId, version);
        if (ticket.status() == TicketStatus.CLOSED) {
            throw new InvalidInput("status", "ticket " + ticket.number() + " is closed");
        }
        if (message == null || message.isBlank()) {
            throw new InvalidInput("message", "the reply is empty");
        }
        Instant now = clock.instant();
        var sla = slaCalendar(shop, ticket);
        Ticket next = ticket;
        Optional<SlaClock> met = ticket.runningResponseClock().map(response -> response.stop(now, sla));
        if (met.isPresent()) {
            next = next.replacing(ticket.runningResponseClock().get(), met.get());
        }
        next = next.answered(now).nextPlan().nextVersion();
        var entry = entry(ticket, "reply-" + ticket.version(), EntryKind.AGENT_REPLIED, agent + " replied: " + excerpt(message)
                + met.map(m -> "; " + m.target().label() + (m.breached() ? " breached" : " met")).orElse(""), now);
        List<DueAction> actions = new ArrayList<>(planner.plan(next, shop.settings().support(), sla, now));
        actions.add(DueAction.of(ActionKind.TICKET_REPLY, subject(ticket), new ActionDetail.Reply(ticket.version()), now));
        tickets.update(TicketChange.of(next, List.of(entry), actions, 0, slaCalendar(shop, next), now)
                .withReply(new TicketReply(ticket.version(), message)), Optional.empty());
        return next;
    }

    public Ticket note(ShopId shopId, String ticketId, long version, String agent, String note) {
        Shop shop = shop(shopId);
        Ticket ticket = current(shopId, ticketId, version);
        if (note == null || note.isBlank()) {
            throw new InvalidInput("note", "the note is empty");
        }
        Instant now = clock.instant();
        return save(shop, ticket.nextVersion(), List.of(entry(ticket, "note-" + ticket.version(), EntryKind.INTERNAL_NOTE,
                "Note by " + agent + ": " + excerpt(note), now)), List.of(), 0, Optional.empty());
    }

    public Ticket change(ShopId shopId, String ticketId, long version, Changes changes, String agent) {
        Shop shop = shop(shopId);
        Ticket ticket = current(shopId, ticketId, version);
        Instant now = clock.instant();
        List<String> said = new ArrayList<>();
        List<DueAction> extra = new ArrayList<>();
        int openDelta = 0;
        Ticket next = ticket;
        if (changes.priority().isPresent() && changes.priority().get() != ticket.priority()) {
            next = reprioritised(shop, next, changes.priority().get());
            said.add("priority " + ticket.priority().slug() + " to " + next.priority().slug());
        }
        if (changes.assignee().isPresent()) {
            next = next.withAssignee(changes.assignee().get());
            said.add(changes.assignee().get().map(a -> "assigned to " + a.masked()).orElse("unassigned"));
        }
        if (changes.status().isPresent() && changes.status().get() != ticket.status()) {
            TicketStatus to = changes.status().get();
            if (!TRANSITIONS.get(ticket.status()).contains(to)) {
                throw new InvalidInput("status", "a " + ticket.status().slug() + " ticket cannot become " + to.slug());
            }
            var sla = slaCalendar(shop, next);
            next = switch (to) {
                case PENDING -> next.with(to, mapClocks(next, c -> c.pause(now, sla)));
                case OPEN -> next.with(to, mapClocks(next, c -> c.isMet() ? c : c.resume(now))).resolvedAt(Optional.empty());
                case RESOLVED, CLOSED -> next.with(to, mapClocks(next, c -> c.isMet() ? c : c.stop(now, sla)))
                        .resolvedAt(next.resolvedAt().or(() -> Optional.of(now)));
            };
            openDelta = (to.isActive() ? 1 : 0) - (ticket.status().isActive() ? 1 : 0);
            said.add(ticket.status().slug() + " to " + to.slug());
            if (!to.isActive() && next.breachedAny() && !next.compensated()) {
                Optional<io.aftercare.domain.shop.DiscountTemplate> goodwill = shop.settings().support().goodwill();
                if (goodwill.isPresent()) {
                    next = next.compensatedNow();
                    extra.add(DueAction.of(ActionKind.GOODWILL, subject(next), now));
                }
            }
        }
        if (said.isEmpty()) {
            return ticket;
        }
        next = next.nextPlan().nextVersion();
        var entry = entry(ticket, "change-" + ticket.version(), EntryKind.TICKET_UPDATED, agent + ": " + String.join(", ", said), now);
        List<DueAction> actions = new ArrayList<>(planner.plan(next, shop.settings().support(), slaCalendar(shop, next), now));
        actions.addAll(extra);
        return save(shop, next, List.of(entry), actions, openDelta, Optional.empty());
    }

    public Ticket find(ShopId shop, String ticketId) {
        return tickets.find(shop, ticketId).orElseThrow(() -> new NotFound("no ticket " + ticketId));
    }

    public Page<Ticket> queue(ShopId shop, PageRequest page) {
        shop(shop);
        return tickets.queue(shop, page);
    }

    /** The clock a ticket's SLA counts on. */
    public BusinessCalendar slaCalendar(Shop shop, Ticket ticket) {
        return shop.settings().support().slaCalendar(ticket.priority(), shop.settings().timeZone());
    }

    private Ticket reprioritised(Shop shop, Ticket ticket, Priority priority) {
        SlaTargets targets = shop.settings().support().sla().get(priority);
        List<SlaClock> clocks = new ArrayList<>();
        for (SlaClock c : ticket.clocks()) {
            clocks.add(c.isMet() ? c : new SlaClock(c.target(), c.cycle(), targets.of(c.target()), c.consumed(), c.runningSince(), c.metAt(), c.breached()));
        }
        return ticket.withPriority(priority).with(ticket.status(), clocks);
    }

    private Ticket save(Shop shop, Ticket next, List<TimelineEntry> entries, List<DueAction> actions, int openDelta, Optional<String> deliveryKey) {
        tickets.update(TicketChange.of(next, entries, actions, openDelta, slaCalendar(shop, next), clock.instant()), deliveryKey);
        return next;
    }

    private Ticket current(ShopId shop, String ticketId, long version) {
        Ticket ticket = find(shop, ticketId);
        if (ticket.version() != version) {
            throw new ChangedMeanwhile("ticket " + ticket.number() + " is at version " + ticket.version()
                    + ", not " + version + ": someone changed it meanwhile; read it again");
        }
        return ticket;
    }

    private Priority priorityOf(Shop shop, NewTicket complaint, Instant now) {
        SupportSettings support = shop.settings().support();
        // the threshold is in the shop's money, whatever the customer paid in
        boolean highValue = support.highValueOrder().isPresent() && complaint.order()
                .flatMap(order -> orders.order(shop.id(), order)).flatMap(OrderState::snapshot).map(OrderSnapshot::shopTotal)
                .filter(total -> total.currency().equals(support.highValueOrder().get().currency()))
                .map(total -> total.amount().compareTo(support.highValueOrder().get().amount()) >= 0).orElse(false);
        boolean repeat = recipients.state(shop.id(), complaint.customer().email().hash()).lastComplaintAt()
                .map(last -> last.isAfter(now.minus(Duration.ofDays(support.repeatWithinDays())))).orElse(false);
        return highValue || repeat || complaint.deliveryProblem() ? Priority.HIGH : Priority.NORMAL;
    }

    private Shop shop(ShopId id) {
        return shops.find(id).orElseThrow(() -> new NotFound("no shop " + id));
    }

    private static List<SlaClock> mapClocks(Ticket ticket, java.util.function.UnaryOperator<SlaClock> change) {
        return ticket.clocks().stream().map(change).toList();
    }

    static Subject subject(Ticket ticket) {
        return new Subject(Subject.Type.TICKET, ticket.id());
    }

    static TimelineEntry entry(Ticket ticket, String id, EntryKind kind, String summary, Instant at) {
        return new TimelineEntry(id, subject(ticket), at, kind, summary, Optional.empty());
    }

    private String when(Shop shop, Instant at) {
        return WHEN.format(at.atZone(shop.settings().timeZone())) + " (" + shop.settings().timeZone().getId() + ")";
    }

    private static String excerpt(String text) {
        String flat = text.strip().replaceAll("\\s+", " ");
        return flat.length() > 200 ? flat.substring(0, 199) + "…" : flat;
    }

}
