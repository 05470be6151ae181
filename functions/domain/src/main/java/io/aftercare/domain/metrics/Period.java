package io.aftercare.domain.metrics;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How days are grouped in a report: ISO weeks start on Monday; all in the shop's time zone. */
public enum Period {
    DAY, WEEK, MONTH;

    public LocalDate start(LocalDate day) {
        return switch (this) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
        };
    }

    public LocalDate end(LocalDate start) {
        return switch (this) {
            case DAY -> start;
            case WEEK -> start.plusDays(6);
            case MONTH -> start.with(TemporalAdjusters.lastDayOfMonth());
        };
    }

    /** The counter of the customers whose first order in such a period a day holds. */
    String uniqueCustomers() {
        return switch (this) {
            case DAY -> Measure.CUSTOMERS_DAY;
            case WEEK -> Measure.CUSTOMERS_WEEK;
            case MONTH -> Measure.CUSTOMERS_MONTH;
        };
    }

    public String slug() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Period> fromSlug(String slug) {
        return Arrays.stream(values()).filter(p -> p.slug().equals(slug)).findFirst();
    }
}
