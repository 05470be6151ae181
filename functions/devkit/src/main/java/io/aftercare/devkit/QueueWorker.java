package io.aftercare.devkit;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * What Lambda's SQS event source mapping does for a queue's function: receives up to ten messages, hands them to
 * the handler as one {@link SQSEvent}, and deletes those it did not report as batch item failures. A failure stays in
 * the queue, hidden for the visibility timeout, then comes again, until the redrive policy moves it to the DLQ.
 */
public final class QueueWorker {

    private static final int BATCH = 10;

    private final SqsClient sqs;
    private final String queueUrl;
    private final Function<SQSEvent, SQSBatchResponse> handler;

    /** @param handler the function's handler, invoked as Lambda would (with whatever context the caller gives it) */
    public QueueWorker(SqsClient sqs, String queueUrl, Function<SQSEvent, SQSBatchResponse> handler) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.handler = handler;
    }

    /** One receive, waiting up to {@code wait} for messages, and what the handler made of them. */
    public Polled poll(Duration wait) {
        return handle(receive(wait));
    }

    /** Up to ten visible messages, waiting up to {@code wait}: they are hidden for the visibility timeout from now. */
    public List<Message> receive(Duration wait) {
        return sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(BATCH)
                .waitTimeSeconds((int) wait.toSeconds()).messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
    }

    /** Received messages through the handler, ten per event; each one it did not report as failed is deleted. */
    public Polled handle(List<Message> messages) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (int from = 0; from < messages.size(); from += BATCH) {
            List<Message> batch = messages.subList(from, Math.min(messages.size(), from + BATCH));
            SQSBatchResponse response = handler.apply(event(batch));
            Set<String> failed = new HashSet<>();
            response.getBatchItemFailures().forEach(f -> failed.add(f.getItemIdentifier()));
            List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
            for (Message message : batch) {
                if (!failed.contains(message.messageId())) {
                    done.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(done.size())).receiptHandle(message.receiptHandle()).build());
                }
            }
            if (!done.isEmpty()) {
                sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(done));
            }
            failures.addAll(response.getBatchItemFailures());
        }
        return new Polled(messages.size(), failures);
    }

    /** Every message visible now, batch after batch, until a receive finds none. */
    public Polled drain() {
        int received = 0;
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (Polled polled = poll(Duration.ZERO); polled.received() > 0; polled = poll(Duration.ZERO)) {
            received += polled.received();
            failures.addAll(polled.failures());
        }
        return new Polled(received, failures);
    }

    /** @param failures what the handler reported as batch item failures: those messages stay in the queue */
    public record Polled(int received, List<SQSBatchResponse.BatchItemFailure> failures) {

        public int failed() {
            return failures.size();
        }
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
