package io.aftercare.domain.ticket;

import io.aftercare.domain.AlreadyExists;
import io.aftercare.domain.ChangedMeanwhile;
import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.InvalidInput;
import io.aftercare.domain.Money;
import io.aftercare.domain.NotFound;
import io.aftercare.domain.Page;
import io.aftercare.domain.PageRequest;
import io.aftercare.domain.RaceRetry;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.email.RecipientStore;
import io.aftercare.domain.order.CustomerContact;
import io.aftercare.domain.order.OrderId;
import io.aftercare.domain.order.OrderSnapshot;
import io.aftercare.domain.order.OrderState;
import io.aftercare.domain.shop.BusinessCalendar;
import io.aftercare.domain.shop.Priority;
import io.aftercare.domain.shop.Shop;
import io.aftercare.domain.shop.ShopCache;
import io.aftercare.domain.timeline.TimelineReader;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Complaint tickets: opened by a webhook or an agent, answered, paused while waiting for the customer, resolved.
 * This is the shell around {@link TicketLifecycle}: it reads the shop and the ticket, checks the version an agent
 * changed, writes each change as one version-guarded write with its timeline entries and the deadlines it implies,
 * and retries the writes that race. Nothing is emailed from here: an email is a due action written with the change,
 * sent by the action worker.
 */
public final class TicketService {

    /**
     * A complaint as it arrives. {@code externalId} is the platform's complaint id: the same one opens one ticket.
     *
     * @param raisedByAftercare a stuck return's or a parcel's case: the customer did not write, so nothing acknowledges
     *                          it to them and its message is the agents' note
     */
    public record NewTicket(CustomerContact customer, String subject, String message, Optional<OrderId> order,
                            Optional<Priority> priority, boolean deliveryProblem, Optional<String> externalId, boolean raisedByAftercare,
                            MessageNotes notes) {

        public NewTicket(CustomerContact customer, String subject, String message, Optional<OrderId> order,
                         Optional<Priority> priority, boolean deliveryProblem, Optional<String> externalId, boolean raisedByAftercare) {
            this(customer, subject, message, order, priority, deliveryProblem, externalId, raisedByAftercare, MessageNotes.NONE);
        }

        public NewTicket(CustomerContact customer, String subject, String message, Optional<OrderId> order,
                         Optional<Priority> priority, boolean deliveryProblem, Optional<String> externalId) {
            this(customer, subject, message, order, priority, deliveryProblem, externalId, false);
        }
    }

    /** What an agent changes: each field only when given ({@code assignee} of empty un-assigns). */
    public record Changes(Optional<TicketStatus> status, Optional<Priority> priority, Optional<Optional<EmailAddress>> assignee) {
    }

