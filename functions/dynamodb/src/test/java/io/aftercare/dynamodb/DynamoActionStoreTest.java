package io.aftercare.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aftercare.devkit.AdjustableClock;
import io.aftercare.devkit.DynamoDbExtension;
import io.aftercare.devkit.TestTable;
import io.aftercare.domain.ChangedMeanwhile;
import io.aftercare.domain.PageRequest;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.action.ActionClass;
import io.aftercare.domain.action.ActionDetail;
import io.aftercare.domain.action.ActionKind;
import io.aftercare.domain.action.ActionOutcome;
import io.aftercare.domain.action.ActionRef;
import io.aftercare.domain.action.ActionStore;
import io.aftercare.domain.action.ActionWorker;
import io.aftercare.domain.action.DueAction;
import io.aftercare.domain.action.DueRef;
import io.aftercare.domain.action.Reason;
import io.aftercare.domain.action.Sweep;
import io.aftercare.domain.email.EmailKind;
import io.aftercare.domain.order.OrderId;
import io.aftercare.domain.recording.OrderRecording;
import io.aftercare.domain.recording.Recording;
import io.aftercare.domain.shop.SlaTarget;
import io.aftercare.domain.timeline.EntryKind;
import io.aftercare.domain.timeline.EntryText;
import io.aftercare.domain.timeline.Phrase;
import io.aftercare.domain.timeline.Subject;
import io.aftercare.domain.timeline.TimelineEntry;
import io.aftercare.domain.timeline.Vocabulary;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DynamoDbExtension.class)
class DynamoActionStoreTest {

    private static final Instant T = Instant.parse("2026-11-23T10:30:00Z");
    private static final ShopId SHOP = new ShopId("actions-shop");

    @Test
    void givenActionsDueNowLaterAndAfterADaysDowntime_whenSwept_thenOnlyTheDueOnesAreReadEvenAcrossTheGap(TestTable table) {
        var store = new DynamoActionStore(table.client(), table.name());
        var recordings = new DynamoRecordingStore(table.client(), table.name());
        schedule(recordings, "now", T);
        schedule(recordings, "in-two-hours", T.plus(Duration.ofHours(2)));
        schedule(recordings, "in-three-days", T.plus(Duration.ofDays(3)));
        for (int i = 0; i < 50; i++) {
            schedule(recordings, "next-month-" + i, T.plus(Duration.ofDays(30)));
        }

        assertThat(ids(store.due(T))).containsExactly("survey#now");
        store.claim(new ActionRef(SHOP, "survey#now"), ActionClass.BULK, T, Duration.ofMinutes(5)).ifPresent(claimed ->
                store.complete(claimed, ActionOutcome.sent("m-1"), List.of(), Optional.empty()));
        // no sweep ran for four days
        assertThat(ids(store.due(T.plus(Duration.ofDays(4))))).containsExactlyInAnyOrder("survey#in-two-hours", "survey#in-three-days");
    }

    @Test
    void givenClaimsAbandonedBeforeAndAfterSendingBegan_whenTakenOver_thenOnlyTheOneTakenOverFromASendSaysSendingHadBegun(TestTable table) {
        var store = new DynamoActionStore(table.client(), table.name());
        var recordings = new DynamoRecordingStore(table.client(), table.name());
        schedule(recordings, "died-claiming", T);
        schedule(recordings, "died-sending", T);
        var claiming = new ActionRef(SHOP, "survey#died-claiming");
        var sending = new ActionRef(SHOP, "survey#died-sending");
        Instant afterLease = T.plus(Duration.ofMinutes(6));

        var first = store.claim(claiming, ActionClass.BULK, T, Duration.ofMinutes(5)).orElseThrow();
        var claimedOnly = store.claim(claiming, ActionClass.BULK, afterLease, Duration.ofMinutes(5)).orElseThrow();
        assertThat(store.beginSending(store.claim(sending, ActionClass.BULK, T, Duration.ofMinutes(5)).orElseThrow(), T)).isTrue();
        var takenOverFromSend = store.claim(sending, ActionClass.BULK, afterLease, Duration.ofMinutes(5)).orElseThrow();

        assertThat(first.sendingBegun()).isFalse();
        assertThat(claimedOnly.sendingBegun()).isFalse();
        assertThat(takenOverFromSend.sendingBegun()).isTrue();
        assertThat(store.held(sending, takenOverFromSend.claimToken()).orElseThrow().sendingBegun()).as("as the worker reads it").isTrue();
    }

