package io.aftercare.domain.metrics;

import io.aftercare.domain.feedback.SurveyKind;
import java.util.Locale;

/**
 * The service experiences the loyalty report groups customers by. A customer is stamped with one when it happens (the
 * aggregator, on their metrics history); their next order within 90 days counts toward it, once.
 */
public enum Experience {
    /** Stamped at a customer's first order. */
    NO_COMPLAINT,
    /** A complaint's first response met, or breached, its SLA. */
    RESPONSE_MET, RESPONSE_BREACHED,
    /** How long a complaint's first response took, wall-clock. */
    RESPONSE_UNDER_2H, RESPONSE_2H_TO_24H, RESPONSE_OVER_24H,
    PROMOTER, PASSIVE, DETRACTOR,
    /** A detractor whose low score was followed by a higher one (the surveys' {@code recovered} flag). */
    RECOVERED_DETRACTOR,
    /** Sent a discount code (issue 17: do codes bring customers back?), against {@link #NO_DISCOUNT}. */
    DISCOUNT, NO_DISCOUNT;

    public String slug() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The NPS group of a score, as the survey itself groups it. */
    static Experience npsGroup(long score) {
        return valueOf(SurveyKind.NPS.group((int) score).orElseThrow().toUpperCase(Locale.ROOT));
    }

    static Experience responseTime(java.time.Duration wall) {
        return wall.compareTo(java.time.Duration.ofHours(2)) <= 0 ? RESPONSE_UNDER_2H
                : wall.compareTo(java.time.Duration.ofHours(24)) <= 0 ? RESPONSE_2H_TO_24H : RESPONSE_OVER_24H;
    }

    String measure(String what) {
        return "loyalty." + slug() + "." + what;
    }
}
