package io.aftercare.domain.ticket;

import io.aftercare.domain.action.ActionDetail;
import io.aftercare.domain.action.ActionKind;
import io.aftercare.domain.action.DueAction;
import io.aftercare.domain.shop.BusinessCalendar;
import io.aftercare.domain.shop.EscalationStep;
import io.aftercare.domain.shop.SupportSettings;
import io.aftercare.domain.timeline.Subject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The deadlines a ticket's running clocks imply: a warning at 75% and a breach notice at 100% of each target, and
 * the escalation ladder for the answer being waited for. Each is tagged with the ticket's plan, so one planned
 * before a pause, a resume or a new priority is recognised as stale when it comes due.
 */
final class TicketPlanner {

    static final double WARNING_AT = 0.75;

    List<DueAction> plan(Ticket ticket, SupportSettings support, BusinessCalendar sla, Instant now) {
        if (ticket.status() != TicketStatus.OPEN) {
            return List.of();
        }
        Subject subject = Subject.ticket(ticket.id());
        List<DueAction> actions = new ArrayList<>();
        for (SlaClock clock : ticket.clocks()) {
            if (!clock.isRunning() || clock.breached()) {
                continue;
            }
            var deadline = new ActionDetail.SlaDeadline(clock.target(), ticket.plan());
            clock.at(WARNING_AT, sla).filter(at -> at.isAfter(now)).ifPresent(at ->
                    actions.add(DueAction.of(ActionKind.SLA_WARNING, subject, deadline, at)));
            Instant due = clock.dueAt(sla).orElseThrow();
            actions.add(DueAction.of(ActionKind.SLA_BREACH, subject, deadline, due.isBefore(now) ? now : due));
        }
        ticket.runningResponseClock().ifPresent(response -> {
            for (EscalationStep step : support.escalation()) {
                if (step.level() > ticket.escalationLevel()) {
                    Instant due = escalationDue(response, step.after(), sla);
                    actions.add(DueAction.of(ActionKind.ESCALATION, subject, new ActionDetail.Escalation(step.level(), ticket.plan()),
                            due.isBefore(now) ? now : due));
                }
            }
        });
        return actions;
    }

    /** {@code after} of business time since the response clock started, counting what it used before a pause. */
    static Instant escalationDue(SlaClock response, Duration after, BusinessCalendar sla) {
        Duration left = after.minus(response.consumed());
        return sla.add(response.runningSince().orElseThrow(), left.isNegative() ? Duration.ZERO : left);
    }
}
