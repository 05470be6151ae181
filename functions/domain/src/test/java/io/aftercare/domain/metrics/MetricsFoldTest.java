package io.aftercare.domain.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.domain.Money;
import io.aftercare.domain.action.Reason;
import io.aftercare.domain.order.OrderId;
import io.aftercare.domain.timeline.EntryKind;
import io.aftercare.domain.timeline.EntryText;
import io.aftercare.domain.timeline.Phrase;
import io.aftercare.domain.timeline.Subject;
import io.aftercare.domain.timeline.TimelineEntry;
import io.aftercare.domain.timeline.Vocabulary;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The fold's decisions on single entries, without a table: what each adds to which day. */
class MetricsFoldTest {

    private static final ZoneId WARSAW = ZoneId.of("Europe/Warsaw");
    private static final Instant AT = Instant.parse("2026-11-09T09:00:00Z");

    @Test
    void aRedemptionWrittenOnBothOrdersTimelinesCountsOnceOnTheOrderThatUsedTheCode() {
        var used = entry("A2", EntryKind.DISCOUNT_REDEEMED, EntryText.of(Phrase.DISCOUNT_USED).text("code", "THANKS-ADA"));
        var sentFor = entry("A1", EntryKind.DISCOUNT_REDEEMED, EntryText.of(Phrase.DISCOUNT_REDEEMED).text("code", "THANKS-ADA").text("order", "A2"));
        assertThat(total(MetricsFold.entry(used, WARSAW)).count(Measure.DISCOUNTS_REDEEMED)).isEqualTo(1);
        assertThat(MetricsFold.entry(sentFor, WARSAW)).isEmpty();
    }

    @Test
    void aCodeExpiresWhenItsExpiryCheckEndsItUnusedAndNotWhenALateReminderIsSkipped() {
        assertThat(total(MetricsFold.entry(skipped(Reason.DISCOUNT_EXPIRED), WARSAW)).count(Measure.DISCOUNTS_EXPIRED)).isEqualTo(1);
        Tally late = total(MetricsFold.entry(skipped(Reason.DISCOUNT_REMINDER_LATE), WARSAW));
        assertThat(late.count(Measure.DISCOUNTS_EXPIRED)).isZero();
        assertThat(late.count(Measure.skipped("DISCOUNT_REMINDER_LATE"))).isEqualTo(1);
    }

    @Test
    void aReturningCustomerCountsAsUniqueInEachNewDayWeekAndMonthOfTheirOrdersOnly() {
        var first = MetricsFold.customer(order("A1", Instant.parse("2026-11-27T10:00:00Z")), CustomerHistory.NONE, WARSAW).orElseThrow();
        // Sunday 29 November: a new day, the same ISO week and month
        var sameWeek = MetricsFold.customer(order("A2", Instant.parse("2026-11-29T10:00:00Z")), first.next(), WARSAW).orElseThrow();
        Tally t = total(sameWeek.contributions());
        assertThat(List.of(t.count(Measure.CUSTOMERS_DAY), t.count(Measure.CUSTOMERS_WEEK), t.count(Measure.CUSTOMERS_MONTH))).containsExactly(1L, 0L, 0L);
        // Tuesday 1 December: a new week and a new month
        var nextMonth = MetricsFold.customer(order("A3", Instant.parse("2026-12-01T10:00:00Z")), sameWeek.next(), WARSAW).orElseThrow();
        t = total(nextMonth.contributions());
        assertThat(List.of(t.count(Measure.CUSTOMERS_DAY), t.count(Measure.CUSTOMERS_WEEK), t.count(Measure.CUSTOMERS_MONTH))).containsExactly(1L, 1L, 1L);
    }

    private static TimelineEntry order(String id, Instant at) {
        return new TimelineEntry("placed-" + id, Subject.order(new OrderId(id)), at, EntryKind.ORDER_PLACED,
                EntryText.of(Phrase.ORDER_PLACED).amount("total", new Money(new BigDecimal("10.00"), "PLN")), Optional.empty());
    }

    private static TimelineEntry skipped(Reason why) {
        return entry("B1", EntryKind.EMAIL_SKIPPED, EntryText.of(Phrase.EMAIL_NOT_SENT)
                .with("email", Vocabulary.EMAIL.code("DISCOUNT_REMINDER")).code("reason", Vocabulary.REASON, why));
    }

    private static TimelineEntry entry(String order, EntryKind kind, EntryText text) {
        return new TimelineEntry(kind + "-" + order, Subject.order(new OrderId(order)), AT, kind, text, Optional.empty());
    }

    private static Tally total(List<Contribution> contributions) {
        return contributions.stream().map(Contribution::tally).reduce(Tally.EMPTY, Tally::merge);
    }
}