    @Test
    void givenAClaimedAction_whenAnotherSweepTriesToClaimIt_thenItCannotUntilTheLeaseRunsOut(TestTable table) {
        var store = new DynamoActionStore(table.client(), table.name());
        schedule(new DynamoRecordingStore(table.client(), table.name()), "contended", T);
        var ref = new ActionRef(SHOP, "survey#contended");

        var first = store.claim(ref, ActionClass.BULK, T, Duration.ofMinutes(5));
        var second = store.claim(ref, ActionClass.BULK, T.plus(Duration.ofMinutes(4)), Duration.ofMinutes(5));
        var afterLease = store.claim(ref, ActionClass.BULK, T.plus(Duration.ofMinutes(6)), Duration.ofMinutes(5));

        assertThat(first).isPresent();
        assertThat(second).isEmpty();
        assertThat(afterLease).isPresent();
        assertThat(afterLease.get().attempt()).isEqualTo(2);
        assertThat(store.held(ref, first.get().claimToken())).as("the first claim is gone").isEmpty();
        assertThat(store.complete(first.get(), ActionOutcome.sent("late"), List.of(), Optional.empty())).isFalse();
    }

    @Test
    void givenAWorkerWhoseLeaseIsNearlyOver_whenItBeginsSending_thenItCannotAndOnlyTheNextSweepsClaimMaySend(TestTable table) {
        var clock = new AdjustableClock(T);
        var store = new DynamoActionStore(table.client(), table.name());
        schedule(new DynamoRecordingStore(table.client(), table.name()), "slow-worker", T);
        var ref = new ActionRef(SHOP, "survey#slow-worker");
        var slow = store.claim(ref, ActionClass.BULK, clock.instant(), Sweep.LEASE).orElseThrow();

        // the message waited, the worker stalled: its lease ends in 30 s, inside the margin a send needs to be recorded
        clock.set(slow.leaseUntil().minusSeconds(30));
        boolean slowSends = store.beginSending(slow, clock.instant());
        clock.set(slow.leaseUntil().plusSeconds(1));
        var next = store.claim(ref, ActionClass.BULK, clock.instant(), Sweep.LEASE).orElseThrow();

        assertThat(slowSends).as("a send begun so late could still be in flight when the next sweep claims it").isFalse();
        assertThat(next.sendingBegun()).as("nothing was sent").isFalse();
        assertThat(store.beginSending(next, clock.instant())).as("the new claim sends, once").isTrue();
        assertThat(store.beginSending(slow, clock.instant())).isFalse();
    }

    @Test
    void givenAnActionClaimedAgainAfterEachLease_whenItIsPostponed_thenItsTriesStartAgainWhileItsAttemptsGoOn(TestTable table) {
        var store = new DynamoActionStore(table.client(), table.name());
        schedule(new DynamoRecordingStore(table.client(), table.name()), "retried", T);
        var ref = new ActionRef(SHOP, "survey#retried");

        store.claim(ref, ActionClass.BULK, T, Duration.ofMinutes(5)).orElseThrow();
        var second = store.claim(ref, ActionClass.BULK, T.plus(Duration.ofMinutes(6)), Duration.ofMinutes(5)).orElseThrow();
        var entry = new TimelineEntry("postponed", Subject.order(new OrderId("retried")), T.plus(Duration.ofMinutes(7)),
                EntryKind.EMAIL_POSTPONED, EntryText.of(Phrase.EMAIL_POSTPONED), Optional.empty());
        assertThat(store.reschedule(second, T.plus(Duration.ofHours(1)), List.of(entry), Optional.empty())).isTrue();
        var afterPostponement = store.claim(ref, ActionClass.BULK, T.plus(Duration.ofHours(1)), Duration.ofMinutes(5)).orElseThrow();

        assertThat(second.tries()).isEqualTo(2);
        assertThat(afterPostponement.tries()).isEqualTo(1);
        assertThat(afterPostponement.attempt()).isEqualTo(3);
    }

