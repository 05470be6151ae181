package io.aftercare.domain.metrics;

import io.aftercare.domain.feedback.SurveyKind;
import io.aftercare.domain.shop.SlaTarget;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A shop's figures per period, merged from its days: every counter sums, every sketch merges bin by bin, and the rates
 * are computed last (a rate with nothing to divide by is {@code null}, never 0).
 */
public final class MetricsReport {

    private MetricsReport() {
    }

    /** One period's days merged, clipped to the range. */
    public record PeriodTally(LocalDate start, LocalDate end, Tally tally) {
    }

    public static List<PeriodTally> periods(MetricsRange range, Map<LocalDate, Tally> days) {
        Map<LocalDate, Tally> merged = new TreeMap<>();
        for (LocalDate day = range.from(); !day.isAfter(range.to()); day = day.plusDays(1)) {
            merged.merge(range.period().start(day), days.getOrDefault(day, Tally.EMPTY), Tally::merge);
        }
        List<PeriodTally> periods = new ArrayList<>();
        merged.forEach((start, tally) -> {
            LocalDate end = range.period().end(start);
            periods.add(new PeriodTally(start.isBefore(range.from()) ? range.from() : start, end.isAfter(range.to()) ? range.to() : end, tally));
        });
        return periods;
    }

    /** The figures of each period, as the API returns them (nested names; see README "Metrics"). */
    public static List<Map<String, Object>> figures(MetricsRange range, Map<LocalDate, Tally> days) {
        return periods(range, days).stream().map(p -> figures(p, range.period())).toList();
    }

    static Map<String, Object> figures(PeriodTally period, Period grouping) {
        Tally t = period.tally();
        var out = new LinkedHashMap<String, Object>();
        out.put("start", period.start().toString());
        out.put("end", period.end().toString());
        long orders = t.count(Measure.ORDERS);
        out.put("orders", orders);
        Map<String, BigDecimal> revenue = t.under(Measure.REVENUE);
        out.put("revenue", plain(revenue));
        var aov = new TreeMap<String, Object>();
        revenue.forEach((currency, amount) -> {
            long inCurrency = t.count(Measure.ordersIn(currency));
            aov.put(currency, inCurrency == 0 ? null : amount.divide(BigDecimal.valueOf(inCurrency), 2, RoundingMode.HALF_EVEN).toPlainString());
        });
        out.put("averageOrderValue", aov);

        long unique = t.count(grouping.uniqueCustomers());
        long fresh = t.count(Measure.NEW_CUSTOMERS);
        out.put("customers", map("unique", unique, "new", fresh, "returning", Math.max(0, unique - fresh)));
        out.put("returningOrderShare", rate(t.count(Measure.RETURNING_ORDERS), orders));
        out.put("repeatPurchase", map("cohort", t.count(Measure.COHORT), "repeaters", t.count(Measure.COHORT_REPEATERS),
                "rate", rate(t.count(Measure.COHORT_REPEATERS), t.count(Measure.COHORT))));

        var surveys = new LinkedHashMap<String, Object>();
        for (SurveyKind kind : SurveyKind.values()) {
            long sent = t.count(Measure.survey(kind, "sent"));
            long answers = t.count(Measure.survey(kind, "answers"));
            var s = map("sent", sent, "answers", answers, "responseRate", rate(answers, sent));
            switch (kind) {
                case NPS -> {
                    long promoters = t.count(Measure.survey(kind, "promoter"));
                    long detractors = t.count(Measure.survey(kind, "detractor"));
                    s.put("promoters", promoters);
                    s.put("passives", t.count(Measure.survey(kind, "passive")));
                    s.put("detractors", detractors);
                    s.put("score", answers == 0 ? null : round(100.0 * (promoters - detractors) / answers));
                }
                case CSAT -> {
                    s.put("satisfied", t.count(Measure.survey(kind, "satisfied")));
                    s.put("score", rate(t.count(Measure.survey(kind, "satisfied")), answers));
                }
                case CES -> s.put("average", answers == 0 ? null : round((double) t.count(Measure.survey(kind, "sum")) / answers));
            }
            surveys.put(kind.code(), s);
        }
        out.put("surveys", surveys);

        long resolved = t.count(Measure.TICKETS_RESOLVED);
        var tickets = map("opened", t.count(Measure.TICKETS_OPENED), "resolved", resolved, "reopened", t.count(Measure.TICKETS_REOPENED),
                "reopenRate", rate(t.count(Measure.TICKETS_REOPENED), resolved));
        tickets.put("firstResponseSeconds", times(t, Measure.FIRST_RESPONSE_WALL, Measure.FIRST_RESPONSE_BUSINESS));
        tickets.put("resolutionSeconds", times(t, Measure.RESOLUTION_WALL, Measure.RESOLUTION_BUSINESS));
        var sla = new LinkedHashMap<String, Object>();
        for (SlaTarget target : SlaTarget.values()) {
            long met = t.count(Measure.sla(target.slug(), "met"));
            long breached = t.count(Measure.sla(target.slug(), "breached"));
            sla.put(target.slug(), map("met", met, "breached", breached, "metShare", rate(met, met + breached)));
        }
        tickets.put("sla", sla);
        tickets.put("escalations", counts(t.under(Measure.ESCALATIONS)));
        out.put("tickets", tickets);

        out.put("returns", t.count(Measure.RETURNS));
        out.put("returnRate", rate(t.count(Measure.RETURNS), orders));
        out.put("refunds", t.count(Measure.REFUNDS));
        out.put("refunded", plain(t.under(Measure.REFUNDED)));
        out.put("refundRate", rate(t.count(Measure.REFUNDS), orders));
        out.put("emails", map("sent", counts(t.under(Measure.SENT)), "skipped", counts(t.under(Measure.SKIPPED)),
                "bounced", t.count(Measure.EMAILS_BOUNCED), "complained", t.count(Measure.EMAILS_COMPLAINED),
                "unsubscribed", t.count(Measure.EMAILS_UNSUBSCRIBED)));
        out.put("discountsIssued", t.count(Measure.DISCOUNTS_ISSUED));
        out.put("codes", codes(t));
        out.put("deliveryProblems", deliveryProblems(t));
        return out;
    }

