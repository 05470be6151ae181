package io.aftercare.dynamodb;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/** Eventually consistent reads of many keys, 100 to a {@code BatchGetItem}, asked again (each time later) for any left unprocessed. */
final class BatchReads {

    /** DynamoDB's limit of keys in one batch. */
    static final int BATCH = 100;

    private BatchReads() {
    }

    /** The items there are, by {@link #id} of their key; keys asked twice are read once. */
    static Map<String, Map<String, AttributeValue>> get(DynamoDbClient dynamo, String table, List<Map<String, AttributeValue>> keys) {
        Map<String, Map<String, AttributeValue>> distinct = new LinkedHashMap<>();
        keys.forEach(key -> distinct.put(id(key), key));
        List<Map<String, AttributeValue>> all = new ArrayList<>(distinct.values());
        Map<String, Map<String, AttributeValue>> found = new LinkedHashMap<>();
        for (int from = 0; from < all.size(); from += BATCH) {
            Map<String, KeysAndAttributes> unread = Map.of(table, KeysAndAttributes.builder().keys(all.subList(from, Math.min(all.size(), from + BATCH))).build());
            for (int attempt = 0; !unread.isEmpty(); attempt++) {
                BatchWrites.giveUpAfter(attempt, "reads");
                BatchWrites.pause(attempt);
                Map<String, KeysAndAttributes> asked = unread;
                var read = dynamo.batchGetItem(b -> b.requestItems(asked));
                read.responses().getOrDefault(table, List.of()).forEach(item -> found.put(id(item), item));
                unread = read.hasUnprocessedKeys() ? read.unprocessedKeys() : Map.of();
            }
        }
        return found;
    }

    /** An item's key (or a key) as one string. */
    static String id(Map<String, AttributeValue> item) {
        return item.get(Keys.PK).s() + "\n" + item.get(Keys.SK).s();
    }
}
