package io.aftercare.domain.metrics;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What the metrics remember of one customer: enough to tell new from returning, unique customers per day, week and
 * month, whether they came back within 90 days of their first order, and the service experiences they were stamped
 * with (for the loyalty report).
 *
 * @param version for the optimistic lock: a customer's changes may be folded from two stream shards at once
 */
public record CustomerHistory(long orders, Optional<Instant> firstOrderAt, Optional<Instant> lastOrderAt, boolean repeated,
                              Map<Experience, Stamp> stamps, long version) {

    public static final CustomerHistory NONE = new CustomerHistory(0, Optional.empty(), Optional.empty(), false, Map.of(), 0);

    public CustomerHistory {
        stamps = Map.copyOf(stamps);
    }

    /**
     * @param at       when the experience happened
     * @param reordered whether an order within 90 days of it was counted toward it
     * @param refunded  whether a refund after that order was counted toward it
     */
    public record Stamp(Instant at, boolean reordered, boolean refunded) {
    }
}
