package io.aftercare.domain.metrics;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.mapping.LogarithmicMapping;
import com.datadoghq.sketch.ddsketch.store.UnboundedSizeDenseStore;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A DDSketch of durations (in seconds, 1% relative accuracy) stored as its bins: each bin is a counter of a
 * {@link Tally} ({@code q.<measure>.<bin index>}, or {@code .z} for durations under a second), so a duration is added
 * with one atomic {@code ADD} and the sketches of many days merge exactly by summing their bins.
 */
public final class DurationSketch {

    private static final LogarithmicMapping MAPPING = new LogarithmicMapping(0.01);
    private static final String ZERO = "z";

    private DurationSketch() {
    }

    static String prefix(String measure) {
        return "q." + measure + ".";
    }

    /** The counter one duration adds to. */
    public static Tally sample(String measure, Duration duration) {
        double seconds = Math.max(0, duration.toMillis()) / 1000.0;
        String bin = seconds < 1 ? ZERO : Integer.toString(MAPPING.index(seconds));
        return Tally.of(prefix(measure) + bin, 1);
    }

    /** The sketch of every duration {@code tally} holds for {@code measure}. */
    public static DDSketch of(Tally tally, String measure) {
        var sketch = new DDSketch(MAPPING, UnboundedSizeDenseStore::new);
        for (Map.Entry<String, BigDecimal> bin : tally.under(prefix(measure)).entrySet()) {
            long count = bin.getValue().longValue();
            if (count <= 0) {
                continue;
            }
            if (bin.getKey().equals(ZERO)) {
                sketch.accept(0, count);
            } else {
                sketch.getPositiveValueStore().add(Integer.parseInt(bin.getKey()), count);
            }
        }
        return sketch;
    }

    /** The duration at {@code quantile} in seconds, rounded; empty when there is none. */
    public static Optional<Long> quantileSeconds(Tally tally, String measure, double quantile) {
        return quantilesSeconds(tally, measure, quantile).get(0);
    }

    /** The durations at each of {@code quantiles}, as {@link #quantileSeconds}, read from one sketch of the measure. */
    public static List<Optional<Long>> quantilesSeconds(Tally tally, String measure, double... quantiles) {
        DDSketch sketch = of(tally, measure);
        return Arrays.stream(quantiles)
                .mapToObj(quantile -> sketch.isEmpty() ? Optional.<Long>empty() : Optional.of(Math.round(sketch.getValueAtQuantile(quantile))))
                .toList();
    }
}