    @Test
    void givenRecipientOutcomesRecordedByOneClaim_whenTheNextClaimBeginsSending_thenItIsToldThemAndALostClaimCannotAddAny(TestTable table) {
        var store = new DynamoActionStore(table.client(), table.name());
        schedule(new DynamoRecordingStore(table.client(), table.name()), "notice", T);
        var ref = new ActionRef(SHOP, "survey#notice");
        var first = store.claim(ref, ActionClass.BULK, T, Duration.ofMinutes(5)).orElseThrow();

        assertThat(store.beginSendingToEach(first, T)).contains(Map.of());
        assertThat(store.recordRecipient(first, "a1b2", "sent")).isTrue();
        assertThat(store.recordRecipient(first, "c3d4", "refused: Email address is not verified.")).isTrue();
        var second = store.claim(ref, ActionClass.BULK, T.plus(Duration.ofMinutes(6)), Duration.ofMinutes(5)).orElseThrow();

        assertThat(store.recordRecipient(first, "e5f6", "sent")).as("the first claim is gone").isFalse();
        assertThat(store.beginSendingToEach(second, T.plus(Duration.ofMinutes(6)))).hasValueSatisfying(outcomes -> assertThat(outcomes)
                .containsExactlyInAnyOrderEntriesOf(Map.of("a1b2", "sent", "c3d4", "refused: Email address is not verified.")));
        assertThat(store.beginSendingToEach(second, T.plus(Duration.ofMinutes(6)))).as("sending began already").isEmpty();
        assertThat(store.recordRecipient(second, "e5f6", "sent")).isTrue();
    }

    @Test
    void givenTicketActionsScheduledWithDetails_whenClaimed_thenEachComesBackWithItsTypedDetailWhateverItsIdSays(TestTable table) {
        var store = new DynamoActionStore(table.client(), table.name());
        Subject ticket = new Subject(Subject.Type.TICKET, "c-77");
        List<DueAction> actions = List.of(
                DueAction.of(ActionKind.SLA_WARNING, ticket, new ActionDetail.SlaDeadline(SlaTarget.NEXT_RESPONSE, 4), T),
                DueAction.of(ActionKind.ESCALATION, ticket, new ActionDetail.Escalation(2, 3), T),
                DueAction.of(ActionKind.TICKET_REPLY, ticket, new ActionDetail.Reply(7), T),
                DueAction.of(EmailKind.CSAT_SURVEY.action(), ticket, new ActionDetail.Resolution(9, T.minusSeconds(86_400)), T),
                // an id that names no detail: only the stored attributes can tell it
                new DueAction("sla-breach#c-77", ActionKind.SLA_BREACH, ticket, Optional.of(new ActionDetail.SlaDeadline(SlaTarget.RESOLUTION, 9)), T),
                DueAction.of(ActionKind.TICKET_ACK, ticket, T));
        actions.forEach(action -> table.client().putItem(b -> b.tableName(table.name()).item(ActionItems.pending(SHOP, action, T, DynamoActionStore.DEFAULT_DUE_SHARDS))));

        for (DueAction action : actions) {
            var claimed = store.claim(new ActionRef(SHOP, action.id()), action.kind().actionClass(), T, Duration.ofMinutes(5)).orElseThrow();
            assertThat(claimed.detail()).as(action.id()).isEqualTo(action.detail());
            assertThat(store.held(claimed.ref(), claimed.claimToken()).orElseThrow().detail()).as(action.id()).isEqualTo(action.detail());
        }
    }

