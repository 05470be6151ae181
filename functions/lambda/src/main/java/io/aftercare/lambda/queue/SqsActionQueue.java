package io.aftercare.lambda.queue;

import io.aftercare.domain.action.ActionQueue;
import io.aftercare.domain.action.ClaimedAction;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * Claimed actions onto the SQS action queue, ten per request. A message that cannot be sent is not lost: its
 * action stays claimed until the lease runs out, and the next sweep claims it again.
 */
public final class SqsActionQueue implements ActionQueue {

    private static final int SQS_BATCH = 10;

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsActionQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void submit(List<ClaimedAction> actions) {
        for (int from = 0; from < actions.size(); from += SQS_BATCH) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            List<ClaimedAction> batch = actions.subList(from, Math.min(actions.size(), from + SQS_BATCH));
            for (int i = 0; i < batch.size(); i++) {
                entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i)).messageBody(ActionMessages.write(batch.get(i))).build());
            }
            var response = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
            if (response.hasFailed() && !response.failed().isEmpty()) {
                throw new IllegalStateException(response.failed().size() + " action messages were not queued: " + response.failed().get(0).message());
            }
        }
    }
}
