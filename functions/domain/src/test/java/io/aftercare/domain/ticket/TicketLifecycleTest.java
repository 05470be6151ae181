package io.aftercare.domain.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.InvalidInput;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.action.ActionDetail;
import io.aftercare.domain.action.ActionKind;
import io.aftercare.domain.action.DueAction;
import io.aftercare.domain.email.EmailKind;
import io.aftercare.domain.order.CustomerContact;
import io.aftercare.domain.shop.Branding;
import io.aftercare.domain.shop.DiscountTemplate;
import io.aftercare.domain.shop.Language;
import io.aftercare.domain.shop.Platform;
import io.aftercare.domain.shop.Priority;
import io.aftercare.domain.shop.Secret;
import io.aftercare.domain.shop.Shop;
import io.aftercare.domain.shop.ShopSettings;
import io.aftercare.domain.shop.SlaTarget;
import io.aftercare.domain.shop.SupportSettings;
import io.aftercare.domain.shop.WebhookSecrets;
import io.aftercare.domain.timeline.EntryText;
import io.aftercare.domain.timeline.Phrase;
import io.aftercare.domain.timeline.TimelineEntry;
import io.aftercare.domain.timeline.Vocabulary;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The ticket's lifecycle without storage: a ticket and what happened to it in, the change to write out. The shop works
 * weekdays 09:00-17:00 UTC with the default targets (a normal complaint: first answer within 2 business hours,
 * resolution within 24, escalations after 1, 2 and 4); it is Monday 10:00.
 */
class TicketLifecycleTest {

    private static final Instant MONDAY_10 = Instant.parse("2026-11-23T10:00:00Z");
    private static final Shop SHOP = shop(SupportSettings.defaults());

    private final TicketLifecycle lifecycle = new TicketLifecycle();

    @Test
    void givenANewComplaint_whenOpened_thenItIsOpenWithItsClocksAnAcknowledgementAndEveryDeadlineOfItsFirstPlan() {
        TicketChange change = opened(SHOP);

        assertThat(change.ticket().status()).isEqualTo(TicketStatus.OPEN);
        assertThat(change.ticket().clocks()).extracting(SlaClock::target).containsExactly(SlaTarget.FIRST_RESPONSE, SlaTarget.RESOLUTION);
        assertThat(change.openComplaintsDelta()).isEqualTo(1);
        assertThat(change.actions()).extracting(DueAction::kind, DueAction::detail, DueAction::dueAt).containsExactly(
                tuple(ActionKind.TICKET_ACK, Optional.empty(), MONDAY_10),
                tuple(ActionKind.SLA_WARNING, Optional.of(new ActionDetail.SlaDeadline(SlaTarget.FIRST_RESPONSE, 1)), at("2026-11-23T11:30:00Z")),
                tuple(ActionKind.SLA_BREACH, Optional.of(new ActionDetail.SlaDeadline(SlaTarget.FIRST_RESPONSE, 1)), at("2026-11-23T12:00:00Z")),
                tuple(ActionKind.SLA_WARNING, Optional.of(new ActionDetail.SlaDeadline(SlaTarget.RESOLUTION, 1)), at("2026-11-25T12:00:00Z")),
                tuple(ActionKind.SLA_BREACH, Optional.of(new ActionDetail.SlaDeadline(SlaTarget.RESOLUTION, 1)), at("2026-11-26T10:00:00Z")),
                tuple(ActionKind.ESCALATION, Optional.of(new ActionDetail.Escalation(1, 1)), at("2026-11-23T11:00:00Z")),
                tuple(ActionKind.ESCALATION, Optional.of(new ActionDetail.Escalation(2, 1)), at("2026-11-23T12:00:00Z")),
                tuple(ActionKind.ESCALATION, Optional.of(new ActionDetail.Escalation(3, 1)), at("2026-11-23T14:00:00Z")));
        assertThat(change.entries()).extracting(TimelineEntry::text).first().isEqualTo(EntryText.of(Phrase.TICKET_OPENED).text("ticket", "T-1001")
                .code("priority", Vocabulary.PRIORITY, Priority.NORMAL).text("subject", "Kettle leaks").moment("due", at("2026-11-23T12:00:00Z"), ZoneOffset.UTC));
    }

