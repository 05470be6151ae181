package io.aftercare.domain.shop;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.domain.ticket.SlaClock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BusinessCalendarTest {

    private static final ZoneId WARSAW = ZoneId.of("Europe/Warsaw");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void givenFridayAfternoon_whenTwoBusinessHoursAreAdded_thenTheyFinishOnMondayMorningAfterTheWeekend() {
        var office = BusinessCalendar.officeHours(WARSAW);

        assertThat(office.add(at(WARSAW, "2026-11-20T16:00"), Duration.ofHours(2))).isEqualTo(at(WARSAW, "2026-11-23T10:00"));
        assertThat(office.between(at(WARSAW, "2026-11-20T16:00"), at(WARSAW, "2026-11-23T10:00"))).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void givenAHolidayOnTheNextDay_whenBusinessTimeIsAdded_thenTheHolidayIsSkipped() {
        var office = BusinessCalendar.weekly(WARSAW, BusinessCalendar.officeHours(WARSAW).week(), Set.of(LocalDate.parse("2026-12-24")));

        assertThat(office.add(at(WARSAW, "2026-12-23T16:00"), Duration.ofHours(3))).isEqualTo(at(WARSAW, "2026-12-25T11:00"));
    }

    @Test
    void givenTheSpringAndAutumnDstChangesInWarsaw_whenAnAroundTheClockDayIsCounted_thenItHasTwentyThreeAndTwentyFiveHours() {
        var always = weekly(WARSAW, LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);

        assertThat(always.between(at(WARSAW, "2026-03-29T00:00"), at(WARSAW, "2026-03-30T00:00"))).isEqualTo(Duration.ofHours(23));
        assertThat(always.between(at(WARSAW, "2026-10-25T00:00"), at(WARSAW, "2026-10-26T00:00"))).isEqualTo(Duration.ofHours(25));
    }

    @Test
    void givenOpeningHoursAcrossTheNightOfADstChangeInNewYork_whenTimeIsAdded_thenTheLostAndTheGainedHourAreAccountedFor() {
        // Open 00:00-06:00 every day; clocks jump 02:00 -> 03:00 on 2026-03-08 and fall back 02:00 -> 01:00 on 2026-11-01.
        var night = weekly(NEW_YORK, LocalTime.MIDNIGHT, LocalTime.of(6, 0));

        assertThat(night.between(at(NEW_YORK, "2026-03-08T00:00"), at(NEW_YORK, "2026-03-08T06:00"))).isEqualTo(Duration.ofHours(5));
        assertThat(night.between(at(NEW_YORK, "2026-11-01T00:00"), at(NEW_YORK, "2026-11-01T06:00"))).isEqualTo(Duration.ofHours(7));
        assertThat(night.add(at(NEW_YORK, "2026-03-08T00:00"), Duration.ofHours(5))).isEqualTo(at(NEW_YORK, "2026-03-08T06:00"));
        assertThat(night.add(at(NEW_YORK, "2026-11-01T00:00"), Duration.ofHours(7))).isEqualTo(at(NEW_YORK, "2026-11-01T06:00"));
    }

    @Test
    void givenOfficeHoursOnTheDayOfTheDstChange_whenBusinessTimeIsAdded_thenTheWallClockHoursAreWhatCount() {
        // 2026-03-30 is the Monday after Warsaw's spring change; 2026-11-02 the Monday after New York's autumn change.
        assertThat(BusinessCalendar.officeHours(WARSAW).add(at(WARSAW, "2026-03-27T16:00"), Duration.ofHours(2)))
                .isEqualTo(at(WARSAW, "2026-03-30T10:00"));
        assertThat(BusinessCalendar.officeHours(NEW_YORK).add(at(NEW_YORK, "2026-10-30T16:30"), Duration.ofHours(1)))
                .isEqualTo(at(NEW_YORK, "2026-11-02T09:30"));
    }

    @Test
    void givenAnAroundTheClockPolicy_whenTimeIsAdded_thenEveryHourCountsWeekendsAndNightsToo() {
        var always = BusinessCalendar.aroundTheClock(WARSAW);

        assertThat(always.add(at(WARSAW, "2026-11-21T23:00"), Duration.ofHours(5))).isEqualTo(at(WARSAW, "2026-11-22T04:00"));
        assertThat(always.isOpen(at(WARSAW, "2026-11-22T03:00"))).isTrue();
    }

    @Test
    void givenSaturdayThreeInTheMorning_whenTheNextOpeningIsAsked_thenItIsMondayAtNine() {
        var office = BusinessCalendar.officeHours(WARSAW);

        assertThat(office.isOpen(at(WARSAW, "2026-11-21T03:00"))).isFalse();
        assertThat(office.nextOpening(at(WARSAW, "2026-11-21T03:00"))).isEqualTo(at(WARSAW, "2026-11-23T09:00"));
        assertThat(office.nextOpening(at(WARSAW, "2026-11-23T11:00"))).isEqualTo(at(WARSAW, "2026-11-23T11:00"));
    }

    @Test
    void givenATicketWaitingForTheCustomerForTwoDays_whenTheCustomerAnswers_thenTheDeadlineMovedByExactlyThePausedBusinessTime() {
        var office = BusinessCalendar.officeHours(WARSAW);
        var opened = SlaClock.start(SlaTarget.RESOLUTION, 0, Duration.ofHours(24), at(WARSAW, "2026-11-23T09:00"));
        Instant dueWithoutPause = opened.dueAt(office).orElseThrow();

        var paused = opened.pause(at(WARSAW, "2026-11-23T13:00"), office);
        var resumed = paused.resume(at(WARSAW, "2026-11-25T13:00"));

        assertThat(dueWithoutPause).isEqualTo(at(WARSAW, "2026-11-25T17:00"));
        assertThat(paused.consumed()).isEqualTo(Duration.ofHours(4));
        Duration pausedBusinessTime = office.between(at(WARSAW, "2026-11-23T13:00"), at(WARSAW, "2026-11-25T13:00"));
        assertThat(pausedBusinessTime).isEqualTo(Duration.ofHours(16));
        assertThat(resumed.dueAt(office).orElseThrow()).isEqualTo(office.add(dueWithoutPause, pausedBusinessTime))
                .isEqualTo(at(WARSAW, "2026-11-27T17:00"));
    }

    private static BusinessCalendar weekly(ZoneId zone, LocalTime from, LocalTime to) {
        Map<DayOfWeek, List<BusinessCalendar.Opening>> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            week.put(day, List.of(new BusinessCalendar.Opening(from, to)));
        }
        return BusinessCalendar.weekly(zone, week, Set.of());
    }

    private static Instant at(ZoneId zone, String local) {
        return LocalDateTime.parse(local).atZone(zone).toInstant();
    }
}
