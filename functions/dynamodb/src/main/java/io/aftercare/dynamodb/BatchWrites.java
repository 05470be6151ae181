package io.aftercare.dynamodb;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** Puts and deletes that need no condition, 25 to a {@code BatchWriteItem}, retried until none is left unprocessed. */
final class BatchWrites {

    /** DynamoDB's limit of requests in one batch. */
    static final int BATCH = 25;

    private BatchWrites() {
    }

    static void put(DynamoDbClient dynamo, String table, List<Map<String, AttributeValue>> items) {
        write(dynamo, table, byKey(items).values().stream().map(item -> WriteRequest.builder().putRequest(p -> p.item(item)).build()).toList());
    }

    /** @param keys the items' keys (or the items: only their keys are sent) */
    static void delete(DynamoDbClient dynamo, String table, List<Map<String, AttributeValue>> keys) {
        write(dynamo, table, byKey(keys).values().stream()
                .map(item -> WriteRequest.builder().deleteRequest(d -> d.key(Keys.key(item.get(Keys.PK).s(), item.get(Keys.SK).s()))).build()).toList());
    }

    /** Each key once: a batch refuses a key twice. */
    private static Map<String, Map<String, AttributeValue>> byKey(List<Map<String, AttributeValue>> items) {
        Map<String, Map<String, AttributeValue>> byKey = new LinkedHashMap<>();
        items.forEach(item -> byKey.put(item.get(Keys.PK).s() + "\n" + item.get(Keys.SK).s(), item));
        return byKey;
    }

    private static void write(DynamoDbClient dynamo, String table, List<WriteRequest> writes) {
        for (int i = 0; i < writes.size(); i += BATCH) {
            Map<String, List<WriteRequest>> left = Map.of(table, writes.subList(i, Math.min(writes.size(), i + BATCH)));
            for (int attempt = 0; !left.getOrDefault(table, List.of()).isEmpty(); attempt++) {
                giveUpAfter(attempt, left.getOrDefault(table, List.of()).size() + " writes");
                pause(attempt);
                var pending = left;
                left = dynamo.batchWriteItem(b -> b.requestItems(pending)).unprocessedItems();
            }
        }
    }

    /** Attempts of one batch: the pauses before them add up to about 3 s, inside a webhook's 5 s answer. */
    static final int MAX_ATTEMPTS = 6;

    /** Past {@link #MAX_ATTEMPTS}, a throttled batch fails (a 5xx the caller's platform or queue retries) instead of waiting on. */
    static void giveUpAfter(int attempt, String left) {
        if (attempt >= MAX_ATTEMPTS) {
            throw new IllegalStateException("DynamoDB left " + left + " unprocessed after " + MAX_ATTEMPTS + " attempts (throttled)");
        }
    }

    /** Throttled requests come back unprocessed: each retry waits longer (none before the first). */
    static void pause(int attempt) {
        if (attempt == 0) {
            return;
        }
        try {
            Thread.sleep(Math.min(2_000, 50L << Math.min(attempt, 6)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing a batch", e);
        }
    }
}
