package io.aftercare.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.devkit.AdjustableClock;
import io.aftercare.devkit.DynamoDbExtension;
import io.aftercare.devkit.TestTable;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.action.ActionClass;
import io.aftercare.domain.action.ActionKind;
import io.aftercare.domain.email.EmailKind;
import io.aftercare.domain.action.ActionOutcome;
import io.aftercare.domain.action.ActionQueue;
import io.aftercare.domain.action.ClaimedAction;
import io.aftercare.domain.action.DueAction;
import io.aftercare.domain.action.DailyQuota;
import io.aftercare.domain.action.SendRates;
import io.aftercare.domain.action.Sweep;
import io.aftercare.domain.order.OrderId;
import io.aftercare.domain.timeline.Subject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The sweep over a sharded, classed due index in DynamoDB Local: what it claims, in which order, at which pace. */
@ExtendWith(DynamoDbExtension.class)
class ShardedSweepTest {

    private static final Instant T = Instant.parse("2026-11-23T10:30:00Z");
    private static final ShopId SHOP = new ShopId("sharded-shop");
    private static final ShopId OTHER_SHOP = new ShopId("other-shop");
    /** Bulk rates so high that a sweep's bulk actions all go at once (a delay of 0 s): for what is not about pacing. */
    private static final Sweep.Settings UNPACED = new Sweep.Settings(Sweep.INTERVAL, Sweep.Settings.DEFAULT.budget(),
            Sweep.Settings.DEFAULT.claimConcurrency(), new SendRates(1_000, 1_000));

    /** What the sweep queued, in order, with each batch's delay. */
    private static class Queued implements ActionQueue {
        final List<ClaimedAction> actions = new ArrayList<>();
        final Map<String, Duration> delays = new HashMap<>();

        @Override
        public synchronized void submit(List<ClaimedAction> claimed, Duration delay) {
            actions.addAll(claimed);
            claimed.forEach(action -> delays.put(action.actionId(), delay));
        }

        /** Its workers take each batch as it is queued. */
        @Override
        public long bulkQueued() {
            return 0;
        }

        List<String> ids() {
            return actions.stream().map(ClaimedAction::actionId).toList();
        }
    }

    /** A queue with one worker sending a bulk action a second once it is visible, as a clock's time passes. */
    private static final class WorkedQueue implements ActionQueue {
        private record Message(ClaimedAction action, Instant visibleAt) {
        }

        private final AdjustableClock clock;
        private final DynamoActionStore store;
        private final List<Message> waiting = new ArrayList<>();
        final List<String> sent = new ArrayList<>();
        final List<String> leaseEnded = new ArrayList<>();

        WorkedQueue(AdjustableClock clock, DynamoActionStore store) {
            this.clock = clock;
            this.store = store;
        }

        @Override
        public synchronized void submit(List<ClaimedAction> claimed, Duration delay) {
            claimed.forEach(action -> waiting.add(new Message(action, clock.instant().plus(delay))));
        }

        @Override
        public synchronized long bulkQueued() {
            return waiting.size();
        }

        /** The worker's time passing: each second, the first visible message is sent, if its claim still holds. */
        synchronized void work(Duration time) {
            for (long second = 0; second < time.toSeconds(); second++) {
                clock.advance(Duration.ofSeconds(1));
                waiting.stream().filter(message -> !message.visibleAt().isAfter(clock.instant()))
                        .min(Comparator.comparing(Message::visibleAt)).ifPresent(message -> {
                            waiting.remove(message);
                            ClaimedAction action = message.action();
                            if (!clock.instant().isBefore(action.leaseUntil())) {
                                leaseEnded.add(action.actionId());
                            }
                            store.complete(action, ActionOutcome.sent("m-" + action.actionId()), List.of(), Optional.empty());
                            sent.add(action.actionId());
                        });
            }
        }
    }

