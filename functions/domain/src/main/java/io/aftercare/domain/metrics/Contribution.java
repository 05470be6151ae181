package io.aftercare.domain.metrics;

import java.time.LocalDate;

/**
 * What one change adds to one day of a shop's metrics.
 *
 * @param once what it is within the changed item's partition (an entry's id, a ticket's version): the aggregator counts
 *             each change once, and {@link MetricsFold#RETURN_OPENED}, shared by a return's steps, once per partition
 * @param day  the day in the shop's time zone
 */
public record Contribution(String once, LocalDate day, Tally tally) {
}
