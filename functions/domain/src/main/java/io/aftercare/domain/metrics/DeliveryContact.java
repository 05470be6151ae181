package io.aftercare.domain.metrics;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the metrics remember of one order's delivery problem (issue 15): when it began, when the shop first reached the
 * customer about it (its apology email, or an agent's reply on its case's ticket) and when the customer first wrote
 * about the order (a complaint, a message, an email). Whether the shop spoke first is decided by these times, not by
 * the order the stream brings them in: an order's entries and its tickets' changes come from different shards.
 *
 * @param version what the stored state is guarded by, as a customer's history is (0: none stored)
 */
public record DeliveryContact(Optional<Instant> problemAt, Optional<Instant> contactedAt, Optional<Instant> customerWroteAt, long version) {

    public static final DeliveryContact NONE = new DeliveryContact(Optional.empty(), Optional.empty(), Optional.empty(), 0);

    /**
     * A change to an order's delivery contact, and what it adds to the metrics (maybe nothing yet: a customer's message
     * before the problem is known is only remembered).
     */
    public record Fold(List<Contribution> contributions, DeliveryContact next) {
    }

    public DeliveryContact problem(Instant at) {
        return new DeliveryContact(earliest(problemAt, at), contactedAt, customerWroteAt, version);
    }

    public DeliveryContact contacted(Instant at) {
        return new DeliveryContact(problemAt, earliest(contactedAt, at), customerWroteAt, version);
    }

    public DeliveryContact customerWrote(Instant at) {
        return new DeliveryContact(problemAt, contactedAt, earliest(customerWroteAt, at), version);
    }

    /**
     * The shop reached the customer before any message of theirs about the order (one the same instant is not before).
     * Any message counts, an earlier one too: a customer who asked where the parcel was before Aftercare found it
     * silent was not spoken to first.
     */
    public boolean spokeFirst() {
        return problemAt.isPresent() && contactedAt.isPresent() && customerWroteAt.filter(wrote -> !contactedAt.get().isBefore(wrote)).isEmpty();
    }

    /**
     * What the change from this state to {@code changed} adds: what the case counts as now, less what it counted as
     * before, each on its problem's day (so a later-told customer message takes back a "spoke first" already counted).
     *
     * @param once what makes the change count once (see {@link Contribution#once})
     * @return empty when the change tells the metrics nothing new
     */
    public Optional<Fold> fold(DeliveryContact changed, String once, ZoneId zone) {
        if (changed.problemAt.equals(problemAt) && changed.contactedAt.equals(contactedAt) && changed.customerWroteAt.equals(customerWroteAt)) {
            return Optional.empty();
        }
        Map<LocalDate, Map<String, BigDecimal>> days = new TreeMap<>();
        counted(-1, zone, days);
        changed.counted(1, zone, days);
        List<Contribution> contributions = new ArrayList<>();
        days.forEach((day, values) -> {
            values.values().removeIf(value -> value.signum() == 0);
            if (!values.isEmpty()) {
                contributions.add(new Contribution(once, day, new Tally(values)));
            }
        });
        DeliveryContact next = new DeliveryContact(changed.problemAt, changed.contactedAt, changed.customerWroteAt, version + 1);
        return Optional.of(new Fold(contributions, next));
    }

    /** Adds what this state counts as, times {@code sign}, to its problem's day: nothing before the problem is known. */
    private void counted(long sign, ZoneId zone, Map<LocalDate, Map<String, BigDecimal>> days) {
        if (problemAt.isEmpty()) {
            return;
        }
        Tally tally = Tally.of(Measure.DELIVERY_PROBLEMS, 1);
        if (contactedAt.isPresent()) {
            Duration toContact = Duration.between(problemAt.get(), contactedAt.get());
            tally = tally.merge(DurationSketch.sample(Measure.DELIVERY_FIRST_CONTACT, toContact.isNegative() ? Duration.ZERO : toContact));
        }
        if (spokeFirst()) {
            tally = tally.plus(Measure.DELIVERY_SPOKE_FIRST, 1);
        }
        var day = days.computeIfAbsent(MetricsFold.day(problemAt.get(), zone), d -> new TreeMap<>());
        tally.values().forEach((name, value) -> day.merge(name, value.multiply(BigDecimal.valueOf(sign)), BigDecimal::add));
    }

    private static Optional<Instant> earliest(Optional<Instant> known, Instant at) {
        return Optional.of(known.filter(k -> k.isBefore(at)).orElse(at));
    }
}
