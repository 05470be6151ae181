package io.aftercare.devkit;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * What Lambda's SQS event source mappings do for a function's queues: receives up to ten messages, hands them to
 * the handler as one {@link SQSEvent}, and deletes those it did not report as batch item failures. A failure stays in
 * the queue, hidden for the visibility timeout, then comes again, until the redrive policy moves it to the DLQ. Of
 * several queues, a receive takes from the first that has messages: in AWS each has workers of its own, so a backlog
 * in a later one never holds up an earlier one.
 */
public final class QueueWorker {

    private static final int BATCH = 10;

    private final SqsClient sqs;
    private final List<String> queueUrls;
    private final Function<SQSEvent, SQSBatchResponse> handler;
    /** Which queue each received message came from (by receipt handle), to delete it there. */
    private final Map<String, String> receivedFrom = new ConcurrentHashMap<>();

    /**
     * @param queueUrls the function's queues, the one whose messages go first first
     * @param handler the function's handler, invoked as Lambda would (with whatever context the caller gives it)
     */
    public QueueWorker(SqsClient sqs, List<String> queueUrls, Function<SQSEvent, SQSBatchResponse> handler) {
        this.sqs = sqs;
        this.queueUrls = List.copyOf(queueUrls);
        this.handler = handler;
    }

    /** One receive, waiting up to {@code wait} for messages, and what the handler made of them. */
    public Polled poll(Duration wait) {
        return handle(receive(wait));
    }

    /**
     * Up to ten visible messages of the first queue that has any, waiting up to {@code wait} (on the last queue) for
     * some: they are hidden for the visibility timeout from now.
     */
    public List<Message> receive(Duration wait) {
        for (int i = 0; i < queueUrls.size(); i++) {
            String queueUrl = queueUrls.get(i);
            int waitSeconds = i == queueUrls.size() - 1 ? (int) wait.toSeconds() : 0;
            List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(BATCH)
                    .waitTimeSeconds(waitSeconds).messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
            if (!messages.isEmpty()) {
                messages.forEach(message -> receivedFrom.put(message.receiptHandle(), queueUrl));
                return messages;
            }
        }
        return List.of();
    }

    /** The queue a message this worker received came from. */
    public String queueOf(Message message) {
        return receivedFrom.getOrDefault(message.receiptHandle(), queueUrls.get(0));
    }

    /** Received messages through the handler, ten per event; each one it did not report as failed is deleted. */
    public Polled handle(List<Message> messages) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (int from = 0; from < messages.size(); from += BATCH) {
            List<Message> batch = messages.subList(from, Math.min(messages.size(), from + BATCH));
            SQSBatchResponse response = handler.apply(event(batch));
            Set<String> failed = new HashSet<>();
            response.getBatchItemFailures().forEach(f -> failed.add(f.getItemIdentifier()));
            Map<String, List<DeleteMessageBatchRequestEntry>> done = new LinkedHashMap<>();
            for (Message message : batch) {
                String queueUrl = queueOf(message);
                receivedFrom.remove(message.receiptHandle());
                if (!failed.contains(message.messageId())) {
                    List<DeleteMessageBatchRequestEntry> entries = done.computeIfAbsent(queueUrl, url -> new ArrayList<>());
                    entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(entries.size())).receiptHandle(message.receiptHandle()).build());
                }
            }
            done.forEach((queueUrl, entries) -> sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(entries)));
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
