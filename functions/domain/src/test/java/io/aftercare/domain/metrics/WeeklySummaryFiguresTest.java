package io.aftercare.domain.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.domain.ShopId;
import io.aftercare.domain.action.ActionDetail;
import io.aftercare.domain.action.DueAction;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class WeeklySummaryFiguresTest {

    private static final LocalDate MONDAY = LocalDate.of(2026, 11, 30);
    private static final ZoneId WARSAW = ZoneId.of("Europe/Warsaw");

    @Test
    void aShopWithNothingCountedHasZeroCountsAndNoRatesMeansOrChanges() {
        var summary = WeeklySummary.of(MONDAY, Map.of());

        assertThat(summary.empty()).isTrue();
        assertThat(row(summary, WeeklySummary.Figure.ORDERS)).isEqualTo(new WeeklySummary.Row(WeeklySummary.Figure.ORDERS, Optional.empty(),
                Optional.of(BigDecimal.ZERO), Optional.of(new BigDecimal("0.0000")), Optional.empty()));
        assertThat(row(summary, WeeklySummary.Figure.NPS).week()).isEmpty();
        assertThat(row(summary, WeeklySummary.Figure.NPS).mean()).isEmpty();
        assertThat(summary.rows()).noneMatch(r -> r.figure().perCurrency());
        assertThat(summary.groups()).allMatch(g -> g.customers() == 0 && g.repeatRate().isEmpty());
        assertThat(summary.comparable()).isFalse();
    }

    @Test
    void aRateIsAveragedOverThePreviousWeeksThatHaveItAndACountOverAllFour() {
        Map<LocalDate, Tally> days = new TreeMap<>();
        // two weeks back: 2 orders, 1 return (50%); four weeks back: 1 order, no return (0%); this week: 4 orders, 1 return
        days.put(MONDAY.minusWeeks(2), Tally.of(Measure.ORDERS, 2).plus(Measure.RETURNS, 1));
        days.put(MONDAY.minusWeeks(4).plusDays(3), Tally.of(Measure.ORDERS, 1));
        days.put(MONDAY.plusDays(6), Tally.of(Measure.ORDERS, 4).plus(Measure.RETURNS, 1));
        days.put(MONDAY.plusDays(7), Tally.of(Measure.ORDERS, 100)); // the next week's Monday: not this week's

        var summary = WeeklySummary.of(MONDAY, days);

        var orders = row(summary, WeeklySummary.Figure.ORDERS);
        assertThat(orders.week()).contains(new BigDecimal("4"));
        assertThat(orders.mean()).contains(new BigDecimal("0.7500"));
        assertThat(orders.change()).contains(new BigDecimal("4.3333"));
        var returns = row(summary, WeeklySummary.Figure.RETURN_RATE);
        assertThat(returns.week()).contains(new BigDecimal("0.25"));
        assertThat(returns.mean()).contains(new BigDecimal("0.2500"));
        assertThat(returns.change()).contains(new BigDecimal("0.0000"));
        assertThat(summary.empty()).isFalse();
    }

    @Test
    void theNextSummaryIsDueOnTheComingMondayAtEightInTheShopsZoneAndTellsOfTheWeekBefore() {
        DueAction sunday = WeeklySummaries.next(new ShopId("kettle"), WARSAW, at("2026-12-06T23:59"));
        assertThat(sunday.dueAt()).isEqualTo(at("2026-12-07T08:00"));
        assertThat(sunday.detail()).contains(new ActionDetail.Week(MONDAY));
        assertThat(sunday.id()).isEqualTo("weekly-summary#kettle~2026-W49");

        // at eight on the dot that Monday's is due already: the next is a week later
        assertThat(WeeklySummaries.next(new ShopId("kettle"), WARSAW, at("2026-12-07T08:00")).dueAt()).isEqualTo(at("2026-12-14T08:00"));
        // the clocks went back on 25 October: still eight, local time
        assertThat(WeeklySummaries.next(new ShopId("kettle"), WARSAW, at("2026-10-24T12:00")).dueAt()).isEqualTo(at("2026-10-26T08:00"));
    }

    private static WeeklySummary.Row row(WeeklySummary summary, WeeklySummary.Figure figure) {
        return summary.rows().stream().filter(r -> r.figure() == figure).findFirst().orElseThrow();
    }

    private static java.time.Instant at(String warsaw) {
        return LocalDateTime.parse(warsaw).atZone(WARSAW).toInstant();
    }
}
