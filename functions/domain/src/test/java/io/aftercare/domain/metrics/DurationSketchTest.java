package io.aftercare.domain.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationSketchTest {

    @Test
    void percentilesOfDaysMergedByAddingTheirBinsAreThoseOfAllTheirDurationsWithinOnePercent() {
        Tally monday = Tally.EMPTY;
        Tally tuesday = Tally.EMPTY;
        for (int minutes = 1; minutes <= 100; minutes++) {
            Tally sample = DurationSketch.sample("first-response.wall", Duration.ofMinutes(minutes));
            if (minutes % 2 == 0) {
                monday = monday.merge(sample);
            } else {
                tuesday = tuesday.merge(sample);
            }
        }
        Tally week = monday.merge(tuesday);
        assertThat(DurationSketch.quantileSeconds(week, "first-response.wall", 0.5).orElseThrow()).isCloseTo(50 * 60L, within(31L));
        assertThat(DurationSketch.quantileSeconds(week, "first-response.wall", 0.9).orElseThrow()).isCloseTo(90 * 60L, within(55L));
        assertThat(DurationSketch.quantileSeconds(monday, "first-response.wall", 0.5).orElseThrow()).isCloseTo(50 * 60L, within(31L));
    }

    @Test
    void aDurationUnderASecondCountsAsZeroAndNoDurationsHaveNoPercentile() {
        Tally tally = DurationSketch.sample("resolution.wall", Duration.ofMillis(300));
        assertThat(DurationSketch.quantileSeconds(tally, "resolution.wall", 0.5)).contains(0L);
        assertThat(DurationSketch.quantileSeconds(tally, "first-response.wall", 0.5)).isEmpty();
    }
}
