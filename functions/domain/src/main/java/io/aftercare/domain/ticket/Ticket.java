package io.aftercare.domain.ticket;

import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.order.CustomerContact;
import io.aftercare.domain.order.OrderId;
import io.aftercare.domain.shop.BusinessCalendar;
import io.aftercare.domain.shop.Priority;
import io.aftercare.domain.shop.SlaTarget;
import io.soabase.recordbuilder.core.RecordBuilder;
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
 * @param lastMessage the customer's latest message or agent's latest reply (notes are not messages)
 *
 * <p>Changed through the generated withers ({@code withStatus}, {@code with(b -> b.status(..).clocks(..))}) and
 * {@link TicketBuilder}: a new component costs no hand-written copy.
 */
@RecordBuilder
public record Ticket(ShopId shop, String id, String number, String subject, Priority priority, TicketStatus status,
                     CustomerContact customer, Optional<OrderId> order, Optional<EmailAddress> assignee, int escalationLevel,
                     List<SlaClock> clocks, Instant createdAt, Optional<Instant> firstResponseAt, Optional<Instant> resolvedAt,
                     boolean compensated, int plan, long version, Optional<LastMessage> lastMessage) implements TicketBuilder.With {

    public Ticket {
        clocks = List.copyOf(clocks);
        lastMessage = lastMessage == null ? Optional.empty() : lastMessage; // tickets stored before it have none
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

    Ticket replacing(SlaClock old, SlaClock replacement) {
        List<SlaClock> next = new ArrayList<>(clocks);
        next.set(next.indexOf(old), replacement);
        return withClocks(next);
    }

    /** Answered by an agent: the first answer is kept. */
    Ticket answered(Instant at) {
        return withFirstResponseAt(firstResponseAt.or(() -> Optional.of(at)));
    }

    /** Escalated to {@code level}, or left higher. */
    Ticket escalatedTo(int level) {
        return withEscalationLevel(Math.max(level, escalationLevel));
    }

    Ticket nextPlan() {
        return withPlan(plan + 1);
    }

    Ticket nextVersion() {
        return withVersion(version + 1);
    }
}
