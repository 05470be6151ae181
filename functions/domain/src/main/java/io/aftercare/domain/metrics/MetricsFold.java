package io.aftercare.domain.metrics;

import io.aftercare.domain.Money;
import io.aftercare.domain.action.Reason;
import io.aftercare.domain.email.EmailKind;
import io.aftercare.domain.feedback.SurveyKind;
import io.aftercare.domain.order.ShipmentStatus;
import io.aftercare.domain.recording.CaseResolution;
import io.aftercare.domain.shop.SlaTarget;
import io.aftercare.domain.ticket.SlaClock;
import io.aftercare.domain.ticket.Ticket;
import io.aftercare.domain.timeline.EntryKind;
import io.aftercare.domain.timeline.EntryParam;
import io.aftercare.domain.timeline.EntryText;
import io.aftercare.domain.timeline.Phrase;
import io.aftercare.domain.timeline.Subject;
import io.aftercare.domain.timeline.TimelineEntry;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * How the changes a shop's table records add to its daily metrics. Everything is decided from the change itself (a
 * timeline entry, a ticket's two versions) and, for orders, the customer's {@link CustomerHistory}; nothing is scanned.
 */
public final class MetricsFold {

    /** A customer who orders again within this long of their first order counts as a repeat customer. */
    public static final Duration REPEAT_WINDOW = Duration.ofDays(90);
    /**
     * What makes a return count once, on its own timeline, whichever step of it is seen first: the one {@link Contribution#once}
     * the aggregator remembers per partition (every other one is a change's own, which counting each change once covers).
     */
    public static final String RETURN_OPENED = "return-opened";

    private MetricsFold() {
    }

    /** What a timeline entry adds, apart from what depends on its customer's history ({@link #order}). */
    public static List<Contribution> entry(TimelineEntry entry, ZoneId zone) {
        if (!(entry.text() instanceof EntryText.Phrased phrased)) {
            return List.of();
        }
        Map<String, EntryParam> params = phrased.params();
        LocalDate day = day(entry.at(), zone);
        Tally tally = switch (entry.kind()) {
            case ORDER_PLACED -> entry.subject().type() == Subject.Type.ORDER && phrased.phrase() == Phrase.ORDER_PLACED
                    ? amount(params, "total").map(total -> Tally.of(Measure.ORDERS, 1).plus(Measure.ordersIn(total.currency()), 1)
                                    .plus(Measure.revenue(total.currency()), total.amount()))
                            .orElse(Tally.of(Measure.ORDERS, 1))
                    : Tally.EMPTY;
            case ORDER_REFUNDED -> amount(params, "amount").map(refund -> Tally.of(Measure.REFUNDS, 1).plus(Measure.refunded(refund.currency()), refund.amount()))
                    .orElse(Tally.of(Measure.REFUNDS, 1));
            case EMAIL_SENT -> code(params, "email").map(email -> {
                Tally sent = Tally.of(Measure.sent(email), 1);
                return SurveyKind.askedByEmail(Measure.slug(email)).map(kind -> sent.plus(Measure.survey(kind, "sent"), 1)).orElse(sent);
            }).orElse(Tally.EMPTY);
            case EMAIL_SKIPPED -> Tally.of(Measure.skipped(code(params, "reason").orElse("unknown")), 1).merge(codeExpired(params));
            case EMAIL_BOUNCED -> phrased.phrase() == Phrase.MAIL_BOUNCED ? Tally.of(Measure.EMAILS_BOUNCED, 1) : Tally.EMPTY;
            case EMAIL_COMPLAINED -> Tally.of(Measure.EMAILS_COMPLAINED, 1);
            case UNSUBSCRIBED -> Tally.of(Measure.EMAILS_UNSUBSCRIBED, 1);
            case SURVEY_ANSWERED -> answered(params);
            case TICKET_OPENED -> entry.subject().type() == Subject.Type.TICKET ? Tally.of(Measure.TICKETS_OPENED, 1) : Tally.EMPTY;
            case TICKET_UPDATED -> phrased.phrase() == Phrase.TICKET_REOPENED ? Tally.of(Measure.TICKETS_REOPENED, 1) : Tally.EMPTY;
            case ESCALATED -> count(params, "level").map(level -> Tally.of(Measure.escalations(level), 1)).orElse(Tally.EMPTY);
            case DISCOUNT_ISSUED -> Tally.of(Measure.DISCOUNTS_ISSUED, 1);
            case DISCOUNT_REDEEMED -> codeRedeemed(phrased);
            default -> Tally.EMPTY;
        };
        List<Contribution> contributions = new ArrayList<>();
        if (!tally.isEmpty()) {
            contributions.add(new Contribution(entry.id(), day, tally));
        }
        if (entry.kind() == EntryKind.RETURN_UPDATED && entry.subject().type() == Subject.Type.RETURN) {
            contributions.add(new Contribution(RETURN_OPENED, day, Tally.of(Measure.RETURNS, 1)));
        }
        return contributions;
    }

