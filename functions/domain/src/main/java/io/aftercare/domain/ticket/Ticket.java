package io.aftercare.domain.ticket;

import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.order.CustomerContact;
import io.aftercare.domain.order.OrderId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A customer's complaint and the shop's promises about it.
 *
 * @param number what the customer and the agents call it, e.g. {@code T-1042}
 * @param clocks every SLA clock the ticket has had (one per target, and one next-response clock per follow-up)
 * @param plan bumped whenever the deadlines are planned anew (a pause, a resume, a new priority): a deadline action
 *     planned under an older plan is stale and does nothing
 * @param version bumped by every change: an update made from an older version is refused (409), never lost
 */
public record Ticket(ShopId shop, String id, String number, String subject, Priority priority, TicketStatus status,
                     CustomerContact customer, Optional<OrderId> order, Optional<EmailAddress> assignee, int escalationLevel,
                     List<SlaClock> clocks, Instant createdAt, Optional<Instant> firstResponseAt, Optional<Instant> resolvedAt,
                     boolean compensated, int plan, long version) {

    public Ticket {
        clocks = List.copyOf(clocks);
    }

    /** The latest clock of a target. */
    public Optional<SlaClock> clock(SlaTarget target) {
        return clocks.stream().filter(c -> c.target() == target).max(Comparator.comparingInt(SlaClock::cycle));
    }

    /** The response clock that is waiting for an agent's answer, if any. */
    public Optional<SlaClock> runningResponseClock() {
        return clocks.stream().filter(c -> c.target() != SlaTarget.RESOLUTION && c.isRunning()).findFirst();
    }

    public boolean breachedAny() {
        return clocks.stream().anyMatch(SlaClock::breached);
    }

    /** The nearest deadline of a running clock: the agents' queue is sorted by it. */
    public Optional<Instant> nextBreach(BusinessCalendar calendar) {
        return clocks.stream().filter(c -> c.isRunning() && !c.breached()).map(c -> c.dueAt(calendar).orElseThrow()).min(Comparator.naturalOrder());
    }

    Ticket with(TicketStatus nextStatus, List<SlaClock> nextClocks) {
        return new Ticket(shop, id, number, subject, priority, nextStatus, customer, order, assignee, escalationLevel, nextClocks,
                createdAt, firstResponseAt, resolvedAt, compensated, plan, version);
    }

    Ticket replacing(SlaClock old, SlaClock replacement) {
        List<SlaClock> next = new ArrayList<>(clocks);
        next.set(next.indexOf(old), replacement);
        return with(status, next);
    }

    Ticket withPriority(Priority next) {
        return new Ticket(shop, id, number, subject, next, status, customer, order, assignee, escalationLevel, clocks, createdAt,
                firstResponseAt, resolvedAt, compensated, plan, version);
    }

    Ticket withAssignee(Optional<EmailAddress> next) {
        return new Ticket(shop, id, number, subject, priority, status, customer, order, next, escalationLevel, clocks, createdAt,
                firstResponseAt, resolvedAt, compensated, plan, version);
    }

    Ticket answered(Instant at) {
        return new Ticket(shop, id, number, subject, priority, status, customer, order, assignee, escalationLevel, clocks, createdAt,
                firstResponseAt.or(() -> Optional.of(at)), resolvedAt, compensated, plan, version);
    }

    Ticket resolvedAt(Optional<Instant> at) {
        return new Ticket(shop, id, number, subject, priority, status, customer, order, assignee, escalationLevel, clocks, createdAt,
                firstResponseAt, at, compensated, plan, version);
    }

    Ticket escalatedTo(int level) {
        return new Ticket(shop, id, number, subject, priority, status, customer, order, assignee, Math.max(level, escalationLevel),
                clocks, createdAt, firstResponseAt, resolvedAt, compensated, plan, version);
    }

    Ticket compensatedNow() {
        return new Ticket(shop, id, number, subject, priority, status, customer, order, assignee, escalationLevel, clocks, createdAt,
                firstResponseAt, resolvedAt, true, plan, version);
    }

    Ticket nextPlan() {
        return new Ticket(shop, id, number, subject, priority, status, customer, order, assignee, escalationLevel, clocks, createdAt,
                firstResponseAt, resolvedAt, compensated, plan + 1, version);
    }

    Ticket nextVersion() {
        return new Ticket(shop, id, number, subject, priority, status, customer, order, assignee, escalationLevel, clocks, createdAt,
                firstResponseAt, resolvedAt, compensated, plan, version + 1);
    }
}