    @Test
    void givenATicketPausedAfterHalfAnHour_whenTheCustomerWritesLater_thenItIsOpenAgainAndItsDeadlinesAreReplannedFromWhatWasLeft() {
        Ticket open = opened(SHOP).ticket();
        Ticket pending = lifecycle.change(SHOP, open, status(TicketStatus.PENDING), "agent", at("2026-11-23T10:30:00Z")).orElseThrow().ticket();

        TicketChange wrote = lifecycle.customerWrote(SHOP, pending, "Any news?", MessageNotes.NONE, at("2026-11-23T14:00:00Z"));

        assertThat(pending.status()).isEqualTo(TicketStatus.PENDING);
        assertThat(pending.plan()).isEqualTo(2);
        assertThat(pending.runningResponseClock()).as("paused").isEmpty();
        assertThat(wrote.ticket().status()).isEqualTo(TicketStatus.OPEN);
        assertThat(wrote.ticket().plan()).isEqualTo(3);
        assertThat(wrote.ticket().version()).isEqualTo(3);
        assertThat(wrote.openComplaintsDelta()).as("pending was still an open complaint").isZero();
        // 30 minutes were used before the pause: 90 are left from 14:00
        assertThat(wrote.actions()).filteredOn(a -> a.kind() == ActionKind.SLA_BREACH).extracting(DueAction::detail, DueAction::dueAt)
                .contains(tuple(Optional.of(new ActionDetail.SlaDeadline(SlaTarget.FIRST_RESPONSE, 3)), at("2026-11-23T15:30:00Z")));
    }

    @Test
    void givenAResolvedTicket_whenTheCustomerWrites_thenItReopensWithANewResolutionClockAndCountsAsAnOpenComplaintAgain() {
        Ticket open = opened(SHOP).ticket();
        Ticket resolved = lifecycle.change(SHOP, open, status(TicketStatus.RESOLVED), "agent", at("2026-11-23T11:00:00Z")).orElseThrow().ticket();

        TicketChange wrote = lifecycle.customerWrote(SHOP, resolved, "It leaks again", MessageNotes.NONE, at("2026-11-24T09:00:00Z"));

        assertThat(resolved.resolvedAt()).contains(at("2026-11-23T11:00:00Z"));
        assertThat(wrote.ticket().status()).isEqualTo(TicketStatus.OPEN);
        assertThat(wrote.ticket().resolvedAt()).isEmpty();
        assertThat(wrote.openComplaintsDelta()).isEqualTo(1);
        assertThat(wrote.ticket().clock(SlaTarget.RESOLUTION).orElseThrow().cycle()).isEqualTo(1);
        assertThat(wrote.ticket().clock(SlaTarget.NEXT_RESPONSE)).hasValueSatisfying(c -> assertThat(c.isRunning()).isTrue());
        assertThat(wrote.entries()).extracting(TimelineEntry::text).contains(EntryText.of(Phrase.TICKET_REOPENED));
    }

    @Test
    void givenAnOpenTicket_whenAnAgentReplies_thenTheFirstResponseIsMetAndADueActionSendsTheReplyToTheVersionItAnswered() {
        Ticket open = opened(SHOP).ticket();

        TicketChange reply = lifecycle.reply(SHOP, open, "Ann", "We are sending a new kettle.", at("2026-11-23T10:45:00Z"));

        assertThat(reply.ticket().clock(SlaTarget.FIRST_RESPONSE).orElseThrow().metAt()).contains(at("2026-11-23T10:45:00Z"));
        assertThat(reply.ticket().firstResponseAt()).contains(at("2026-11-23T10:45:00Z"));
        assertThat(reply.ticket().version()).isEqualTo(2);
        assertThat(reply.actions()).filteredOn(a -> a.kind() == ActionKind.TICKET_REPLY).singleElement()
                .satisfies(a -> assertThat(a.detail()).contains(new ActionDetail.Reply(1)));
        assertThat(reply.actions()).as("no response is awaited: no escalation").noneMatch(a -> a.kind() == ActionKind.ESCALATION);
        assertThat(reply.reply()).contains(new TicketReply(1, "We are sending a new kettle."));
        assertThat(reply.entries()).extracting(TimelineEntry::text).containsExactly(EntryText.of(Phrase.AGENT_REPLIED).text("agent", "Ann")
                .text("excerpt", "We are sending a new kettle.").code("target", Vocabulary.SLA, SlaTarget.FIRST_RESPONSE));
    }

