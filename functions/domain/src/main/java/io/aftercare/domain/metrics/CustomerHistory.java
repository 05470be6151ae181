package io.aftercare.domain.metrics;

import java.time.Instant;
import java.util.Optional;

/**
 * What the metrics remember of one customer: enough to tell new from returning, unique customers per day, week and
 * month, and whether they came back within 90 days of their first order.
 *
 * @param version for the optimistic lock: a customer's orders may be folded from two stream shards at once
 */
public record CustomerHistory(long orders, Optional<Instant> firstOrderAt, Optional<Instant> lastOrderAt, boolean repeated, long version) {

    public static final CustomerHistory NONE = new CustomerHistory(0, Optional.empty(), Optional.empty(), false, 0);
}