    @Test
    void givenActionsWrittenUnderEightShards_whenTheCountDropsToTwo_thenEveryOneIsSweptExactlyOnce(TestTable table) {
        var clock = new AdjustableClock(T);
        var queue = new Queued();
        // a deployment sweeping with eight shards, then redeployed with two
        new Sweep(new DynamoActionStore(table.client(), table.name(), 8), queue, Sweep.Settings.DEFAULT, clock).run();
        List<String> written = new ArrayList<>(schedule(table, 8, "eight-", 120, T.plusSeconds(30)));
        written.addAll(schedule(table, 2, "two-", 40, T.plusSeconds(40)));
        clock.advance(Duration.ofMinutes(1));

        var twoShards = new Sweep(new DynamoActionStore(table.client(), table.name(), 2), queue, Sweep.Settings.DEFAULT, clock);
        var first = twoShards.run();
        clock.advance(Duration.ofMinutes(1));
        var second = twoShards.run();

        assertThat(queue.ids()).containsExactlyInAnyOrderElementsOf(written).doesNotHaveDuplicates();
        assertThat(first.claimed()).isEqualTo(written.size());
        assertThat(second.claimed()).isZero();
    }

    @Test
    void givenActionsWrittenUnderOneShard_whenTheCountGrowsToEight_thenEveryOneIsSweptExactlyOnce(TestTable table) {
        var clock = new AdjustableClock(T);
        var queue = new Queued();
        List<String> written = new ArrayList<>(schedule(table, 1, "one-", 100, T.plusSeconds(30)));
        written.addAll(schedule(table, 8, "eight-", 60, T.plusSeconds(40)));
        clock.advance(Duration.ofMinutes(1));

        var eightShards = new Sweep(new DynamoActionStore(table.client(), table.name(), 8), queue, Sweep.Settings.DEFAULT, clock);
        eightShards.run();
        clock.advance(Duration.ofMinutes(1));
        eightShards.run();

        assertThat(queue.ids()).containsExactlyInAnyOrderElementsOf(written).doesNotHaveDuplicates();
    }

    @Test
    void givenActionsIndexedBeforeClassesAndShards_whenSwept_thenEachIsClaimedOnceInItsClassAndTheOldPartitionEmpties(TestTable table) {
        var clock = new AdjustableClock(T);
        var queue = new Queued();
        var urgent = DueAction.of(ActionKind.TICKET_ACK, new Subject(Subject.Type.TICKET, "old-ticket"), T.minusSeconds(60));
        var bulk = DueAction.of(EmailKind.THANK_YOU.action(), Subject.order(new OrderId("old-order")), T.minusSeconds(60));
        var future = DueAction.of(EmailKind.CHECK_IN.action(), Subject.order(new OrderId("old-order")), T.plus(Duration.ofDays(3)));
        for (DueAction action : List.of(urgent, bulk, future)) {
            var item = new HashMap<>(ActionItems.pending(SHOP, action, T.minus(Duration.ofDays(1)), 1));
            item.put(Keys.DUE_PK, AttributeValue.fromS(Keys.legacyDueBucket(action.dueAt())));
            table.client().putItem(b -> b.tableName(table.name()).item(item));
        }
        var store = new DynamoActionStore(table.client(), table.name(), 4);
        var sweep = new Sweep(store, queue, Sweep.Settings.DEFAULT, clock);

        sweep.run();
        sweep.run();
        assertThat(queue.ids()).containsExactly(urgent.id(), bulk.id());
        assertThat(queue.actions).extracting(action -> action.kind().actionClass()).containsExactly(ActionClass.URGENT, ActionClass.BULK);
        queue.actions.forEach(action -> store.complete(action, ActionOutcome.sent("m-" + action.actionId()), List.of(), Optional.empty()));
        clock.set(T.plus(Duration.ofDays(3)).plusSeconds(1));
        sweep.run();

        assertThat(queue.ids()).containsExactly(urgent.id(), bulk.id(), future.id());
        assertThat(table.client().scan(b -> b.tableName(table.name()).indexName(Keys.INDEX_DUE)).items())
                .noneMatch(entry -> entry.get(Keys.DUE_PK).s().equals(Keys.legacyDueBucket(T))
                        || entry.get(Keys.DUE_PK).s().equals(Keys.legacyDueBucket(future.dueAt())));
    }