    /** A redemption is written on both orders' timelines (the one that used the code, the one it was sent for): the first counts it. */
    private static Tally codeRedeemed(EntryText.Phrased phrased) {
        return phrased.phrase() == Phrase.DISCOUNT_USED ? Tally.of(Measure.DISCOUNTS_REDEEMED, 1) : Tally.EMPTY;
    }

    /** A code's expiry check ending it unused (a reminder that came too late says so with its own reason). */
    private static Tally codeExpired(Map<String, EntryParam> params) {
        return code(params, "reason").filter(Reason.DISCOUNT_EXPIRED.name()::equals).isPresent() ? Tally.of(Measure.DISCOUNTS_EXPIRED, 1) : Tally.EMPTY;
    }

    /** A changed answer moves its score (the answers stay as many); a first one adds an answer. */
    private static Tally answered(Map<String, EntryParam> params) {
        Optional<Long> score = count(params, "score");
        Optional<SurveyKind> kind = code(params, "survey").map(code -> SurveyKind.fromCode(code.toLowerCase(Locale.ROOT))).orElse(Optional.of(SurveyKind.NPS));
        if (score.isEmpty() || kind.isEmpty()) {
            return Tally.EMPTY;
        }
        Tally tally = scored(kind.get(), score.get(), 1);
        Optional<Long> previous = count(params, "previous");
        if (previous.isPresent()) {
            return tally.merge(scored(kind.get(), previous.get(), -1));
        }
        return tally.plus(Measure.survey(kind.get(), "answers"), 1);
    }

    /** The counter a score adds to besides the answers: NPS's group, CSAT's satisfied (4-5); CES adds its score to a sum. */
    private static Tally scored(SurveyKind kind, long score, long sign) {
        return switch (kind) {
            case NPS -> Tally.of(Measure.survey(kind, kind.group((int) score).orElseThrow()), sign);
            case CSAT -> score >= 4 ? Tally.of(Measure.survey(kind, "satisfied"), sign) : Tally.EMPTY;
            case CES -> Tally.of(Measure.survey(kind, "sum"), sign * score);
        };
    }

    /** Whether an entry of this kind changes its customer's history (only those are worth reading it for). */
    public static boolean concernsCustomer(EntryKind kind) {
        return kind == EntryKind.ORDER_PLACED || kind == EntryKind.SURVEY_ANSWERED || kind == EntryKind.DISCOUNT_ISSUED
                || kind == EntryKind.ORDER_REFUNDED;
    }

    /** What a change adds that depends on whose it is, and what the metrics remember of them after it. */
    public record CustomerFold(List<Contribution> contributions, CustomerHistory next) {
    }

