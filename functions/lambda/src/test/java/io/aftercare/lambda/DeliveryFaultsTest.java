package io.aftercare.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import io.aftercare.devkit.DynamoDbExtension;
import io.aftercare.devkit.FaultProxy;
import io.aftercare.devkit.SesEmulator;
import io.aftercare.devkit.SesEmulatorExtension;
import io.aftercare.devkit.SesMailbox;
import io.aftercare.devkit.TestTable;
import io.aftercare.domain.action.ActionWorker;
import io.aftercare.domain.action.Sweep;
import io.aftercare.lambda.queue.ActionMessages;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.model.Message;

/** What happens when SES throttles, fails or refuses, and when a worker dies holding a claim: nothing is lost or sent twice. */
@ExtendWith({DynamoDbExtension.class, SesEmulatorExtension.class})
class DeliveryFaultsTest {

    private static SesMailbox ses;
    private static FaultProxy proxy;
    private static Harness aftercare;

    @BeforeAll
    static void start(TestTable table, SesMailbox mailbox) {
        ses = mailbox;
        proxy = new FaultProxy(mailbox.endpoint());
        aftercare = new Harness(table, Instant.parse("2026-11-23T10:00:00Z"), () -> SesEmulator.client(proxy.endpoint()));
        aftercare.registerShop("faulty-shop", "generic");
    }

    @AfterAll
    static void stop() {
        proxy.close();
    }

    @BeforeEach
    void heal() {
        proxy.heal();
    }

    @Test
    void givenSesThrottlingTwice_whenTheThankYouIsSent_thenTheSdkRetriesWithBackoffAndOneEmailArrives() {
        order("T-1", "throttled-once@example.com");
        proxy.failNext(2, FaultProxy.Fault.throttling());

        var response = aftercare.sweepAndWork();

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(ses.emailsTo("throttled-once@example.com")).hasSize(1);
        assertThat(summaries("T-1")).contains("Thank-you email sent in English");
    }

    @Test
    void givenSesThrottlingFarLongerThanTheSdkRetries_whenItStops_thenTheActionIsRetriedLaterAndSentOnce() {
        order("T-2", "throttled-long@example.com");
        proxy.failNext(Integer.MAX_VALUE, FaultProxy.Fault.throttling());

        var failed = aftercare.sweepAndWork();
        assertThat(failed.getBatchItemFailures()).hasSize(1);
        assertThat(ses.emailsTo("throttled-long@example.com")).isEmpty();

        proxy.heal();
        aftercare.clock.advance(Sweep.LEASE.plus(Duration.ofSeconds(1)));
        aftercare.sweepAndWork();

        assertThat(ses.emailsTo("throttled-long@example.com")).hasSize(1);
    }

    @Test
    void givenSesAcceptingEverySendButEveryWorkerDyingBeforeItHearsSo_whenTheAttemptsRunOut_thenItIsFailedAndTheTimelineSaysItMayHaveBeenSent() {
        order("T-6", "maybe-sent@example.com");
        proxy.forwardThenFailNext(Integer.MAX_VALUE);

        for (int claim = 0; claim <= ActionWorker.MAX_ATTEMPTS; claim++) {
            aftercare.sweepAndWork();
            aftercare.clock.advance(Sweep.LEASE.plus(Duration.ofSeconds(1)));
        }
        proxy.heal();
        aftercare.sweepAndWork();

        assertThat(ses.emailsTo("maybe-sent@example.com")).isNotEmpty();
        assertThat(summaries("T-6")).contains("Thank-you email given up: it did not finish in " + ActionWorker.MAX_ATTEMPTS
                + " attempts; it may have been sent: its last attempt had begun sending");
    }

