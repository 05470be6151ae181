package io.aftercare.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequest;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * Counts the SQS requests a client sends, and by operation the requests answered and the messages they carried; a
 * receive that found nothing apart ({@link #EMPTY_RECEIVE}).
 */
final class SqsRequests extends Counter {

    /** Requests of one operation and the messages they sent, received, deleted or made visible again. */
    record Operation(long requests, long messages) {

        static final Operation NONE = new Operation(0, 0);

        Operation plus(Operation other) {
            return new Operation(requests + other.requests, messages + other.messages);
        }

        Operation minus(Operation other) {
            return new Operation(requests - other.requests, messages - other.messages);
        }
    }

    static final String RECEIVE = "ReceiveMessage";
    static final String EMPTY_RECEIVE = RECEIVE + " (empty)";

    private final Map<String, AtomicLong[]> operations = new ConcurrentHashMap<>();

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        long messages = switch (context.request()) {
            case SendMessageBatchRequest r -> r.entries().size();
            case DeleteMessageBatchRequest r -> r.entries().size();
            case ChangeMessageVisibilityBatchRequest r -> r.entries().size();
            case SendMessageRequest r -> 1;
            case DeleteMessageRequest r -> 1;
            case ChangeMessageVisibilityRequest r -> 1;
            default -> context.response() instanceof ReceiveMessageResponse r ? r.messages().size() : 0;
        };
        String operation = context.request().getClass().getSimpleName().replace("Request", "");
        var counts = operations.computeIfAbsent(operation.equals(RECEIVE) && messages == 0 ? EMPTY_RECEIVE : operation,
                name -> new AtomicLong[] {new AtomicLong(), new AtomicLong()});
        counts[0].incrementAndGet();
        counts[1].addAndGet(messages);
    }

    /** Counts from now on (what came before was no order's). */
    void reset() {
        count.set(0);
        operations.clear();
    }

    /** So far, by operation. */
    Map<String, Operation> byOperation() {
        Map<String, Operation> now = new TreeMap<>();
        operations.forEach((operation, counts) -> now.put(operation, new Operation(counts[0].get(), counts[1].get())));
        return now;
    }
}