    /**
     * The customer's part of a timeline entry on their timeline: an order (new or returning, unique, repeat, loyalty),
     * an NPS answer or a discount code (their experience stamped), a refund (counted against their experiences).
     *
     * @return empty when the entry says nothing about its customer the metrics keep
     */
    public static Optional<CustomerFold> customer(TimelineEntry entry, CustomerHistory history, ZoneId zone) {
        if (!(entry.text() instanceof EntryText.Phrased phrased)) {
            return Optional.empty();
        }
        var fold = new Folding(history, zone, entry.id() + "#customer");
        Map<String, EntryParam> params = phrased.params();
        switch (entry.kind()) {
            case ORDER_PLACED -> {
                if (entry.subject().type() != Subject.Type.ORDER || phrased.phrase() != Phrase.ORDER_PLACED) {
                    return Optional.empty();
                }
                fold.ordered(entry.at(), amount(params, "total"));
            }
            case SURVEY_ANSWERED -> {
                Optional<Long> score = count(params, "score");
                boolean nps = code(params, "survey").map(c -> c.equalsIgnoreCase("nps")).orElse(true);
                if (score.isEmpty() || !nps) {
                    return Optional.empty();
                }
                count(params, "previous").map(Experience::npsGroup).filter(g -> g != Experience.npsGroup(score.get())).ifPresent(fold::unstamp);
                fold.stamp(Experience.npsGroup(score.get()), entry.at());
                if (params.get("recovered") instanceof EntryParam.Flag) {
                    fold.stamp(Experience.RECOVERED_DETRACTOR, entry.at());
                }
            }
            case DISCOUNT_ISSUED -> {
                fold.unstamp(Experience.NO_DISCOUNT);
                fold.stamp(Experience.DISCOUNT, entry.at());
            }
            case ORDER_REFUNDED -> fold.refunded();
            default -> {
                return Optional.empty();
            }
        }
        return fold.done();
    }

    /** Whether this version of a ticket is the one that first answered the customer. */
    public static boolean firstResponded(Optional<Ticket> before, Ticket after) {
        return after.firstResponseAt().isPresent() && before.flatMap(Ticket::firstResponseAt).isEmpty();
    }

    /** The customer's part of a ticket's new version: its first response stamps how their complaint was answered. */
    public static Optional<CustomerFold> customer(Optional<Ticket> before, Ticket after, CustomerHistory history, ZoneId zone) {
        if (!firstResponded(before, after)) {
            return Optional.empty();
        }
        Instant at = after.firstResponseAt().get();
        var fold = new Folding(history, zone, "v" + after.version() + "#customer");
        fold.unstamp(Experience.NO_COMPLAINT);
        boolean breached = clock(after, SlaTarget.FIRST_RESPONSE, 0).map(SlaClock::breached).orElse(false);
        fold.stamp(breached ? Experience.RESPONSE_BREACHED : Experience.RESPONSE_MET, at);
        fold.stamp(Experience.responseTime(Duration.between(after.createdAt(), at)), at);
        return fold.done();
    }

    /** One change to a customer's history, and what it adds to which days. */
    private static final class Folding {
        private final CustomerHistory history;
        private final ZoneId zone;
        private final String once;
        private final List<Contribution> contributions = new ArrayList<>();
        private final Map<Experience, CustomerHistory.Stamp> stamps;
        private long orders;
        private Optional<Instant> firstAt;
        private Optional<Instant> lastAt;
        private boolean repeated;

        Folding(CustomerHistory history, ZoneId zone, String once) {
            this.history = history;
            this.zone = zone;
            this.once = once;
            this.stamps = new java.util.EnumMap<>(Experience.class);
            this.stamps.putAll(history.stamps());
            this.orders = history.orders();
            this.firstAt = history.firstOrderAt();
            this.lastAt = history.lastOrderAt();
            this.repeated = history.repeated();
        }

        void add(Instant at, Tally tally) {
            contributions.add(new Contribution(once, day(at, zone), tally));
        }

        /** The first time only: a customer is in a group once. */
        void stamp(Experience experience, Instant at) {
            if (!stamps.containsKey(experience)) {
                stamps.put(experience, new CustomerHistory.Stamp(at, false, false));
                add(at, Tally.of(experience.measure("customers"), 1));
            }
        }

        /** Out of a group they no longer belong to (a changed answer, a first complaint), unless an order already counted there. */
        void unstamp(Experience experience) {
            var stamp = stamps.get(experience);
            if (stamp != null && !stamp.reordered()) {
                stamps.remove(experience);
                add(stamp.at(), Tally.of(experience.measure("customers"), -1));
            }
        }