    private final TicketStore tickets;
    private final ShopCache shops;
    private final TimelineReader orders;
    private final RecipientStore recipients;
    private final Clock clock;
    private final TicketLifecycle lifecycle = new TicketLifecycle();

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
        Priority priority = complaint.priority().orElseGet(() ->
                PriorityRules.of(shop.settings().support(), complaint.deliveryProblem(), priorityFacts(shop, complaint), now));
        String id = complaint.externalId().map(TicketId::ofComplaint).orElseGet(TicketId::random);
        try {
            return RaceRetry.untilItWins(() -> {
                TicketChange change = lifecycle.opening(shop, id, tickets.nextNumber(shopId), priority, complaint, now);
                tickets.create(change, deliveryKey);
                return change.ticket();
            });
        } catch (AlreadyExists sameComplaint) {
            return find(shopId, id);
        }
    }

    /**
     * A follow-up from the customer. It races agents' changes and other follow-ups, so it is retried on a new version
     * rather than lost.
     *
     * @throws io.aftercare.domain.DuplicateDelivery when this delivery was recorded before
     * @throws ChangedMeanwhile when it kept losing races: nothing was recorded
     */
    public Ticket customerWrote(ShopId shopId, String ticketId, String message, Optional<String> deliveryKey) {
        return customerWrote(shopId, ticketId, message, MessageNotes.NONE, deliveryKey);
    }

    /** A follow-up with what the agent should know about it (an email's attachments, a sender who is not the customer). */
    public Ticket customerWrote(ShopId shopId, String ticketId, String message, MessageNotes notes, Optional<String> deliveryKey) {
        return RaceRetry.untilItWins(() -> {
            Shop shop = shop(shopId);
            return save(lifecycle.customerWrote(shop, find(shopId, ticketId), message, notes, clock.instant()), deliveryKey);
        });
    }

    /**
     * An agent's answer. It is recorded, with the action that emails it to the customer, in the same version-checked
     * write: a reply that lost the race (409) is never sent.
     */
    public Ticket reply(ShopId shopId, String ticketId, long version, String agent, String message) {
        Shop shop = shop(shopId);
        return save(lifecycle.reply(shop, current(shopId, ticketId, version), agent, message, clock.instant()), Optional.empty());
    }

    /** An internal note that mentions nobody (Aftercare's own, on a case it raised). */
    public Ticket note(ShopId shopId, String ticketId, long version, String agent, String note) {
        return note(shopId, ticketId, version, agent, note, List.of());
    }

    /**
     * An internal note, with an email to each member it mentions written in the same version-checked write.
     *
     * @param mentioned members of the shop: the caller checked each is one
     */
    public Ticket note(ShopId shopId, String ticketId, long version, String agent, String note, List<EmailAddress> mentioned) {
        Shop shop = shop(shopId);
        return save(lifecycle.note(shop, current(shopId, ticketId, version), agent, note, List.copyOf(new LinkedHashSet<>(mentioned)),
                clock.instant()), Optional.empty());
    }

    public Ticket change(ShopId shopId, String ticketId, long version, Changes changes, String agent) {
        Shop shop = shop(shopId);
        Ticket ticket = current(shopId, ticketId, version);
        return lifecycle.change(shop, ticket, changes, agent, clock.instant()).map(change -> save(change, Optional.empty())).orElse(ticket);
    }

    public Ticket find(ShopId shop, String ticketId) {
        return tickets.find(shop, ticketId).orElseThrow(() -> new NotFound("no ticket " + ticketId));
    }

    /**
     * @param member the signed-in person asking, whose tickets {@link QueueView#MINE} lists
     * @throws io.aftercare.domain.InvalidInput for {@code mine} without a signed-in person (a token or the admin token is assigned nothing)
     */
    public Page<Ticket> queue(ShopId shop, QueueView view, Optional<EmailAddress> member, PageRequest page) {
        shop(shop);
        if (view == QueueView.MINE && member.isEmpty()) {
            throw new InvalidInput("view", "mine lists a signed-in person's tickets; a token is assigned none");
        }
        return tickets.queue(shop, view, view == QueueView.MINE ? member : Optional.empty(), clock.instant(), page);
    }

    /** The clock a ticket's SLA counts on. */
    public BusinessCalendar slaCalendar(Shop shop, Ticket ticket) {
        return TicketLifecycle.slaCalendar(shop, ticket);
    }

    private Ticket save(TicketChange change, Optional<String> deliveryKey) {
        tickets.update(change, deliveryKey);
        return change.ticket();
    }

    private Ticket current(ShopId shop, String ticketId, long version) {
        Ticket ticket = find(shop, ticketId);
        if (ticket.version() != version) {
            throw new ChangedMeanwhile("ticket " + ticket.number() + " is at version " + ticket.version()
                    + ", not " + version + ": someone changed it meanwhile; read it again");
        }
        return ticket;
    }

    /** What the priority rules look at; the order is read only when the shop has a high-value threshold. */
    private PriorityRules.Facts priorityFacts(Shop shop, NewTicket complaint) {
        Optional<Money> orderTotal = shop.settings().support().highValueOrder().isEmpty() ? Optional.empty()
                : complaint.order().flatMap(order -> orders.order(shop.id(), order)).flatMap(OrderState::snapshot).map(OrderSnapshot::shopTotal);
        return new PriorityRules.Facts(orderTotal, recipients.state(shop.id(), complaint.customer().email().hash()).lastComplaintAt());
    }

    private Shop shop(ShopId id) {
        return shops.find(id).orElseThrow(() -> new NotFound("no shop " + id));
    }
}
