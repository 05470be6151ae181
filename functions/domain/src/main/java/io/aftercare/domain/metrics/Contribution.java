package io.aftercare.domain.metrics;

import java.time.LocalDate;

/**
 * What one change adds to one day of a shop's metrics.
 *
 * @param once what makes it count once: a key unique within the changed item's partition (an entry's id, a ticket's
 *             version), recorded with the addition in one transaction, so a replayed stream record adds nothing
 * @param day  the day in the shop's time zone
 */
public record Contribution(String once, LocalDate day, Tally tally) {
}