    @Test
    void givenABulkBacklogDueBeforeSomeUrgentActions_whenSwept_thenEveryUrgentOneIsQueuedBeforeAnyBulkOne(TestTable table) {
        var clock = new AdjustableClock(T);
        var queue = new Queued();
        List<String> bulk = schedule(table, 4, "wave-", 600, T.minus(Duration.ofMinutes(20)));
        List<String> urgent = urgent(table, "t-", 5, T.minusSeconds(5));

        var result = new Sweep(new DynamoActionStore(table.client(), table.name(), 4), queue, UNPACED, clock).run();

        assertThat(queue.ids().subList(0, 5)).containsExactlyInAnyOrderElementsOf(urgent);
        assertThat(queue.ids().subList(5, queue.ids().size())).containsExactlyInAnyOrderElementsOf(bulk);
        assertThat(queue.delays).allSatisfy((id, delay) -> assertThat(delay).isZero());
        assertThat(result.oldestDue()).containsEntry(ActionClass.URGENT, Duration.ofSeconds(5)).containsEntry(ActionClass.BULK, Duration.ofMinutes(20));
    }

    @Test
    void givenMoreBulkDueThanTheSendRatesAllow_whenSweptEveryMinute_thenEachSweepTakesItsAllowanceSpreadOverTheMinuteAndTheRestWaitsUnlost(TestTable table) {
        var clock = new AdjustableClock(T);
        var queue = new Queued();
        List<String> written = new ArrayList<>(schedule(table, 4, "flash-", 150, T.minusSeconds(30)));
        written.addAll(scheduleFor(table, OTHER_SHOP, "steady-", 10, T.minusSeconds(30)));
        // two a second for the deployment, one a second for a shop: 120 a minute, at most 60 of one shop
        var settings = new Sweep.Settings(Sweep.INTERVAL, Sweep.Settings.DEFAULT.budget(), 4, new SendRates(2, 1));
        var sweep = new Sweep(new DynamoActionStore(table.client(), table.name(), 4), queue, settings, clock);

        var first = sweep.run();
        assertThat(first.claimed()).isEqualTo(70);
        assertThat(queue.actions).filteredOn(action -> action.shop().equals(OTHER_SHOP)).hasSize(10);
        assertThat(queue.delays.values()).allSatisfy(delay -> assertThat(delay).isBetween(Duration.ZERO, Duration.ofSeconds(59)))
                .contains(Duration.ZERO, Duration.ofSeconds(59));
        assertThat(first.deferred()).isPositive();
        for (int minute = 0; minute < 3; minute++) {
            clock.advance(Sweep.INTERVAL);
            assertThat(sweep.run().claimed()).isLessThanOrEqualTo(60);
        }

        assertThat(queue.ids()).containsExactlyInAnyOrderElementsOf(written).doesNotHaveDuplicates();
    }

    @Test
    void givenABacklogFarLargerThanTheRateAllowsAndWorkersAtHalfTheRate_whenSweptEveryMinute_thenEachSweepTopsTheQueueUpToAMinuteOfSendingAndEveryActionIsSentOnceWithinItsLease(
            TestTable table) {
        var clock = new AdjustableClock(T);
        List<String> written = schedule(table, 4, "sale-", 600, T.minusSeconds(30));
        var store = new DynamoActionStore(table.client(), table.name(), 4);
        var queue = new WorkedQueue(clock, store);
        // 120 bulk emails a minute allowed; the worker sends 60
        var sweep = new Sweep(store, queue, new Sweep.Settings(Sweep.INTERVAL, Sweep.Settings.DEFAULT.budget(), 4, new SendRates(2, 2)), clock);

        var first = sweep.run();
        assertThat(first.claimed()).isEqualTo(120);
        assertThat(first.deferred()).as("left due, unclaimed").isPositive();
        queue.work(Sweep.INTERVAL);
        assertThat(sweep.run().claimed()).as("what the worker took: 60 still queued").isEqualTo(60);
        List<Integer> claims = new ArrayList<>();
        for (int minute = 0; minute < 12 && queue.sent.size() < written.size(); minute++) {
            queue.work(Sweep.INTERVAL);
            claims.add(sweep.run().claimed());
            assertThat(queue.bulkQueued()).isLessThanOrEqualTo(120);
        }
        queue.work(Sweep.INTERVAL.multipliedBy(2));

        assertThat(claims).allSatisfy(claimed -> assertThat(claimed).isLessThanOrEqualTo(60));
        assertThat(queue.leaseEnded).as("sent after their lease ended").isEmpty();
        assertThat(queue.sent).containsExactlyInAnyOrderElementsOf(written).doesNotHaveDuplicates();
    }

