package io.aftercare.domain.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The loyalty report: of the customers stamped with each service experience in a range of days, the share who ordered
 * again within 90 days (with its 95% Wilson interval), those orders' average value per currency, and the share of
 * them refunded; then the differences between the groups a shop asks about, each with Newcombe's interval.
 */
public final class LoyaltyReport {

    /** The comparisons the report makes: each group against the one it is read against. */
    static final List<Experience[]> COMPARISONS = List.of(
            new Experience[] {Experience.RESPONSE_MET, Experience.RESPONSE_BREACHED},
            new Experience[] {Experience.RESPONSE_UNDER_2H, Experience.RESPONSE_OVER_24H},
            new Experience[] {Experience.RESPONSE_UNDER_2H, Experience.RESPONSE_2H_TO_24H},
            new Experience[] {Experience.NO_COMPLAINT, Experience.RESPONSE_BREACHED},
            new Experience[] {Experience.PROMOTER, Experience.DETRACTOR},
            new Experience[] {Experience.RECOVERED_DETRACTOR, Experience.DETRACTOR},
            new Experience[] {Experience.DISCOUNT, Experience.NO_DISCOUNT});

    private LoyaltyReport() {
    }

    public static Map<String, Object> of(MetricsRange range, Map<LocalDate, Tally> days) {
        Tally all = Tally.EMPTY;
        for (var day : days.entrySet()) {
            if (!day.getKey().isBefore(range.from()) && !day.getKey().isAfter(range.to())) {
                all = all.merge(day.getValue());
            }
        }
        var groups = new ArrayList<Map<String, Object>>();
        for (Experience experience : Experience.values()) {
            groups.add(group(all, experience));
        }
        var differences = new ArrayList<Map<String, Object>>();
        for (Experience[] pair : COMPARISONS) {
            long n1 = all.count(pair[0].measure("customers"));
            long n2 = all.count(pair[1].measure("customers"));
            if (n1 <= 0 || n2 <= 0) {
                continue;
            }
            var d = Proportion.of(clamp(all.count(pair[0].measure("repeaters")), n1), n1)
                    .minus(Proportion.of(clamp(all.count(pair[1].measure("repeaters")), n2), n2));
            var out = new LinkedHashMap<String, Object>();
            out.put("group", pair[0].slug());
            out.put("against", pair[1].slug());
            out.put("difference", round(d.value()));
            out.put("low", round(d.low()));
            out.put("high", round(d.high()));
            out.put("clear", d.clear());
            differences.add(out);
        }
        var report = new LinkedHashMap<String, Object>();
        report.put("from", range.from().toString());
        report.put("to", range.to().toString());
        report.put("groups", groups);
        report.put("differences", differences);
        return report;
    }

    private static Map<String, Object> group(Tally all, Experience experience) {
        long customers = Math.max(0, all.count(experience.measure("customers")));
        long repeaters = clamp(all.count(experience.measure("repeaters")), customers);
        var out = new LinkedHashMap<String, Object>();
        out.put("group", experience.slug());
        out.put("customers", customers);
        out.put("repeaters", repeaters);
        if (customers > 0) {
            out.put("repeatRate", interval(Proportion.of(repeaters, customers)));
        }
        var aov = new TreeMap<String, Object>();
        all.under(experience.measure("revenue.")).forEach((currency, revenue) -> {
            long orders = all.count(experience.measure("orders." + currency));
            if (orders > 0) {
                aov.put(currency, revenue.divide(BigDecimal.valueOf(orders), 2, RoundingMode.HALF_EVEN).toPlainString());
            }
        });
        out.put("averageOrderValue", aov);
        if (repeaters > 0) {
            out.put("refundRate", interval(Proportion.of(clamp(all.count(experience.measure("refunds")), repeaters), repeaters)));
        }
        return out;
    }

    private static Map<String, Object> interval(Proportion p) {
        var out = new LinkedHashMap<String, Object>();
        out.put("rate", round(p.rate()));
        out.put("low", round(p.low()));
        out.put("high", round(p.high()));
        return out;
    }

    /** Never more successes than trials, nor fewer than none, whatever a range's ends cut. */
    private static long clamp(long successes, long trials) {
        return Math.max(0, Math.min(successes, trials));
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