    @Test
    void givenABatchOfTenWhereSesThrottlesOneRecipientForGood_whenItRuns_thenExactlyThatMessageIsReportedAndRetriedAndTheOtherNineAreSentOnce() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 10; i++) {
            order("P" + run + "-" + i, "partial-" + run + "-" + i + "@example.com");
        }
        proxy.failRequestsTo("partial-" + run + "-3@example.com", FaultProxy.Fault.throttling());
        aftercare.app.sweep().run();
        List<Message> batch = aftercare.receive();
        assertThat(batch).hasSize(10);

        SQSBatchResponse response = aftercare.work(batch);

        String stuck = batch.stream().filter(m -> ActionMessages.read(m.body()).ref().actionId().endsWith("P" + run + "-3"))
                .findFirst().orElseThrow().messageId();
        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier).containsExactly(stuck);
        assertThat(ses.emailsTo("partial-" + run + "-3@example.com")).isEmpty();
        for (int i = 0; i < 10; i++) {
            if (i != 3) {
                assertThat(ses.emailsTo("partial-" + run + "-" + i + "@example.com")).as("order " + i).hasSize(1);
            }
        }
        proxy.heal();
        aftercare.clock.advance(Sweep.LEASE.plus(Duration.ofSeconds(1)));
        aftercare.sweepAndWork();
        assertThat(ses.emailsTo("partial-" + run + "-3@example.com")).as("the retried one, once SES lets it through").hasSize(1);
        assertThat(ses.emailsTo("partial-" + run + "-0@example.com")).as("the others, not again").hasSize(1);
    }

    @Test
    void givenSesRefusingTheEmailForGood_whenSent_thenItIsRecordedAsFailedAndNeverRetried() {
        order("T-3", "refused@example.com");
        proxy.failNext(1, FaultProxy.Fault.rejected());

        var response = aftercare.sweepAndWork();
        int requestsAfterRefusal = proxy.requests();
        aftercare.clock.advance(Duration.ofHours(1));
        aftercare.sweepAndWork();

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(proxy.requests()).isEqualTo(requestsAfterRefusal);
        assertThat(summaries("T-3")).contains("Thank-you email not sent: the mail service refused it (Email address is not verified.)");
    }

    @Test
    void givenAWorkerThatDiedHoldingAClaim_whenTheLeaseRunsOut_thenTheNextSweepClaimsItAgainAndTheOldMessageIsIgnored() {
        order("T-4", "abandoned@example.com");
        aftercare.app.sweep().run();
        var abandoned = aftercare.receive(); // the worker died holding it: nothing ran, nothing was deleted
        List<String> lostMessages = abandoned.stream().map(m -> ActionMessages.read(m.body()).claimToken()).toList();

        aftercare.clock.advance(Sweep.LEASE.plus(Duration.ofSeconds(1)));
        aftercare.sweepAndWork();
        aftercare.visibilityTimeoutEnds(abandoned); // SQS delivers the dead worker's message again
        var redelivered = aftercare.work();

        assertThat(lostMessages).hasSize(1);
        assertThat(ses.emailsTo("abandoned@example.com")).hasSize(1);
        assertThat(redelivered.getBatchItemFailures()).as("the stale claim is done with, not retried").isEmpty();
        assertThat(aftercare.queued()).isZero();
    }

    @Test
    void givenSqsDeliveringTheSameMessageToTwoWorkersAtOnce_whenBothRunIt_thenOneEmailIsSent() throws Exception {
        for (int i = 0; i < 20; i++) {
            order("D-" + i, "twice-delivered-" + i + "@example.com");
        }
        aftercare.app.sweep().run();
        var first = aftercare.receive();
        aftercare.visibilityTimeoutEnds(first); // before the first worker is done with them
        var second = aftercare.receive();
        assertThat(second).extracting(Message::messageId).containsExactlyInAnyOrderElementsOf(first.stream().map(Message::messageId).toList());
        var deliveries = List.of(first, second);

        var start = new java.util.concurrent.CountDownLatch(1);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        List<java.util.concurrent.Future<?>> workers = new ArrayList<>();
        for (var delivery : deliveries) {
            workers.add(pool.submit(() -> {
                start.await();
                return aftercare.work(delivery); // each worker gets every message
            }));
        }
        start.countDown();
        for (var worker : workers) {
            worker.get();
        }
        pool.shutdown();

        for (int i = 0; i < 20; i++) {
            assertThat(ses.emailsTo("twice-delivered-" + i + "@example.com")).as("order D-" + i).hasSize(1);
        }
    }

    private static void order(String id, String email) {
        aftercare.generic("faulty-shop", """
                {"schema": "aftercare.webhook.v1", "id": "evt-%1$s", "type": "order.created", "occurred_at": "%2$s",
                 "data": {"id": "%1$s", "created_at": "%2$s", "currency": "EUR", "total": "10.00",
                          "customer": {"email": "%3$s", "locale": "en"}, "lines": [{"title": "Mug", "quantity": 1, "price": "10.00"}]}}"""
                .formatted(id, aftercare.clock.instant(), email));
    }

    private static List<String> summaries(String orderId) {
        List<String> summaries = new ArrayList<>();
        aftercare.orderTimeline("faulty-shop", orderId).path("items").forEach(e -> summaries.add(e.path("summary").asText()));
        return summaries;
    }

}