    @Test
    void givenAClosedTicketOrAnEmptyReply_whenAnAgentReplies_thenItIsRefused() {
        Ticket closed = lifecycle.change(SHOP, opened(SHOP).ticket(), status(TicketStatus.CLOSED), "agent", MONDAY_10).orElseThrow().ticket();

        assertThatThrownBy(() -> lifecycle.reply(SHOP, closed, "Ann", "Hello", MONDAY_10)).isInstanceOf(InvalidInput.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> lifecycle.reply(SHOP, opened(SHOP).ticket(), "Ann", "  ", MONDAY_10)).isInstanceOf(InvalidInput.class);
    }

    @Test
    void givenAClosedTicket_whenAnAgentReopensIt_thenTheTransitionIsRefused() {
        Ticket closed = lifecycle.change(SHOP, opened(SHOP).ticket(), status(TicketStatus.CLOSED), "agent", MONDAY_10).orElseThrow().ticket();

        assertThatThrownBy(() -> lifecycle.change(SHOP, closed, status(TicketStatus.OPEN), "agent", MONDAY_10))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("a closed ticket cannot become open");
    }

    @Test
    void givenAChangeToWhatTheTicketAlreadyIs_whenChanged_thenThereIsNothingToWrite() {
        Ticket open = opened(SHOP).ticket();

        var same = new TicketService.Changes(Optional.of(TicketStatus.OPEN), Optional.of(Priority.NORMAL), Optional.empty());

        assertThat(lifecycle.change(SHOP, open, same, "agent", MONDAY_10)).isEmpty();
    }

    @Test
    void givenANewPriority_whenChanged_thenRunningClocksTakeItsTargetsAndTheDeadlinesAreReplanned() {
        Ticket open = opened(SHOP).ticket();

        TicketChange urgent = lifecycle.change(SHOP, open, new TicketService.Changes(Optional.empty(), Optional.of(Priority.URGENT), Optional.empty()),
                "agent", MONDAY_10).orElseThrow();

        assertThat(urgent.ticket().priority()).isEqualTo(Priority.URGENT);
        assertThat(urgent.ticket().clock(SlaTarget.FIRST_RESPONSE).orElseThrow().budget()).isEqualTo(Duration.ofHours(1));
        assertThat(urgent.actions()).filteredOn(a -> a.kind() == ActionKind.SLA_BREACH).extracting(DueAction::detail)
                .containsOnly(Optional.of(new ActionDetail.SlaDeadline(SlaTarget.FIRST_RESPONSE, 2)), Optional.of(new ActionDetail.SlaDeadline(SlaTarget.RESOLUTION, 2)));
        assertThat(urgent.entries()).extracting(TimelineEntry::text).containsExactly(EntryText.of(Phrase.TICKET_CHANGED).text("agent", "agent")
                .code("priorityFrom", Vocabulary.PRIORITY, Priority.NORMAL).code("priorityTo", Vocabulary.PRIORITY, Priority.URGENT));
    }

    @Test
    void givenABreachedTicketAndAShopGoodwillDiscount_whenResolvedTwice_thenTheCustomerGetsOneGoodwillCode() {
        Shop generous = shop(SupportSettings.defaults().withGoodwill(Optional.of(new DiscountTemplate("SORRY-", 15))));
        Ticket open = opened(generous).ticket();
        SlaClock first = open.clock(SlaTarget.FIRST_RESPONSE).orElseThrow();
        Ticket breached = open.replacing(first, first.markBreached());

        TicketChange resolved = lifecycle.change(generous, breached, status(TicketStatus.RESOLVED), "agent", at("2026-11-23T15:00:00Z")).orElseThrow();
        Ticket reopened = lifecycle.customerWrote(generous, resolved.ticket(), "Still broken", MessageNotes.NONE, at("2026-11-24T09:00:00Z")).ticket();
        TicketChange resolvedAgain = lifecycle.change(generous, reopened, status(TicketStatus.RESOLVED), "agent", at("2026-11-24T10:00:00Z")).orElseThrow();

        assertThat(resolved.actions()).extracting(DueAction::kind).containsExactly(ActionKind.GOODWILL);
        assertThat(resolved.ticket().compensated()).isTrue();
        assertThat(resolved.openComplaintsDelta()).isEqualTo(-1);
        assertThat(resolvedAgain.actions()).extracting(DueAction::kind).doesNotContain(ActionKind.GOODWILL);
    }

