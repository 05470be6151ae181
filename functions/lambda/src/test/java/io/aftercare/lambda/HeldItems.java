package io.aftercare.lambda;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Cancels transactions that write an item with the given sort key with {@code TransactionConflict}, as DynamoDB does
 * when another transaction holds that item at the moment (DynamoDB Local runs transactions one at a time, so it
 * never does): while held, the first {@code timesEach} transactions on each such item.
 */
final class HeldItems implements ExecutionInterceptor {

    final AtomicInteger cancelled = new AtomicInteger();
    private final String sortKey;
    private final int timesEach;
    private final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
    private volatile boolean holding = true;

    HeldItems(String sortKey, int timesEach) {
        this.sortKey = sortKey;
        this.timesEach = timesEach;
    }

    void hold() {
        holding = true;
    }

    void release() {
        holding = false;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (!holding || !(context.request() instanceof TransactWriteItemsRequest transaction)) {
            return;
        }
        List<TransactWriteItem> items = transaction.transactItems();
        for (int i = 0; i < items.size(); i++) {
            var key = items.get(i).put() != null ? items.get(i).put().item() : items.get(i).update() != null ? items.get(i).update().key() : null;
            if (key != null && key.get("SK").s().equals(sortKey)
                    && seen.computeIfAbsent(key.get("PK").s(), pk -> new AtomicInteger()).incrementAndGet() <= timesEach) {
                int held = i;
                cancelled.incrementAndGet();
                throw TransactionCanceledException.builder().message("Transaction cancelled, please refer cancellation reasons for specific reasons")
                        .cancellationReasons(IntStream.range(0, items.size())
                                .mapToObj(j -> CancellationReason.builder().code(j == held ? "TransactionConflict" : "None").build()).toList())
                        .build();
            }
        }
    }
}
