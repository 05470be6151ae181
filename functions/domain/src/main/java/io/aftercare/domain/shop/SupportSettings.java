package io.aftercare.domain.shop;

import io.aftercare.domain.InvalidInput;
import io.aftercare.domain.Money;
import io.soabase.recordbuilder.core.RecordBuilder;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How a shop runs its complaint desk: when it works, what it promises per priority, who hears when a complaint
 * waits too long, and what a customer gets when a promise was broken.
 *
 * @param week opening hours per day in the shop's time zone; empty with {@code aroundTheClock}
 * @param chatWebhookUrl a Slack-compatible incoming webhook for escalation notices, kept as a secret
 * @param goodwill the discount a customer gets when their ticket is resolved after a breached SLA
 * @param deliveryGoodwill the discount the apology for a parcel held up, failed or silent carries; none unless set
 * @param highValueOrder complaints about orders at or above this total are high priority
 * @param repeatWithinDays a second complaint from the same customer within this many days is high priority
 * @param inbound how customers' emails reach the shop's tickets
 * @param csatSurvey whether a resolved ticket's customer is asked, a day later, how satisfied they are (CSAT)
 *
 * <p>Changed through the generated withers ({@code withDeliveryGoodwill}): a new component costs no hand-written copy.
 */
@RecordBuilder
public record SupportSettings(boolean aroundTheClock, Map<DayOfWeek, List<BusinessCalendar.Opening>> week, Set<LocalDate> holidays,
                              Map<Priority, SlaTargets> sla, List<EscalationStep> escalation, Optional<Secret> chatWebhookUrl,
                              Optional<DiscountTemplate> goodwill, Optional<DiscountTemplate> deliveryGoodwill, Optional<Money> highValueOrder,
                              int repeatWithinDays, InboundSettings inbound, boolean csatSurvey) implements SupportSettingsBuilder.With {

    public SupportSettings {
        week = new EnumMap<>(week.isEmpty() ? Map.of(DayOfWeek.MONDAY, List.of()) : week);
        week.values().removeIf(List::isEmpty);
        holidays = Set.copyOf(holidays);
        sla = new EnumMap<>(sla);
        for (Priority priority : Priority.values()) {
            if (!sla.containsKey(priority)) {
                throw new InvalidInput("support.sla", "the SLA policy needs targets for " + priority.slug());
            }
        }
        escalation = escalation.stream().sorted((a, b) -> Integer.compare(a.level(), b.level())).toList();
        if (repeatWithinDays < 0 || repeatWithinDays > 365) {
            throw new InvalidInput("support.repeatWithinDays", "repeatWithinDays must be between 0 and 365");
        }
        Objects.requireNonNull(inbound, "inbound");
    }

    /** Weekdays 09:00-17:00; first response within 2 business hours for a normal complaint; a three-step ladder. */
    public static SupportSettings defaults() {
        Map<Priority, SlaTargets> sla = new EnumMap<>(Priority.class);
        sla.put(Priority.URGENT, new SlaTargets(Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(8), true));
        sla.put(Priority.HIGH, new SlaTargets(Duration.ofHours(1), Duration.ofHours(4), Duration.ofHours(16), false));
        sla.put(Priority.NORMAL, new SlaTargets(Duration.ofHours(2), Duration.ofHours(8), Duration.ofHours(24), false));
        sla.put(Priority.LOW, new SlaTargets(Duration.ofHours(8), Duration.ofHours(16), Duration.ofHours(40), false));
        var office = BusinessCalendar.officeHours(ZoneId.of("UTC"));
        return new SupportSettings(false, office.week(), Set.of(), sla, List.of(
                new EscalationStep(1, Duration.ofHours(1), List.of()),
                new EscalationStep(2, Duration.ofHours(2), List.of()),
                new EscalationStep(3, Duration.ofHours(4), List.of())),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 30, InboundSettings.DEFAULT, true);
    }

    public BusinessCalendar calendar(ZoneId zone) {
        return aroundTheClock ? BusinessCalendar.aroundTheClock(zone) : BusinessCalendar.weekly(zone, week, holidays);
    }

    /** The clock a priority's SLA counts on: business hours, or every hour for an around-the-clock target. */
    public BusinessCalendar slaCalendar(Priority priority, ZoneId zone) {
        return sla.get(priority).aroundTheClock() ? BusinessCalendar.aroundTheClock(zone) : calendar(zone);
    }
}
