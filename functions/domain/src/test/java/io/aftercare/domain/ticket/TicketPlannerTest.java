package io.aftercare.domain.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.action.ActionDetail;
import io.aftercare.domain.action.ActionKind;
import io.aftercare.domain.action.DueAction;
import io.aftercare.domain.fakes.TestShops;
import io.aftercare.domain.order.CustomerContact;
import io.aftercare.domain.shop.BusinessCalendar;
import io.aftercare.domain.shop.Priority;
import io.aftercare.domain.shop.Shop;
import io.aftercare.domain.shop.SlaTarget;
import io.aftercare.domain.shop.SupportSettings;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/**
 * The deadlines an open ticket's clocks imply, planned at various moments. A normal complaint opened Monday 10:00 UTC
 * at a shop working weekdays 09:00-17:00: first answer due 12:00 (warning 11:30), resolution due Thursday 10:00
 * (warning Wednesday 12:00), escalations at 11:00, 12:00 and 14:00.
 */
class TicketPlannerTest {

    private static final Instant MONDAY_10 = Instant.parse("2026-11-23T10:00:00Z");
    private static final SupportSettings SUPPORT = SupportSettings.defaults();
    private static final Shop SHOP = TestShops.shop("planner", TestShops.settings(ZoneOffset.UTC, SUPPORT), MONDAY_10);
    private static final BusinessCalendar OFFICE = SUPPORT.slaCalendar(Priority.NORMAL, ZoneOffset.UTC);

    private final TicketPlanner planner = new TicketPlanner();
    private final Ticket open = new TicketLifecycle().opening(SHOP, "c-77", "T-1001", Priority.NORMAL, complaint(), MONDAY_10).ticket();

    @Test
    void givenATicketThatIsNotOpen_whenPlanned_thenNothingIsDue() {
        for (TicketStatus status : TicketStatus.values()) {
            if (status != TicketStatus.OPEN) {
                assertThat(planner.plan(open.withStatus(status), SUPPORT, OFFICE, MONDAY_10)).as(status.name()).isEmpty();
            }
        }
    }

    @Test
    void givenAWarningMomentThatHasPassed_whenPlanned_thenOnlyItsBreachNoticeIsDue() {
        List<DueAction> actions = planner.plan(open, SUPPORT, OFFICE, at("2026-11-23T11:45:00Z"));

        assertThat(actions).filteredOn(a -> a.detail().equals(Optional.of(new ActionDetail.SlaDeadline(SlaTarget.FIRST_RESPONSE, 1))))
                .extracting(DueAction::kind, DueAction::dueAt)
                .containsExactly(tuple(ActionKind.SLA_BREACH, at("2026-11-23T12:00:00Z")));
    }

    @Test
    void givenADeadlineThatHasPassed_whenPlanned_thenItsNoticesAreDueNowRatherThanInThePast() {
        Instant late = at("2026-11-23T16:00:00Z");

        List<DueAction> actions = planner.plan(open, SUPPORT, OFFICE, late);

        assertThat(actions).filteredOn(a -> a.kind() != ActionKind.SLA_WARNING).extracting(DueAction::kind, DueAction::detail, DueAction::dueAt).containsExactly(
                tuple(ActionKind.SLA_BREACH, Optional.of(new ActionDetail.SlaDeadline(SlaTarget.FIRST_RESPONSE, 1)), late),
                tuple(ActionKind.SLA_BREACH, Optional.of(new ActionDetail.SlaDeadline(SlaTarget.RESOLUTION, 1)), at("2026-11-26T10:00:00Z")),
                tuple(ActionKind.ESCALATION, Optional.of(new ActionDetail.Escalation(1, 1)), late),
                tuple(ActionKind.ESCALATION, Optional.of(new ActionDetail.Escalation(2, 1)), late),
                tuple(ActionKind.ESCALATION, Optional.of(new ActionDetail.Escalation(3, 1)), late));
    }

    @Test
    void givenAClockAlreadyBreached_whenPlanned_thenItGetsNoSecondNotice() {
        SlaClock first = open.clock(SlaTarget.FIRST_RESPONSE).orElseThrow();

        List<DueAction> actions = planner.plan(open.replacing(first, first.markBreached()), SUPPORT, OFFICE, MONDAY_10);

        assertThat(actions).extracting(DueAction::detail)
                .doesNotContain(Optional.of(new ActionDetail.SlaDeadline(SlaTarget.FIRST_RESPONSE, 1)));
    }

    @Test
    void givenATicketEscalatedToLevelTwo_whenPlanned_thenOnlyTheThirdStepIsStillDue() {
        List<DueAction> actions = planner.plan(open.withEscalationLevel(2), SUPPORT, OFFICE, MONDAY_10);

        assertThat(actions).filteredOn(a -> a.kind() == ActionKind.ESCALATION).extracting(DueAction::detail, DueAction::dueAt)
                .containsExactly(tuple(Optional.of(new ActionDetail.Escalation(3, 1)), at("2026-11-23T14:00:00Z")));
    }

    @Test
    void givenAResponseClockThatUsedAnHourBeforeAPause_whenTheEscalationIsTimed_thenOnlyWhatIsLeftIsCountedFromTheResume() {
        SlaClock response = SlaClock.start(SlaTarget.FIRST_RESPONSE, 0, Duration.ofHours(2), at("2026-11-23T09:00:00Z"))
                .pause(at("2026-11-23T10:00:00Z"), OFFICE)
                .resume(at("2026-11-23T16:30:00Z"));

        // 2 hours after the start: 1 used, 30 minutes on Monday, 30 more from Tuesday's opening
        assertThat(TicketPlanner.escalationDue(response, Duration.ofHours(2), OFFICE)).isEqualTo(at("2026-11-24T09:30:00Z"));
        assertThat(TicketPlanner.escalationDue(response, Duration.ofMinutes(30), OFFICE)).as("overdue at the resume").isEqualTo(at("2026-11-23T16:30:00Z"));
    }

    @Property(tries = 200)
    void givenAnyMomentInTheTicketsFirstWeek_whenPlanned_thenNothingIsDueBeforeItAndEverythingCarriesTheCurrentPlan(
            @ForAll @LongRange(min = 0, max = 7 * 24 * 60) long minutesLater) {
        Instant now = MONDAY_10.plus(Duration.ofMinutes(minutesLater));

        List<DueAction> actions = planner.plan(open, SUPPORT, OFFICE, now);

        assertThat(actions).allSatisfy(a -> assertThat(a.dueAt()).isAfterOrEqualTo(now));
        assertThat(actions).extracting(DueAction::kind).contains(ActionKind.SLA_BREACH).doesNotContain(ActionKind.TICKET_ACK);
        assertThat(actions).extracting(a -> a.detail().orElseThrow()).allSatisfy(d ->
                assertThat(d).isInstanceOfSatisfying(ActionDetail.Planned.class, p -> assertThat(p.plan()).isEqualTo(open.plan())));
    }

    private static TicketService.NewTicket complaint() {
        return new TicketService.NewTicket(new CustomerContact(new EmailAddress("ola@example.pl"), Optional.of("Ola"), Optional.empty()),
                "Kettle leaks", "It leaks.", Optional.empty(), Optional.empty(), false, Optional.of("77"));
    }

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }
}