        void ordered(Instant at, Optional<Money> total) {
            LocalDate day = day(at, zone);
            Tally tally;
            if (orders == 0) {
                tally = Tally.of(Measure.NEW_CUSTOMERS, 1).plus(Measure.COHORT, 1);
                for (Period period : Period.values()) {
                    tally = tally.plus(period.uniqueCustomers(), 1);
                }
                if (stamps.keySet().stream().noneMatch(e -> e.name().startsWith("RESPONSE_"))) {
                    stamp(Experience.NO_COMPLAINT, at);
                }
                if (!stamps.containsKey(Experience.DISCOUNT)) {
                    stamp(Experience.NO_DISCOUNT, at);
                }
            } else {
                LocalDate last = day(lastAt.orElseThrow(), zone);
                tally = Tally.of(Measure.RETURNING_ORDERS, 1);
                for (Period period : Period.values()) {
                    if (!period.start(last).equals(period.start(day))) {
                        tally = tally.plus(period.uniqueCustomers(), 1);
                    }
                }
                Instant first = firstAt.orElseThrow();
                if (!repeated && within(first, at)) {
                    repeated = true;
                    // credited to the cohort of the first order, so a month's repeat rate is its own customers'
                    add(first, Tally.of(Measure.COHORT_REPEATERS, 1));
                }
            }
            add(at, tally);
            // the next order after an experience counts toward it, once
            for (var stamp : List.copyOf(stamps.entrySet())) {
                var s = stamp.getValue();
                if (!s.reordered() && within(s.at(), at)) {
                    stamps.put(stamp.getKey(), new CustomerHistory.Stamp(s.at(), true, false));
                    Tally reordered = Tally.of(stamp.getKey().measure("repeaters"), 1);
                    if (total.isPresent()) {
                        reordered = reordered.plus(stamp.getKey().measure("orders." + total.get().currency()), 1)
                                .plus(stamp.getKey().measure("revenue." + total.get().currency()), total.get().amount());
                    }
                    add(s.at(), reordered);
                }
            }
            orders++;
            firstAt = Optional.of(firstAt.filter(f -> f.isBefore(at)).orElse(at));
            lastAt = Optional.of(lastAt.filter(l -> l.isAfter(at)).orElse(at));
        }

        /** A refund after the order that counted toward an experience counts against it, once. */
        void refunded() {
            for (var stamp : List.copyOf(stamps.entrySet())) {
                var s = stamp.getValue();
                if (s.reordered() && !s.refunded()) {
                    stamps.put(stamp.getKey(), new CustomerHistory.Stamp(s.at(), true, true));
                    add(s.at(), Tally.of(stamp.getKey().measure("refunds"), 1));
                }
            }
        }

        Optional<CustomerFold> done() {
            if (contributions.isEmpty() && orders == history.orders()) {
                return Optional.empty();
            }
            return Optional.of(new CustomerFold(contributions,
                    new CustomerHistory(orders, firstAt, lastAt, repeated, stamps, history.version() + 1)));
        }
    }

    /** After {@code from}, and within the repeat window of it. */
    private static boolean within(Instant from, Instant at) {
        return at.isAfter(from) && !at.isAfter(from.plus(REPEAT_WINDOW));
    }

    /**
     * What a ticket's new version adds: its first response and its resolution (wall-clock from its opening, business
     * time as its SLA clock counted it), and each SLA clock it stopped, met or breached.
     *
     * @param before the version it replaced, empty for a new ticket
     */
    public static List<Contribution> ticket(Optional<Ticket> before, Ticket after, ZoneId zone) {
        List<Contribution> contributions = new ArrayList<>();
        String once = "v" + after.version();
        if (firstResponded(before, after)) {
            Instant at = after.firstResponseAt().get();
            Tally tally = DurationSketch.sample(Measure.FIRST_RESPONSE_WALL, Duration.between(after.createdAt(), at));
            tally = tally.merge(clock(after, SlaTarget.FIRST_RESPONSE, 0)
                    .map(c -> DurationSketch.sample(Measure.FIRST_RESPONSE_BUSINESS, c.consumed())).orElse(Tally.EMPTY));
            contributions.add(new Contribution(once + "#first-response", day(at, zone), tally));
        }
        if (after.resolvedAt().isPresent() && before.flatMap(Ticket::resolvedAt).isEmpty()) {
            Instant at = after.resolvedAt().get();
            Tally tally = Tally.of(Measure.TICKETS_RESOLVED, 1)
                    .merge(DurationSketch.sample(Measure.RESOLUTION_WALL, Duration.between(after.createdAt(), at)));
            tally = tally.merge(after.clocks().stream().filter(c -> c.target() == SlaTarget.RESOLUTION).reduce((a, b) -> b)
                    .map(c -> DurationSketch.sample(Measure.RESOLUTION_BUSINESS, c.consumed())).orElse(Tally.EMPTY));
            contributions.add(new Contribution(once + "#resolution", day(at, zone), tally));
        }
        for (SlaClock clock : after.clocks()) {
            if (clock.metAt().isEmpty()) {
                continue;
            }
            Optional<SlaClock> was = before.flatMap(b -> clock(b, clock.target(), clock.cycle()));
            if (was.flatMap(SlaClock::metAt).isEmpty()) {
                contributions.add(new Contribution(once + "#" + clock.target().slug() + "-" + clock.cycle(), day(clock.metAt().get(), zone),
                        Tally.of(Measure.sla(clock.target().slug(), clock.breached() ? "breached" : "met"), 1)));
            }
        }
        return contributions;
    }

