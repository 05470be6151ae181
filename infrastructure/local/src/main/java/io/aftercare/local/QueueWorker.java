package io.aftercare.local;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.aftercare.lambda.ActionHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * What Lambda's SQS event source mapping does for the action function: receives up to ten messages, hands them to
 * the handler as one {@link SQSEvent}, and deletes those it did not report as batch item failures. A failure stays in
 * the queue, hidden for the visibility timeout, then comes again, until the redrive policy moves it to the DLQ.
 */
public final class QueueWorker {

    private static final int BATCH = 10;

    private final LocalSqs sqs;
    private final ActionHandler handler;

    public QueueWorker(LocalSqs sqs, ActionHandler handler) {
        this.sqs = sqs;
        this.handler = handler;
    }

    /** One receive, waiting up to {@code wait} for messages; @return how many messages the handler got, and how many failed */
    public Polled poll(Duration wait) {
        List<Message> messages = sqs.client().receiveMessage(b -> b.queueUrl(sqs.queueUrl()).maxNumberOfMessages(BATCH)
                .waitTimeSeconds((int) wait.toSeconds()).messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
        if (messages.isEmpty()) {
            return new Polled(0, 0);
        }
        SQSBatchResponse response = handler.handleRequest(event(messages), new LocalContext("ActionFunction", UUID.randomUUID().toString()));
        Set<String> failed = new HashSet<>();
        response.getBatchItemFailures().forEach(f -> failed.add(f.getItemIdentifier()));
        List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
        for (Message message : messages) {
            if (!failed.contains(message.messageId())) {
                done.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(done.size())).receiptHandle(message.receiptHandle()).build());
            }
        }
        if (!done.isEmpty()) {
            sqs.client().deleteMessageBatch(b -> b.queueUrl(sqs.queueUrl()).entries(done));
        }
        return new Polled(messages.size(), failed.size());
    }

    /** Every message visible now, batch after batch, until a receive finds none. */
    public Polled drain() {
        int received = 0;
        int failed = 0;
        for (Polled polled = poll(Duration.ZERO); polled.received() > 0; polled = poll(Duration.ZERO)) {
            received += polled.received();
            failed += polled.failed();
        }
        return new Polled(received, failed);
    }

    public record Polled(int received, int failed) {
    }

    private static SQSEvent event(List<Message> messages) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (Message message : messages) {
            var record = new SQSEvent.SQSMessage();
            record.setMessageId(message.messageId());
            record.setReceiptHandle(message.receiptHandle());
            record.setBody(message.body());
            record.setMd5OfBody(message.md5OfBody());
            record.setAttributes(message.attributesAsStrings());
            record.setEventSource("aws:sqs");
            records.add(record);
        }
        var event = new SQSEvent();
        event.setRecords(records);
        return event;
    }
}