    @Test
    void givenMoreDueThanOneSweepHasTimeFor_whenSwept_thenItClaimsPageAfterPageUntilItsBudgetIsSpentAndTheNextSweepTakesTheRest(TestTable table) {
        var clock = new AdjustableClock(T);
        List<String> written = schedule(table, 4, "slow-", 500, T.minusSeconds(30));
        var queue = new Queued() {
            @Override
            public synchronized void submit(List<ClaimedAction> claimed, Duration delay) {
                super.submit(claimed, delay);
                clock.advance(Duration.ofSeconds(25)); // each page's claims take 25 s
            }
        };
        var sweep = new Sweep(new DynamoActionStore(table.client(), table.name(), 4), queue, UNPACED, clock);

        var first = sweep.run();
        assertThat(first.claimed()).as("two pages in its 40 s").isBetween(2 * 200, 2 * 200 + 4);
        assertThat(sweep.run(Duration.ofSeconds(9)).claimed()).as("an invocation with less than the margin left claims nothing").isZero();
        sweep.run();

        assertThat(queue.ids()).containsExactlyInAnyOrderElementsOf(written).doesNotHaveDuplicates();
    }

    @Test
    void givenNoBulkActionDue_whenSwept_thenNeitherTheBulkQueueNorTheSesQuotaIsAskedUntilOneIs(TestTable table) {
        var clock = new AdjustableClock(T);
        var queueAsked = new AtomicInteger();
        var queue = new Queued() {
            @Override
            public long bulkQueued() {
                queueAsked.incrementAndGet();
                return 0;
            }
        };
        var quotaAsked = new AtomicInteger();
        var sweep = new Sweep(new DynamoActionStore(table.client(), table.name(), 4), queue, Sweep.Settings.DEFAULT, () -> {
            quotaAsked.incrementAndGet();
            return Optional.empty();
        }, clock);
        List<String> urgent = urgent(table, "idle-t-", 2, T.minusSeconds(5));

        sweep.run(); // urgent work only
        clock.advance(Sweep.INTERVAL);
        sweep.run(); // nothing at all
        assertThat(queue.ids()).containsExactlyInAnyOrderElementsOf(urgent);
        assertThat(queueAsked).as("an idle sweep's SQS request").hasValue(0);
        assertThat(quotaAsked).as("an idle sweep's SES request").hasValue(0);

        List<String> bulk = schedule(table, 4, "idle-b-", 3, clock.instant().minusSeconds(30));
        clock.advance(Sweep.INTERVAL);
        sweep.run();
        assertThat(queue.ids()).containsAll(bulk);
        assertThat(queueAsked).hasValue(1);
        assertThat(quotaAsked).hasValue(1);
    }