    private TicketChange opened(Shop shop) {
        var complaint = new TicketService.NewTicket(new CustomerContact(new EmailAddress("ola@example.pl"), Optional.of("Ola"), Optional.empty()),
                "Kettle leaks", "It leaks   from the bottom.", Optional.empty(), Optional.empty(), false, Optional.of("77"));
        return lifecycle.opening(shop, TicketId.ofComplaint("77"), "T-1001", Priority.NORMAL, complaint, MONDAY_10);
    }

    @Test
    void givenAnAnsweredTicket_whenResolved_thenItsSatisfactionSurveyIsDueADayLaterKeyedByTheVersionThatResolvedIt() {
        Ticket answered = lifecycle.reply(SHOP, opened(SHOP).ticket(), "Ann", "A new kettle is on its way.", at("2026-11-23T10:45:00Z")).ticket();

        TicketChange resolved = lifecycle.change(SHOP, answered, status(TicketStatus.RESOLVED), "Ann", at("2026-11-23T11:00:00Z")).orElseThrow();

        var survey = EmailKind.CSAT_SURVEY.action();
        assertThat(resolved.actions()).filteredOn(a -> a.kind().equals(survey)).extracting(DueAction::id, DueAction::detail, DueAction::dueAt)
                .containsExactly(tuple("csat-survey#c-77~" + resolved.ticket().version(),
                        Optional.of(new ActionDetail.Resolution(resolved.ticket().version(), at("2026-11-23T11:00:00Z"))), at("2026-11-24T11:00:00Z")));
    }

    @Test
    void givenATicketNoAgentAnsweredOrAShopWithoutTheSurvey_whenResolved_thenNoSatisfactionSurveyIsDue() {
        Shop withoutSurvey = shop(SupportSettings.defaults().withCsatSurvey(false));
        Ticket answered = lifecycle.reply(withoutSurvey, opened(withoutSurvey).ticket(), "Ann", "On its way.", at("2026-11-23T10:45:00Z")).ticket();

        var unanswered = lifecycle.change(SHOP, opened(SHOP).ticket(), status(TicketStatus.RESOLVED), "Aftercare", at("2026-11-23T11:00:00Z"));
        var off = lifecycle.change(withoutSurvey, answered, status(TicketStatus.RESOLVED), "Ann", at("2026-11-23T11:00:00Z"));

        assertThat(unanswered.orElseThrow().actions()).noneMatch(a -> a.kind().equals(EmailKind.CSAT_SURVEY.action()));
        assertThat(off.orElseThrow().actions()).noneMatch(a -> a.kind().equals(EmailKind.CSAT_SURVEY.action()));
    }

    private static TicketService.Changes status(TicketStatus status) {
        return new TicketService.Changes(Optional.of(status), Optional.empty(), Optional.empty());
    }

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }

    private static Shop shop(SupportSettings support) {
        var settings = new ShopSettings(Platform.GENERIC, "Kettle House", new EmailAddress("hello@kettlehouse.example"),
                new EmailAddress("help@kettlehouse.example"), Language.EN, ZoneOffset.UTC, Duration.ofDays(60), Duration.ofDays(7),
                Duration.ofDays(4), Optional.empty(), Branding.DEFAULT, support);
        return new Shop(new ShopId("lifecycle"), settings, WebhookSecrets.of(new Secret("s".repeat(Secret.MIN_LENGTH))), MONDAY_10, MONDAY_10, 1);
    }
}
