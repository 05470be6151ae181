package io.aftercare.domain.shop;

import io.aftercare.domain.InvalidInput;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * When a shop's support works: weekly opening hours in the shop's time zone, minus holidays; or around the clock.
 * All arithmetic goes through {@link java.time.ZonedDateTime}, so a day that loses or gains an hour to a DST change
 * has exactly the business time its opening hours really contain.
 */
public final class BusinessCalendar {

    /** One opening on a day, {@code from} inclusive to {@code to} exclusive ({@code 00:00} as {@code to} means midnight). */
    public record Opening(LocalTime from, LocalTime to) {
        public Opening {
            if (!to.equals(LocalTime.MIDNIGHT) && !from.isBefore(to)) {
                throw new InvalidInput("businessHours", "an opening must end after it starts: " + from + "-" + to);
            }
        }

        /** How settings spell an opening: {@code 09:00-17:00}, {@code 24:00} for midnight at its end. */
        public static Opening parse(String range) {
            String[] parts = range.split("-");
            try {
                return new Opening(LocalTime.parse(parts[0].trim()),
                        parts[1].trim().equals("24:00") ? LocalTime.MIDNIGHT : LocalTime.parse(parts[1].trim()));
            } catch (DateTimeException | ArrayIndexOutOfBoundsException e) {
                throw new InvalidInput("support.businessHours", "opening hours look like \"09:00-17:00\", not " + range);
            }
        }

        public String text() {
            return from + "-" + (to.equals(LocalTime.MIDNIGHT) ? "24:00" : to);
        }
    }

    /** How settings name days: {@code mon} to {@code sun}. */
    public static String dayName(DayOfWeek day) {
        return day.name().substring(0, 3).toLowerCase(Locale.ROOT);
    }

    public static Optional<DayOfWeek> day(String name) {
        return Arrays.stream(DayOfWeek.values()).filter(d -> dayName(d).equals(name.toLowerCase(Locale.ROOT))).findFirst();
    }

    private static final int SEARCH_DAYS = 3 * 366;

    private final ZoneId zone;
    private final Map<DayOfWeek, List<Opening>> week;
    private final Set<LocalDate> holidays;
    private final boolean alwaysOpen;

    private BusinessCalendar(ZoneId zone, Map<DayOfWeek, List<Opening>> week, Set<LocalDate> holidays, boolean alwaysOpen) {
        this.zone = zone;
        this.week = week;
        this.holidays = Set.copyOf(holidays);
        this.alwaysOpen = alwaysOpen;
    }

    public static BusinessCalendar aroundTheClock(ZoneId zone) {
        return new BusinessCalendar(zone, Map.of(), Set.of(), true);
    }

    public static BusinessCalendar weekly(ZoneId zone, Map<DayOfWeek, List<Opening>> week, Set<LocalDate> holidays) {
        if (week.values().stream().allMatch(List::isEmpty)) {
            throw new InvalidInput("businessHours", "business hours must open on at least one day");
        }
        Map<DayOfWeek, List<Opening>> copy = new EnumMap<>(DayOfWeek.class);
        week.forEach((day, openings) -> copy.put(day, openings.stream().sorted((a, b) -> a.from().compareTo(b.from())).toList()));
        return new BusinessCalendar(zone, copy, holidays, false);
    }

    /** Monday to Friday, 09:00 to 17:00. */
    public static BusinessCalendar officeHours(ZoneId zone) {
        Map<DayOfWeek, List<Opening>> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
            week.put(day, List.of(new Opening(LocalTime.of(9, 0), LocalTime.of(17, 0))));
        }
        return weekly(zone, week, Set.of());
    }

    public boolean alwaysOpen() {
        return alwaysOpen;
    }

    public ZoneId zone() {
        return zone;
    }

    public Map<DayOfWeek, List<Opening>> week() {
        return week;
    }

    public Set<LocalDate> holidays() {
        return holidays;
    }

    /** The instant {@code businessTime} of opening hours after {@code start}. */
    public Instant add(Instant start, Duration businessTime) {
        if (alwaysOpen || businessTime.isZero() || businessTime.isNegative()) {
            return start.plus(businessTime.isNegative() ? Duration.ZERO : businessTime);
        }
        Duration remaining = businessTime;
        for (Interval open : openIntervalsFrom(start)) {
            if (!open.to().isAfter(start)) {
                continue;
            }
            Instant from = open.from().isBefore(start) ? start : open.from();
            Duration available = Duration.between(from, open.to());
            if (available.compareTo(remaining) >= 0) {
                return from.plus(remaining);
            }
            remaining = remaining.minus(available);
        }
        throw new IllegalStateException("no opening hours within " + SEARCH_DAYS + " days of " + start);
    }

    /** The opening hours between two instants. */
    public Duration between(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        if (alwaysOpen) {
            return Duration.between(from, to);
        }
        Duration total = Duration.ZERO;
        for (Interval open : openIntervalsFrom(from)) {
            if (!open.from().isBefore(to)) {
                break;
            }
            Instant a = open.from().isBefore(from) ? from : open.from();
            Instant b = open.to().isAfter(to) ? to : open.to();
            if (b.isAfter(a)) {
                total = total.plus(Duration.between(a, b));
            }
        }
        return total;
    }

    public boolean isOpen(Instant instant) {
        return nextOpening(instant).equals(instant);
    }

    /** {@code instant} if the shop is open then, else when it next opens. */
    public Instant nextOpening(Instant instant) {
        if (alwaysOpen) {
            return instant;
        }
        for (Interval open : openIntervalsFrom(instant)) {
            if (open.to().isAfter(instant)) {
                return open.from().isBefore(instant) ? instant : open.from();
            }
        }
        throw new IllegalStateException("no opening hours within " + SEARCH_DAYS + " days of " + instant);
    }

    private record Interval(Instant from, Instant to) {
    }

    /** Opening intervals as instants, day by day from the day of {@code start}, lazily enough for the callers' loops. */
    private Iterable<Interval> openIntervalsFrom(Instant start) {
        LocalDate first = start.atZone(zone).toLocalDate().minusDays(1);
        return () -> new java.util.Iterator<>() {
            private LocalDate day = first;
            private final List<Interval> pending = new ArrayList<>();
            private int days;

            @Override
            public boolean hasNext() {
                while (pending.isEmpty() && days++ < SEARCH_DAYS) {
                    if (!holidays.contains(day)) {
                        for (Opening opening : week.getOrDefault(day.getDayOfWeek(), List.of())) {
                            Instant from = day.atTime(opening.from()).atZone(zone).toInstant();
                            Instant to = opening.to().equals(LocalTime.MIDNIGHT)
                                    ? day.plusDays(1).atStartOfDay(zone).toInstant()
                                    : day.atTime(opening.to()).atZone(zone).toInstant();
                            pending.add(new Interval(from, to));
                        }
                    }
                    day = day.plusDays(1);
                }
                return !pending.isEmpty();
            }

            @Override
            public Interval next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                return pending.remove(0);
            }
        };
    }
}
