package io.aftercare.lambda.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.devkit.TestQueues;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.action.ActionDetail;
import io.aftercare.domain.action.ActionKind;
import io.aftercare.domain.shop.SlaTarget;
import io.aftercare.domain.email.EmailKind;
import io.aftercare.domain.action.ClaimedAction;
import io.aftercare.domain.order.OrderId;
import io.aftercare.domain.timeline.Subject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/** Claimed actions onto ElasticMQ queues made from {@code template.yaml}: each class to its own, bulk ones held back as asked. */
class SqsActionQueueTest {

    private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void givenUrgentAndBulkClaims_whenSubmitted_thenEachGoesToItsClasssQueueADelayedOneStaysHiddenUntilItsTimeAndBothBulkOnesCountAsQueued() {
        var queues = TestQueues.actions();
        var sqs = TestQueues.sqs().client();
        var queue = new SqsActionQueue(sqs, queues.urgent().url(), queues.bulk().url());
        var escalation = claimed("escalation#T1", ActionKind.ESCALATION, new Subject(Subject.Type.TICKET, "T1"));
        var thankYou = claimed("thank-you#1", EmailKind.THANK_YOU.action(), Subject.order(new OrderId("1")));
        var checkIn = claimed("check-in#2", EmailKind.CHECK_IN.action(), Subject.order(new OrderId("2")));

        queue.submit(List.of(thankYou, escalation), Duration.ZERO);
        queue.submit(List.of(checkIn), Duration.ofSeconds(30));

        assertThat(ids(sqs.receiveMessage(b -> b.queueUrl(queues.urgent().url()).maxNumberOfMessages(10)).messages())).containsExactly("escalation#T1");
        assertThat(ids(sqs.receiveMessage(b -> b.queueUrl(queues.bulk().url()).maxNumberOfMessages(10)).messages()))
                .as("the check-in is delayed").containsExactly("thank-you#1");
        assertThat(sqs.getQueueAttributes(b -> b.queueUrl(queues.bulk().url()).attributeNamesWithStrings("ApproximateNumberOfMessagesDelayed"))
                .attributesAsStrings()).containsEntry("ApproximateNumberOfMessagesDelayed", "1");
        assertThat(queue.bulkQueued()).as("what the sweep tops up: the thank-you being worked and the delayed check-in, not the escalation")
                .isEqualTo(2);
    }

    @Test
    void givenClaimsWithEachKindOfDetail_whenQueuedAndReceived_thenTheWorkerGetsEachActionExactlyAsItWasClaimed() {
        var ticket = new Subject(Subject.Type.TICKET, "T2");
        List<ClaimedAction> claims = List.of(
                new ClaimedAction(new ShopId("queued-shop"), "sla-breach#T2~first-response~p3", ActionKind.SLA_BREACH, ticket,
                        Optional.of(new ActionDetail.SlaDeadline(SlaTarget.FIRST_RESPONSE, 3)), T, "token-a", T.plusSeconds(300), 4, 2, true),
                new ClaimedAction(new ShopId("queued-shop"), "escalation#T2~2~p3", ActionKind.ESCALATION, ticket,
                        Optional.of(new ActionDetail.Escalation(2, 3)), T, "token-b", T.plusSeconds(300), 1, 1, false),
                new ClaimedAction(new ShopId("queued-shop"), "ticket-reply#T2~7", ActionKind.TICKET_REPLY, ticket,
                        Optional.of(new ActionDetail.Reply(7)), T, "token-c", T.plusSeconds(300), 1, 1, false),
                new ClaimedAction(new ShopId("queued-shop"), "csat-survey#T2~9", EmailKind.CSAT_SURVEY.action(), ticket,
                        Optional.of(new ActionDetail.Resolution(9, T.minusSeconds(86_400))), T, "token-d", T.plusSeconds(300), 1, 1, false),
                claimed("survey#3", EmailKind.SURVEY.action(), Subject.order(new OrderId("3"))));

        var read = claims.stream().map(ActionMessages::write).map(ActionMessages::read).toList();

        assertThat(read).map(message -> message.action().orElseThrow()).containsExactlyElementsOf(claims);
        assertThat(ActionMessages.read("{\"shop\": \"queued-shop\", \"actionId\": \"survey#3\", \"claimToken\": \"t\"}").action())
                .as("a message queued before actions were carried: the worker reads the action").isEmpty();
    }

    private static ClaimedAction claimed(String id, ActionKind kind, Subject subject) {
        return new ClaimedAction(new ShopId("queued-shop"), id, kind, subject, Optional.empty(), T, "token-" + id, T.plusSeconds(300), 1, 1, false);
    }

    private static List<String> ids(List<Message> messages) {
        return messages.stream().map(message -> ActionMessages.read(message.body()).ref().actionId()).toList();
    }
}
