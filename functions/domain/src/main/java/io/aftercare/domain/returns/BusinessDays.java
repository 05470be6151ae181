package io.aftercare.domain.returns;

import io.aftercare.domain.shop.BusinessCalendar;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;

/** Whole business days of a shop's calendar: days it opens at all, minus its holidays; every day around the clock. */
final class BusinessDays {

    private BusinessDays() {
    }

    /** The same time of day as {@code start}, {@code days} business days later (weekends and holidays not counted). */
    static Instant after(BusinessCalendar calendar, Instant start, int days) {
        ZonedDateTime at = start.atZone(calendar.zone());
        int counted = 0;
        while (counted < days) {
            at = at.plusDays(1);
            if (isBusinessDay(calendar, at.toLocalDate())) {
                counted++;
            }
        }
        return at.toInstant();
    }

    private static boolean isBusinessDay(BusinessCalendar calendar, LocalDate day) {
        return calendar.alwaysOpen()
                || !calendar.week().getOrDefault(day.getDayOfWeek(), List.of()).isEmpty() && !calendar.holidays().contains(day);
    }
}
