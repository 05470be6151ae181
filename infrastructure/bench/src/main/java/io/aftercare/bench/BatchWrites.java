package io.aftercare.bench;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** Items written straight into a benchmark's table, 25 a request, unprocessed ones again until none is left. */
final class BatchWrites {

    private BatchWrites() {
    }

    static void put(DynamoDbClient dynamo, String table, Iterator<Map<String, AttributeValue>> items) {
        List<WriteRequest> batch = new ArrayList<>();
        while (items.hasNext()) {
            batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(items.next()).build()).build());
            if (batch.size() == 25 || !items.hasNext()) {
                List<WriteRequest> chunk = List.copyOf(batch);
                var unprocessed = dynamo.batchWriteItem(b -> b.requestItems(Map.of(table, chunk))).unprocessedItems();
                while (unprocessed != null && !unprocessed.isEmpty()) {
                    var retry = unprocessed;
                    unprocessed = dynamo.batchWriteItem(b -> b.requestItems(retry)).unprocessedItems();
                }
                batch.clear();
            }
        }
    }
}