    @Test
    void givenTheSesDayQuotaNearlyUsed_whenSwept_thenBulkTakesOnlyWhatKeepsItBelowEightyPercentAndUrgentIsNeverHeldBack(TestTable table) {
        var clock = new AdjustableClock(T);
        var queue = new Queued();
        List<String> bulk = schedule(table, 4, "quota-", 50, T.minusSeconds(30));
        List<String> urgent = urgent(table, "quota-t-", 3, T.minusSeconds(5));
        var quota = new AtomicReference<>(new DailyQuota(1_000, 790));
        var sweep = new Sweep(new DynamoActionStore(table.client(), table.name(), 4), queue, Sweep.Settings.DEFAULT, () -> Optional.of(quota.get()), clock);

        var first = sweep.run();
        assertThat(first.claimed()).as("3 urgent, and 10 bulk up to 800 of 1,000").isEqualTo(13);
        assertThat(queue.ids()).containsAll(urgent);
        assertThat(first.deferred()).isEqualTo(40);

        quota.set(new DailyQuota(1_000, 800));
        List<String> later = urgent(table, "quota-u-", 2, T.plus(Sweep.INTERVAL).minusSeconds(5));
        clock.advance(Sweep.INTERVAL);
        var held = sweep.run();
        assertThat(held.claimed()).as("no bulk at 80%, urgent all the same").isEqualTo(2);
        assertThat(queue.ids()).containsAll(later);

        quota.set(new DailyQuota(1_000, 100)); // the 24 hours rolled on
        clock.advance(Sweep.INTERVAL);
        sweep.run();
        assertThat(queue.ids()).containsAll(bulk).doesNotHaveDuplicates();
        assertThat(new DailyQuota(-1, 1e9).bulkLeft()).as("SES's -1: no daily limit").isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void givenAnUrgentActionFallingDueWhileABulkBacklogIsClaimed_whenTheSweepIsBetweenBulkPages_thenItIsQueuedInThatSweepBeforeTheNextBulkPage(TestTable table) {
        var clock = new AdjustableClock(T);
        List<String> bulk = schedule(table, 4, "backlog-", 600, T.minus(Duration.ofMinutes(10)));
        String escalation = urgent(table, "mid-sweep-", 1, T.plusSeconds(5)).getFirst();
        var queue = new Queued() {
            @Override
            public synchronized void submit(List<ClaimedAction> claimed, Duration delay) {
                super.submit(claimed, delay);
                clock.advance(Duration.ofSeconds(10)); // each page's claims take 10 s
            }
        };

        new Sweep(new DynamoActionStore(table.client(), table.name(), 4), queue, UNPACED, clock).run();

        int at = queue.ids().indexOf(escalation);
        assertThat(at).as("claimed in the sweep it fell due in").isPositive();
        assertThat(queue.ids().subList(0, at)).as("after the first bulk page only").hasSize(200).allMatch(bulk::contains);
        assertThat(queue.ids().subList(at + 1, queue.ids().size())).as("more bulk pages follow").isNotEmpty().allMatch(bulk::contains);
    }

    @Test
    void givenASweepWhosePagesTakeTime_whenItClaimsItsLastPage_thenEachClaimsLeaseRunsFromWhenItWasClaimed(TestTable table) {
        var clock = new AdjustableClock(T);
        schedule(table, 4, "late-", 300, T.minusSeconds(30));
        List<Instant> claimedAt = new ArrayList<>();
        var queue = new Queued() {
            @Override
            public synchronized void submit(List<ClaimedAction> claimed, Duration delay) {
                super.submit(claimed, delay);
                claimed.forEach(action -> claimedAt.add(clock.instant()));
                clock.advance(Duration.ofSeconds(25)); // each page's claims take 25 s
            }
        };

        new Sweep(new DynamoActionStore(table.client(), table.name(), 4), queue, UNPACED, clock).run();

        assertThat(queue.actions).hasSize(300);
        for (int i = 0; i < queue.actions.size(); i++) {
            assertThat(queue.actions.get(i).leaseUntil()).as(queue.actions.get(i).actionId()).isEqualTo(claimedAt.get(i).plus(Sweep.LEASE));
        }
    }

    private static List<String> urgent(TestTable table, String prefix, int count, Instant due) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            var ack = DueAction.of(ActionKind.TICKET_ACK, new Subject(Subject.Type.TICKET, prefix + i), due);
            table.client().putItem(b -> b.tableName(table.name()).item(ActionItems.pending(SHOP, ack, T, 4)));
            ids.add(ack.id());
        }
        return ids;
    }

    private static List<String> schedule(TestTable table, int shards, String prefix, int count, Instant due) {
        return scheduleFor(table, SHOP, prefix, count, due, shards);
    }

    private static List<String> scheduleFor(TestTable table, ShopId shop, String prefix, int count, Instant due) {
        return scheduleFor(table, shop, prefix, count, due, 4);
    }

    private static List<String> scheduleFor(TestTable table, ShopId shop, String prefix, int count, Instant due, int shards) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            var action = DueAction.of(EmailKind.THANK_YOU.action(), Subject.order(new OrderId(prefix + i)), due);
            table.client().putItem(b -> b.tableName(table.name()).item(ActionItems.pending(shop, action, T, shards)));
            ids.add(action.id());
        }
        return ids;
    }
}