    @Test
    void givenTicketActionsStoredBeforeTheirDetailsWereAttributes_whenClaimed_thenNoDetailIsGuessedFromTheirIds(TestTable table) {
        var store = new DynamoActionStore(table.client(), table.name());
        List<DueAction> legacy = legacyTicketActions();
        legacy.forEach(old -> table.client().putItem(b -> b.tableName(table.name()).item(ActionItems.pending(SHOP, old, T, DynamoActionStore.DEFAULT_DUE_SHARDS))));

        legacy.forEach(old -> assertThat(store.claim(new ActionRef(SHOP, old.id()), old.kind().actionClass(), T, Duration.ofMinutes(5)).orElseThrow().detail())
                .as(old.id()).isEmpty());
    }

    @Test
    void givenAMessageThatCameBackAfterItsClaimsLeaseRanOut_whenHandled_thenItIsStaleWithoutRunningAndTheNextSweepClaimsTheActionAgain(TestTable table) {
        var store = new DynamoActionStore(table.client(), table.name());
        DueAction thanks = DueAction.of(EmailKind.THANK_YOU.action(), Subject.order(new OrderId("late-message")), T);
        table.client().putItem(b -> b.tableName(table.name()).item(ActionItems.pending(SHOP, thanks, T, DynamoActionStore.DEFAULT_DUE_SHARDS)));
        var claimed = store.claim(new ActionRef(SHOP, thanks.id()), thanks.kind().actionClass(), T, Duration.ofMinutes(5)).orElseThrow();
        ActionWorker.Runner never = action -> {
            throw new AssertionError("ran " + action.actionId());
        };
        Instant late = claimed.leaseUntil();

        var done = new ActionWorker(store, never, never, never, never, never, Clock.fixed(late, ZoneOffset.UTC)).handle(claimed);

        assertThat(done.result()).isEqualTo(ActionWorker.Result.of(ActionWorker.Handled.STALE));
        assertThat(store.claim(new ActionRef(SHOP, thanks.id()), thanks.kind().actionClass(), late.plusSeconds(1), Duration.ofMinutes(5)))
                .as("claimed afresh, one attempt on").hasValueSatisfying(again -> assertThat(again.tries()).isEqualTo(claimed.tries() + 1));
    }

    @Test
    void givenARunThatLosesARaceOnItsTicket_whenHandled_thenItRunsAgainAtOnceOnAFreshReadAndAPersistentRaceIsLeftToTheRedelivery(TestTable table) {
        var store = new DynamoActionStore(table.client(), table.name());
        DueAction warning = DueAction.of(ActionKind.SLA_WARNING, new Subject(Subject.Type.TICKET, "c-raced"),
                new ActionDetail.SlaDeadline(SlaTarget.FIRST_RESPONSE, 1), T);
        DueAction breach = DueAction.of(ActionKind.SLA_BREACH, new Subject(Subject.Type.TICKET, "c-raced"),
                new ActionDetail.SlaDeadline(SlaTarget.FIRST_RESPONSE, 1), T);
        for (DueAction action : List.of(warning, breach)) {
            table.client().putItem(b -> b.tableName(table.name()).item(ActionItems.pending(SHOP, action, T, DynamoActionStore.DEFAULT_DUE_SHARDS)));
        }
        List<String> runs = new ArrayList<>();
        ActionWorker.Runner racingTwice = action -> {
            runs.add(action.actionId());
            if (action.actionId().equals(breach.id()) || runs.size() < 3) {
                throw new ChangedMeanwhile("ticket c-raced was changed meanwhile");
            }
            return ActionWorker.Result.of(ActionWorker.Handled.SENT);
        };
        var worker = new ActionWorker(store, racingTwice, racingTwice, racingTwice, racingTwice, racingTwice, Clock.fixed(T, ZoneOffset.UTC));

        var done = worker.handle(store.claim(new ActionRef(SHOP, warning.id()), warning.kind().actionClass(), T, Duration.ofMinutes(5)).orElseThrow());
        var raced = store.claim(new ActionRef(SHOP, breach.id()), breach.kind().actionClass(), T, Duration.ofMinutes(5)).orElseThrow();

        assertThat(done.result()).isEqualTo(ActionWorker.Result.of(ActionWorker.Handled.SENT));
        assertThat(runs).as("two lost races, then run through").containsExactly(warning.id(), warning.id(), warning.id());
        runs.clear();
        assertThatThrownBy(() -> worker.handle(raced)).isInstanceOf(ChangedMeanwhile.class);
        assertThat(runs).hasSize(ActionWorker.RACE_RUNS);
    }

