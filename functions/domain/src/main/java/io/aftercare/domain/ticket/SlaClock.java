package io.aftercare.domain.ticket;

import io.aftercare.domain.shop.BusinessCalendar;
import io.aftercare.domain.shop.SlaTarget;
import io.soabase.recordbuilder.core.RecordBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One SLA target's clock on one ticket. It counts business time while it runs; it is paused while the ticket waits
 * for the customer, so a pause moves the deadline by exactly the business time paused; it stops when met.
 *
 * @param consumed business time counted up to {@code runningSince} (or up to the pause or stop)
 * @param cycle which occurrence of the target: the next-response clock starts again after each follow-up
 *
 * <p>Changed through the generated withers ({@code withBudget}, {@code with(b -> b.consumed(..).runningSince(..))}), as
 * {@link Ticket} is.
 */
@RecordBuilder
public record SlaClock(SlaTarget target, int cycle, Duration budget, Duration consumed, Optional<Instant> runningSince,
                       Optional<Instant> metAt, boolean breached) implements SlaClockBuilder.With {

    public static SlaClock start(SlaTarget target, int cycle, Duration budget, Instant now) {
        return new SlaClock(target, cycle, budget, Duration.ZERO, Optional.of(now), Optional.empty(), false);
    }

    public boolean isRunning() {
        return runningSince.isPresent();
    }

    public boolean isMet() {
        return metAt.isPresent();
    }

    /** When the budget runs out, if the clock keeps running from now on. */
    public Optional<Instant> dueAt(BusinessCalendar calendar) {
        return runningSince.map(since -> calendar.add(since, budget.minus(consumed)));
    }

    /** The instant at {@code fraction} of the budget (0.75 for the warning), if the clock keeps running. */
    public Optional<Instant> at(double fraction, BusinessCalendar calendar) {
        Duration mark = Duration.ofMillis((long) (budget.toMillis() * fraction));
        return runningSince.map(since -> calendar.add(since, mark.minus(consumed).isNegative() ? Duration.ZERO : mark.minus(consumed)));
    }

    public SlaClock pause(Instant now, BusinessCalendar calendar) {
        return runningSince.map(since -> with(b -> b.consumed(consumed.plus(calendar.between(since, now))).runningSince(Optional.empty())))
                .orElse(this);
    }

    public SlaClock resume(Instant now) {
        return isRunning() || isMet() ? this : withRunningSince(Optional.of(now));
    }

    /** Met at {@code now}: breached if more than the budget was used. */
    public SlaClock stop(Instant now, BusinessCalendar calendar) {
        if (isMet()) {
            return this;
        }
        SlaClock paused = pause(now, calendar);
        return paused.with(b -> b.metAt(Optional.of(now)).breached(breached || paused.consumed.compareTo(budget) > 0));
    }

    public SlaClock markBreached() {
        return withBreached(true);
    }
}
