package io.aftercare.domain.fakes;

import io.aftercare.domain.AlreadyExists;
import io.aftercare.domain.ChangedMeanwhile;
import io.aftercare.domain.DuplicateDelivery;
import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.ticket.QueueView;
import io.aftercare.domain.Page;
import io.aftercare.domain.PageRequest;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.ticket.Ticket;
import io.aftercare.domain.ticket.TicketChange;
import io.aftercare.domain.ticket.TicketStatus;
import io.aftercare.domain.ticket.TicketStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Tickets with the store's guards: a delivery recorded once, one ticket per id, numbers taken in turn, versions
 * checked. {@link #loseRaces(int)} makes the next writes fail as if another writer got there first.
 */
public final class InMemoryTickets implements TicketStore {

    private final Map<String, TicketChange> tickets = new HashMap<>();
    private final Map<String, Integer> taken = new HashMap<>();
    private final Set<String> deliveries = new HashSet<>();
    private final List<TicketChange> written = new ArrayList<>();
    private int racesToLose;

    @Override
    public Optional<Ticket> find(ShopId shop, String ticketId) {
        return Optional.ofNullable(tickets.get(key(shop, ticketId))).map(TicketChange::ticket);
    }

    @Override
    public void create(TicketChange change, Optional<String> deliveryKey) {
        Ticket ticket = change.ticket();
        checkDelivery(ticket.shop(), deliveryKey);
        if (tickets.containsKey(key(ticket.shop(), ticket.id()))) {
            throw new AlreadyExists("ticket " + ticket.id() + " exists");
        }
        loseARace();
        if (!ticket.number().equals(nextNumber(ticket.shop()))) {
            throw new ChangedMeanwhile("another ticket took " + ticket.number());
        }
        taken.merge(ticket.shop().value(), 1, Integer::sum);
        write(change, deliveryKey);
    }

    @Override
    public void update(TicketChange change, Optional<String> deliveryKey) {
        Ticket ticket = change.ticket();
        checkDelivery(ticket.shop(), deliveryKey);
        loseARace();
        if (find(ticket.shop(), ticket.id()).map(Ticket::version).orElse(-1L) != ticket.version() - 1) {
            throw new ChangedMeanwhile("ticket " + ticket.id() + " is not at version " + (ticket.version() - 1));
        }
        write(change, deliveryKey);
    }

    @Override
    public Optional<String> reply(ShopId shop, String ticketId, long number) {
        return written.stream()
                .filter(c -> c.ticket().shop().equals(shop) && c.ticket().id().equals(ticketId))
                .flatMap(c -> c.reply().stream())
                .filter(r -> r.number() == number)
                .map(r -> r.message())
                .findFirst();
    }

    @Override
    public Page<Ticket> queue(ShopId shop, QueueView view, Optional<EmailAddress> member, Instant now, PageRequest page) {
        return new Page<>(tickets.values().stream()
                .filter(c -> c.ticket().shop().equals(shop))
                .filter(c -> c.ticket().status() == TicketStatus.OPEN || c.ticket().status() == TicketStatus.PENDING)
                .filter(c -> switch (view) {
                    case ALL -> true;
                    case MINE -> c.ticket().assignee().equals(member);
                    case UNASSIGNED -> c.ticket().assignee().isEmpty();
                    case BREACHING -> c.nextBreach().filter(at -> !at.isAfter(now.plus(QueueView.BREACHING_WITHIN))).isPresent();
                    case BREACHED, PENDING -> QueueView.stateOf(c.ticket()).equals(Optional.of(view));
                })
                .sorted(Comparator.comparing((TicketChange c) -> c.nextBreach().orElse(Instant.MAX)))
                .limit(page.limit())
                .map(TicketChange::ticket)
                .toList(), Optional.empty());
    }

    @Override
    public String nextNumber(ShopId shop) {
        return "T-" + (1001 + taken.getOrDefault(shop.value(), 0));
    }

    /** Every change written, oldest first: the ticket, its entries and its due actions. */
    public List<TicketChange> written() {
        return List.copyOf(written);
    }

    public void loseRaces(int writes) {
        racesToLose = writes;
    }

    private void checkDelivery(ShopId shop, Optional<String> deliveryKey) {
        if (deliveryKey.isPresent() && deliveries.contains(shop.value() + "/" + deliveryKey.get())) {
            throw new DuplicateDelivery(deliveryKey.get());
        }
    }

    private void loseARace() {
        if (racesToLose > 0) {
            racesToLose--;
            throw new ChangedMeanwhile("another write held the ticket's items");
        }
    }

    private void write(TicketChange change, Optional<String> deliveryKey) {
        deliveryKey.ifPresent(k -> deliveries.add(change.ticket().shop().value() + "/" + k));
        tickets.put(key(change.ticket().shop(), change.ticket().id()), change);
        written.add(change);
    }

    private static String key(ShopId shop, String ticketId) {
        return shop.value() + "/" + ticketId;
    }
}
