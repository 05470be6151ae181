package io.aftercare.domain.metrics;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

/**
 * Named numbers that only ever add up: a day's counters, and its percentile sketches' bins (see {@link DurationSketch}),
 * so that a stream record folds in as one atomic {@code ADD} and days merge into weeks and months by summing.
 */
public record Tally(Map<String, BigDecimal> values) {

    public static final Tally EMPTY = new Tally(Map.of());

    public Tally {
        values = Map.copyOf(values);
    }

    public static Tally of(String name, long delta) {
        return EMPTY.plus(name, delta);
    }

    public Tally plus(String name, long delta) {
        return plus(name, BigDecimal.valueOf(delta));
    }

    public Tally plus(String name, BigDecimal delta) {
        var next = new TreeMap<>(values);
        next.merge(name, delta, BigDecimal::add);
        return new Tally(next);
    }

    public Tally merge(Tally other) {
        var next = new TreeMap<>(values);
        other.values.forEach((name, delta) -> next.merge(name, delta, BigDecimal::add));
        return new Tally(next);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    public long count(String name) {
        return values.getOrDefault(name, BigDecimal.ZERO).longValue();
    }

    public BigDecimal amount(String name) {
        return values.getOrDefault(name, BigDecimal.ZERO);
    }

    /** The names that start with {@code prefix}, without it, and their values. */
    public Map<String, BigDecimal> under(String prefix) {
        var found = new TreeMap<String, BigDecimal>();
        values.forEach((name, value) -> {
            if (name.startsWith(prefix)) {
                found.put(name.substring(prefix.length()), value);
            }
        });
        return found;
    }
}
