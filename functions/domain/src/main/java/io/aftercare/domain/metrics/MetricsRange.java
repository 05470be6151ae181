package io.aftercare.domain.metrics;

import io.aftercare.domain.InvalidInput;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** The days a report covers, both ends included, and how it groups them. */
public record MetricsRange(LocalDate from, LocalDate to, Period period) {

    /** A year of days and a margin: what the console's widest chart asks, read in one query. */
    public static final int MAX_DAYS = 400;

    /** @throws InvalidInput for dates that are not {@code yyyy-mm-dd}, a range that ends before it starts or is too long */
    public static MetricsRange parse(String from, String to, String period) {
        LocalDate start = date("from", from);
        LocalDate end = date("to", to);
        Period grouping = period == null || period.isBlank() ? Period.DAY
                : Period.fromSlug(period).orElseThrow(() -> new InvalidInput("period", "period must be day, week or month"));
        if (end.isBefore(start)) {
            throw new InvalidInput("to", "to is before from");
        }
        if (ChronoUnit.DAYS.between(start, end) + 1 > MAX_DAYS) {
            throw new InvalidInput("to", "a report covers at most " + MAX_DAYS + " days");
        }
        return new MetricsRange(start, end, grouping);
    }

    private static LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInput(field, field + " is required (yyyy-mm-dd)");
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidInput(field, field + " must be a date (yyyy-mm-dd)");
        }
    }
}
