package io.aftercare.lambda.queue;

import io.aftercare.domain.action.ActionClass;
import io.aftercare.domain.action.ActionQueue;
import io.aftercare.domain.action.ClaimedAction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * Claimed actions onto the SQS queue of their class (urgent ones to their own, so a backlog of bulk email never
 * delays them), ten per request. A message that cannot be sent is not lost: its action stays claimed until the lease
 * runs out, and the next sweep claims it again.
 */
public final class SqsActionQueue implements ActionQueue {

    private static final int SQS_BATCH = 10;
    /** SQS's longest delay. */
    private static final Duration MAX_DELAY = Duration.ofMinutes(15);

    private final SqsClient sqs;
    private final String urgentUrl;
    private final String bulkUrl;

    public SqsActionQueue(SqsClient sqs, String urgentUrl, String bulkUrl) {
        this.sqs = sqs;
        this.urgentUrl = urgentUrl;
        this.bulkUrl = bulkUrl;
    }

    @Override
    public void submit(List<ClaimedAction> actions, Duration delay) {
        int delaySeconds = (int) Math.min(delay.toSeconds(), MAX_DELAY.toSeconds());
        send(actions.stream().filter(action -> action.kind().actionClass() == ActionClass.URGENT).toList(), urgentUrl, delaySeconds);
        send(actions.stream().filter(action -> action.kind().actionClass() == ActionClass.BULK).toList(), bulkUrl, delaySeconds);
    }

    /** SQS's approximate counts of the bulk queue: visible, delayed (spread by the sweep) and being worked. */
    @Override
    public long bulkQueued() {
        Map<QueueAttributeName, String> counts = sqs.getQueueAttributes(b -> b.queueUrl(bulkUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return counts.values().stream().mapToLong(Long::parseLong).sum();
    }

    private void send(List<ClaimedAction> actions, String queueUrl, int delaySeconds) {
        for (int from = 0; from < actions.size(); from += SQS_BATCH) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            List<ClaimedAction> batch = actions.subList(from, Math.min(actions.size(), from + SQS_BATCH));
            for (int i = 0; i < batch.size(); i++) {
                entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i)).messageBody(ActionMessages.write(batch.get(i)))
                        .delaySeconds(delaySeconds).build());
            }
            var response = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
            if (response.hasFailed() && !response.failed().isEmpty()) {
                throw new IllegalStateException(response.failed().size() + " action messages were not queued: " + response.failed().get(0).message());
            }
        }
    }
}