    /**
     * Delivery problems of the period (by the day each began), the share where the shop reached the customer before they
     * wrote, and the time from problem to first contact (of those contacted).
     */
    private static Map<String, Object> deliveryProblems(Tally t) {
        long problems = t.count(Measure.DELIVERY_PROBLEMS);
        long spokeFirst = t.count(Measure.DELIVERY_SPOKE_FIRST);
        return map("problems", problems, "shopSpokeFirst", spokeFirst, "spokeFirstShare", rate(spokeFirst, problems),
                "firstContactSeconds", quantiles(t, Measure.DELIVERY_FIRST_CONTACT));
    }

    /** Discount codes sent, redeemed and ended unused in the period (a redemption in the period of its order, not its code's). */
    private static Map<String, Object> codes(Tally t) {
        long sent = t.count(Measure.DISCOUNTS_ISSUED);
        long redeemed = t.count(Measure.DISCOUNTS_REDEEMED);
        return map("sent", sent, "redeemed", redeemed, "expired", t.count(Measure.DISCOUNTS_EXPIRED), "redemptionRate", rate(redeemed, sent));
    }

    private static Map<String, Object> times(Tally t, String wall, String business) {
        return map("wall", quantiles(t, wall), "business", quantiles(t, business));
    }

    private static Map<String, Object> quantiles(Tally t, String measure) {
        List<Optional<Long>> p50p90 = DurationSketch.quantilesSeconds(t, measure, 0.5, 0.9);
        return map("p50", p50p90.get(0).orElse(null), "p90", p50p90.get(1).orElse(null));
    }

    /** {@code null} when there is nothing to divide by. */
    static Double rate(long part, long whole) {
        return whole == 0 ? null : round((double) part / whole);
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }

    private static Map<String, Object> plain(Map<String, BigDecimal> amounts) {
        var out = new TreeMap<String, Object>();
        amounts.forEach((name, amount) -> out.put(name, amount.stripTrailingZeros().toPlainString()));
        return out;
    }

    private static Map<String, Object> counts(Map<String, BigDecimal> counts) {
        var out = new TreeMap<String, Object>();
        counts.forEach((name, count) -> {
            if (count.signum() != 0) {
                out.put(name, count.longValue());
            }
        });
        return out;
    }

    private static LinkedHashMap<String, Object> map(Object... pairs) {
        var out = new LinkedHashMap<String, Object>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put((String) pairs[i], pairs[i + 1]);
        }
        return out;
    }

    /** For a report's CSV: its nested names joined with dots, in the order they first appear. */
    public static Map<String, Object> flat(Map<String, Object> figures) {
        var out = new LinkedHashMap<String, Object>();
        flatten("", figures, out);
        return out;
    }

    private static void flatten(String prefix, Map<?, ?> map, Map<String, Object> out) {
        map.forEach((name, value) -> {
            String key = prefix.isEmpty() ? name.toString() : prefix + "." + name;
            if (value instanceof Map<?, ?> nested) {
                flatten(key, nested, out);
            } else {
                out.put(key, value);
            }
        });
    }
}
