package io.aftercare.domain.shop;

import io.aftercare.domain.InvalidInput;
import java.time.Duration;

/**
 * One priority's promises. Durations are business time, unless {@code aroundTheClock}, when every hour counts.
 */
public record SlaTargets(Duration firstResponse, Duration nextResponse, Duration resolution, boolean aroundTheClock) {

    public SlaTargets {
        for (Duration d : new Duration[] {firstResponse, nextResponse, resolution}) {
            if (d == null || d.compareTo(Duration.ofMinutes(1)) < 0 || d.compareTo(Duration.ofDays(90)) > 0) {
                throw new InvalidInput("support.sla", "SLA targets must be between 1 minute and 90 days");
            }
        }
    }

    public Duration of(SlaTarget target) {
        return switch (target) {
            case FIRST_RESPONSE -> firstResponse;
            case NEXT_RESPONSE -> nextResponse;
            case RESOLUTION -> resolution;
        };
    }
}