    @Test
    void givenAnUnmigratedSlaBreach_whenItsWorkerHandlesIt_thenItEndsFailedWithoutRunningAndItsTicketsTimelineSaysWhy(TestTable table) {
        var store = new DynamoActionStore(table.client(), table.name());
        DueAction breach = new DueAction("sla-breach#c-unmigrated~first-response~p2", ActionKind.SLA_BREACH,
                new Subject(Subject.Type.TICKET, "c-unmigrated"), T);
        table.client().putItem(b -> b.tableName(table.name()).item(ActionItems.pending(SHOP, breach, T, DynamoActionStore.DEFAULT_DUE_SHARDS)));
        var claimed = store.claim(new ActionRef(SHOP, breach.id()), breach.kind().actionClass(), T, Duration.ofMinutes(5)).orElseThrow();
        ActionWorker.Runner never = action -> {
            throw new AssertionError("ran " + action.actionId());
        };

        var done = new ActionWorker(store, never, never, never, never, never, Clock.fixed(T, ZoneOffset.UTC)).handle(claimed.ref(), claimed.claimToken());

        assertThat(done.result()).isEqualTo(ActionWorker.Result.of(ActionWorker.Handled.FAILED, Reason.DETAIL_MISSING));
        assertThat(done.result().abandoned()).as("counted as abandoned").isTrue();
        var item = table.client().getItem(b -> b.tableName(table.name()).key(Keys.actionItem(SHOP, breach.id()))).item();
        assertThat(item.get("result").s()).isEqualTo("failed");
        assertThat(item.get("reason").s()).isEqualTo("DETAIL_MISSING");
        assertThat(store.due(T.plus(Duration.ofDays(1))).next(ActionClass.URGENT, 10)).isEmpty();
        var entries = new DynamoTimelineReader(table.client(), table.name()).ticketTimeline(SHOP, "c-unmigrated", PageRequest.first(10)).items();
        assertThat(entries).singleElement().satisfies(entry -> {
            assertThat(entry.kind()).isEqualTo(EntryKind.EMAIL_FAILED);
            assertThat(((EntryText.Phrased) entry.text()).params().get("reason")).isEqualTo(Vocabulary.REASON.code(Reason.DETAIL_MISSING));
        });
    }

    /** Ticket actions as they were written before their details were attributes: the detail only in the id. */
    static List<DueAction> legacyTicketActions() {
        Subject ticket = new Subject(Subject.Type.TICKET, "c-legacy~1");
        return List.of(
                new DueAction("sla-warning#c-legacy~1~first-response~p2", ActionKind.SLA_WARNING, ticket, T),
                new DueAction("sla-breach#c-legacy~1~next-response~p11", ActionKind.SLA_BREACH, ticket, T),
                new DueAction("escalation#c-legacy~1~3~p5", ActionKind.ESCALATION, ticket, T),
                new DueAction("ticket-reply#c-legacy~1~12", ActionKind.TICKET_REPLY, ticket, T));
    }

    private static void schedule(DynamoRecordingStore store, String id, Instant due) {
        var action = DueAction.of(EmailKind.SURVEY.action(), Subject.order(new OrderId(id)), due);
        store.record(new Recording(SHOP, "generic:" + id, "test", T, Optional.of(new OrderRecording(new OrderId(id), T, Optional.empty(),
                List.of(), List.of(), List.of(action), Optional.empty(), Optional.empty())), Optional.empty()));
    }

    /** Every action a sweep opened now would read, of both classes. */
    private static List<String> ids(ActionStore.DueActions due) {
        List<String> ids = new ArrayList<>();
        for (ActionClass actionClass : ActionClass.values()) {
            for (var page = due.next(actionClass, 100); !page.isEmpty(); page = due.next(actionClass, 100)) {
                page.stream().map(DueRef::ref).filter(r -> r.shop().equals(SHOP)).map(ActionRef::actionId).forEach(ids::add);
            }
        }
        return ids;
    }
}