    private static Optional<SlaClock> clock(Ticket ticket, SlaTarget target, int cycle) {
        return ticket.clocks().stream().filter(c -> c.target() == target && c.cycle() == cycle).findFirst();
    }

    /**
     * What an entry on an order's timeline tells of the order's delivery problem: the problem itself (a carrier's
     * failure or delay, or Aftercare's finding a parcel silent or overdue), or its apology email reaching the customer.
     */
    public static Optional<UnaryOperator<DeliveryContact>> delivery(TimelineEntry entry) {
        if (entry.subject().type() != Subject.Type.ORDER || !(entry.text() instanceof EntryText.Phrased phrased)) {
            return Optional.empty();
        }
        boolean problem = entry.kind() == EntryKind.SHIPMENT_UPDATED && phrased.phrase() == Phrase.PARCEL_UPDATED
                && code(phrased.params(), "status").flatMap(MetricsFold::shipmentStatus).filter(ShipmentStatus::problem).isPresent();
        if (problem) {
            return Optional.of(contact -> contact.problem(entry.at()));
        }
        boolean apology = entry.kind() == EntryKind.EMAIL_SENT && phrased.phrase() == Phrase.EMAIL_SENT
                && code(phrased.params(), "email").filter(EmailKind.DELIVERY_PROBLEM.action().code().value()::equals).isPresent();
        return apology ? Optional.of(contact -> contact.contacted(entry.at())) : Optional.empty();
    }

    /**
     * Whether an entry on a ticket's timeline is the customer writing (opening it by a complaint or an email, or a
     * message on it): what they did, never a ticket's opening, which Aftercare's own cases do too.
     */
    public static boolean customerWrote(TimelineEntry entry) {
        return entry.kind() == EntryKind.CUSTOMER_WROTE && entry.subject().type() == Subject.Type.TICKET;
    }

    /** When an agent first answered on an order's delivery case (the ticket {@code DeliveryCases} opened), if this version did. */
    public static Optional<Instant> deliveryCaseAnswered(Optional<Ticket> before, Ticket after) {
        return after.order().filter(order -> after.id().equals(CaseResolution.ticketOf(order)))
                .flatMap(order -> firstResponded(before, after) ? after.firstResponseAt() : Optional.empty());
    }

    private static Optional<ShipmentStatus> shipmentStatus(String code) {
        return Arrays.stream(ShipmentStatus.values()).filter(status -> status.name().equals(code)).findFirst();
    }

    public static LocalDate day(Instant at, ZoneId zone) {
        return at.atZone(zone).toLocalDate();
    }

    private static Optional<String> code(Map<String, EntryParam> params, String name) {
        return params.get(name) instanceof EntryParam.Code code ? Optional.of(code.value()) : Optional.empty();
    }

    private static Optional<Long> count(Map<String, EntryParam> params, String name) {
        return params.get(name) instanceof EntryParam.Count count ? Optional.of(count.value()) : Optional.empty();
    }

    private static Optional<Money> amount(Map<String, EntryParam> params, String name) {
        return params.get(name) instanceof EntryParam.Amount amount ? Optional.of(amount.money()) : Optional.empty();
    }
}
