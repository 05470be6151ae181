package io.aftercare.domain.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A shop's week against the mean of the four weeks before it, and its loyalty report over the year up to the week's
 * end: what the weekly summary email shows. Each week's figures are the metrics report's own ({@link MetricsReport}),
 * the groups the loyalty report's ({@link LoyaltyReport}), both from the daily aggregates; only the means and the
 * changes are worked out here. A figure with nothing to show is empty ("n/a"), never a division by zero.
 *
 * @param empty nothing at all was counted in the week
 * @param loyaltyFrom the first day the loyalty report covers (it ends with the week)
 */
public record WeeklySummary(LocalDate monday, boolean empty, List<Row> rows, LocalDate loyaltyFrom, List<Group> groups,
                            List<Difference> differences) {

    /** The weeks a week is read against. */
    public static final int PREVIOUS_WEEKS = 4;
    /** How far back the loyalty report reaches: a year, as the console's chart of it. */
    public static final int LOYALTY_DAYS = 365;

    public WeeklySummary {
        rows = List.copyOf(rows);
        groups = List.copyOf(groups);
        differences = List.copyOf(differences);
    }

    public LocalDate sunday() {
        return monday.plusDays(6);
    }

    /** What a figure is, which says how it is shown and how its change is told. */
    public enum Unit {
        /** A number of things; its change is relative (+25%). */
        COUNT,
        /** An amount in a currency; its change is relative. */
        MONEY,
        /** A duration in seconds; its change is relative. */
        SECONDS,
        /** A share of 0 to 1, shown as a percentage; its change is in percentage points. */
        SHARE,
        /** A score on its own scale (NPS -100 to 100, CES 1 to 7); its change is the difference. */
        SCORE;

        public boolean relativeChange() {
            return this == COUNT || this == MONEY || this == SECONDS;
        }
    }

    /**
     * The figures shown, by their names in the metrics report ({@code revenue.PLN}: a figure per currency; a name
     * ending in {@code .} that is not per currency sums what is under it, as the emails sent of every kind).
     *
     * @param additive a count or a sum: a week without it had none (0), so every week counts toward the mean; any
     *                 other figure is averaged over the weeks that have it
     */
    public enum Figure {
        ORDERS("orders", Unit.COUNT, true),
        REVENUE("revenue.", Unit.MONEY, true),
        AVERAGE_ORDER_VALUE("averageOrderValue.", Unit.MONEY, false),
        UNIQUE_CUSTOMERS("customers.unique", Unit.COUNT, true),
        NEW_CUSTOMERS("customers.new", Unit.COUNT, true),
        RETURNING_CUSTOMERS("customers.returning", Unit.COUNT, true),
        REPEAT_PURCHASE_RATE("repeatPurchase.rate", Unit.SHARE, false),
        NPS("surveys.nps.score", Unit.SCORE, false),
        CSAT("surveys.csat.score", Unit.SHARE, false),
        CES("surveys.ces.average", Unit.SCORE, false),
        FIRST_RESPONSE_P50("tickets.firstResponseSeconds.wall.p50", Unit.SECONDS, false),
        FIRST_RESPONSE_P90("tickets.firstResponseSeconds.wall.p90", Unit.SECONDS, false),
        RESOLUTION_P50("tickets.resolutionSeconds.wall.p50", Unit.SECONDS, false),
        RESOLUTION_P90("tickets.resolutionSeconds.wall.p90", Unit.SECONDS, false),
        FIRST_RESPONSE_SLA_MET("tickets.sla.first-response.metShare", Unit.SHARE, false),
        RESOLUTION_SLA_MET("tickets.sla.resolution.metShare", Unit.SHARE, false),
        RETURN_RATE("returnRate", Unit.SHARE, false),
        REFUND_RATE("refundRate", Unit.SHARE, false),
        EMAILS_SENT("emails.sent.", Unit.COUNT, true),
        EMAILS_SKIPPED("emails.skipped.", Unit.COUNT, true),
        EMAILS_BOUNCED("emails.bounced", Unit.COUNT, true);

        private final String name;
        private final Unit unit;
        private final boolean additive;

        Figure(String name, Unit unit, boolean additive) {
            this.name = name;
            this.unit = unit;
            this.additive = additive;
        }

        public Unit unit() {
            return unit;
        }

        public boolean perCurrency() {
            return unit == Unit.MONEY;
        }

        /** How messages name it: {@code average-order-value}. */
        public String slug() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** The week's value of it (in {@code currency} for money), empty when the week has none to show. */
        Optional<BigDecimal> of(Map<String, Object> flat, Optional<String> currency) {
            Optional<BigDecimal> value;
            if (perCurrency()) {
                value = number(flat.get(name + currency.orElseThrow()));
            } else if (name.endsWith(".")) {
                value = Optional.of(flat.entrySet().stream().filter(e -> e.getKey().startsWith(name)).map(e -> number(e.getValue()))
                        .flatMap(Optional::stream).reduce(BigDecimal.ZERO, BigDecimal::add));
            } else {
                value = number(flat.get(name));
            }
            return additive && value.isEmpty() ? Optional.of(BigDecimal.ZERO) : value;
        }
    }

    /**
     * One figure of the week, the mean of the previous weeks that have it, and the change: relative to the mean for
     * counts, money and durations (empty when the mean is 0), else the difference ({@link Unit}).
     */
    public record Row(Figure figure, Optional<String> currency, Optional<BigDecimal> week, Optional<BigDecimal> mean, Optional<BigDecimal> change) {
    }

    /** A loyalty group: of its customers, how many ordered again, and that share with its 95% Wilson interval (none without customers). */
    public record Group(Experience experience, long customers, long repeaters, Optional<Interval> repeatRate) {
    }

    public record Interval(double rate, double low, double high) {
    }

    /** One group's repeat rate against another's, with its 95% interval: {@code clear} when it leaves out 0. */
    public record Difference(Experience group, Experience against, double difference, double low, double high, boolean clear) {
    }

    /** Whether any two groups differ beyond what chance explains; if not, the email says the groups are too small to compare. */
    public boolean comparable() {
        return differences.stream().anyMatch(Difference::clear);
    }

    /**
     * @param monday the week's first day (the shop's time zone, as the days are)
     * @param days the shop's daily aggregates of at least {@link #LOYALTY_DAYS} up to the week's end
     */
    public static WeeklySummary of(LocalDate monday, Map<LocalDate, Tally> days) {
        LocalDate sunday = monday.plusDays(6);
        var range = new MetricsRange(monday.minusWeeks(PREVIOUS_WEEKS), sunday, Period.WEEK);
        List<MetricsReport.PeriodTally> weeks = MetricsReport.periods(range, days);
        List<Map<String, Object>> flat = weeks.stream().map(week -> MetricsReport.flat(MetricsReport.figures(week, Period.WEEK))).toList();
        Map<String, Object> current = flat.getLast();
        List<Map<String, Object>> previous = flat.subList(0, flat.size() - 1);
        var currencies = new TreeSet<String>();
        flat.forEach(week -> week.keySet().stream().filter(name -> name.startsWith("revenue.")).forEach(name -> currencies.add(name.substring("revenue.".length()))));

        List<Row> rows = new ArrayList<>();
        for (Figure figure : Figure.values()) {
            List<Optional<String>> each = figure.perCurrency() ? currencies.stream().map(Optional::of).toList() : List.of(Optional.empty());
            for (Optional<String> currency : each) {
                Optional<BigDecimal> week = figure.of(current, currency);
                Optional<BigDecimal> mean = mean(previous.stream().map(w -> figure.of(w, currency)).flatMap(Optional::stream).toList());
                rows.add(new Row(figure, currency, week, mean, change(figure.unit(), week, mean)));
            }
        }
        LocalDate loyaltyFrom = sunday.minusDays(LOYALTY_DAYS - 1L);
        Map<String, Object> loyalty = LoyaltyReport.of(new MetricsRange(loyaltyFrom, sunday, Period.DAY), days);
        return new WeeklySummary(monday, weeks.getLast().tally().isEmpty(), rows, loyaltyFrom, groups(loyalty), differences(loyalty));
    }

    private static Optional<BigDecimal> mean(List<BigDecimal> values) {
        return values.isEmpty() ? Optional.empty()
                : Optional.of(values.stream().reduce(BigDecimal.ZERO, BigDecimal::add).divide(BigDecimal.valueOf(values.size()), 4, RoundingMode.HALF_EVEN));
    }

    private static Optional<BigDecimal> change(Unit unit, Optional<BigDecimal> week, Optional<BigDecimal> mean) {
        if (week.isEmpty() || mean.isEmpty()) {
            return Optional.empty();
        }
        if (!unit.relativeChange()) {
            return Optional.of(week.get().subtract(mean.get()));
        }
        return mean.get().signum() == 0 ? Optional.empty()
                : Optional.of(week.get().subtract(mean.get()).divide(mean.get(), 4, RoundingMode.HALF_EVEN));
    }

    private static Optional<BigDecimal> number(Object value) {
        return switch (value) {
            case null -> Optional.empty();
            case Number n -> Optional.of(new BigDecimal(n.toString()));
            case String s -> Optional.of(new BigDecimal(s));
            default -> throw new IllegalArgumentException("not a figure: " + value);
        };
    }

    @SuppressWarnings("unchecked")
    private static List<Group> groups(Map<String, Object> loyalty) {
        return ((List<Map<String, Object>>) loyalty.get("groups")).stream().map(g -> new Group(experience(g.get("group")),
                (Long) g.get("customers"), (Long) g.get("repeaters"),
                Optional.ofNullable((Map<String, Object>) g.get("repeatRate")).map(r -> new Interval((Double) r.get("rate"), (Double) r.get("low"), (Double) r.get("high")))))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Difference> differences(Map<String, Object> loyalty) {
        return ((List<Map<String, Object>>) loyalty.get("differences")).stream().map(d -> new Difference(experience(d.get("group")),
                experience(d.get("against")), (Double) d.get("difference"), (Double) d.get("low"), (Double) d.get("high"), (Boolean) d.get("clear")))
                .toList();
    }

    private static Experience experience(Object slug) {
        return Arrays.stream(Experience.values()).filter(e -> e.slug().equals(slug)).findFirst().orElseThrow();
    }
}
