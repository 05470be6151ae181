package io.aftercare.dynamodb;

import static io.aftercare.dynamodb.Items.s;

import io.aftercare.domain.ChangedMeanwhile;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** Counters of what happened in a window (sign-in attempts, one sender's emails), each gone with its window (TTL). */
final class RateCounters {

    /** Tries of {@link #countOnce} while others count in the same window: past them, the caller's retry tries again. */
    private static final int ATTEMPTS = 5;

    private RateCounters() {
    }

    /** Counts one more in {@code counter}'s window; the count so far, this one included. */
    static long count(DynamoDbClient dynamo, String table, String counter, Instant expiresAt) {
        var updated = dynamo.updateItem(b -> b.tableName(table).key(Keys.rateCounter(counter))
                .updateExpression("ADD #count :one SET #expires = :expires, #type = :type")
                .expressionAttributeNames(Map.of("#count", "count", "#expires", Keys.EXPIRES_AT, "#type", Keys.TYPE))
                .expressionAttributeValues(Map.of(":one", Items.n(1), ":expires", Items.n(expiresAt.getEpochSecond()), ":type", s("RATE")))
                .returnValues(ReturnValue.UPDATED_NEW)).attributes();
        return Items.number(updated, "count");
    }

    /**
     * Counts {@code once} (a delivery's id, say) in {@code counter}'s window at most once: the counter moves and a
     * marker keeps the count {@code once} got, in one transaction, so a retry reads the marker and counts nothing.
     * The count so far as {@code once} first got it, itself included.
     */
    static long countOnce(DynamoDbClient dynamo, String table, String counter, String once, Instant expiresAt) {
        var counterKey = Keys.rateCounter(counter);
        var onceKey = Keys.rateCounted(counter, once);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            var read = dynamo.transactGetItems(b -> b.transactItems(TransactGetItem.builder().get(g -> g.tableName(table).key(onceKey)).build(),
                    TransactGetItem.builder().get(g -> g.tableName(table).key(counterKey)).build())).responses();
            if (read.get(0).hasItem() && !read.get(0).item().isEmpty()) {
                return Items.number(read.get(0).item(), "count");
            }
            long before = read.get(1).hasItem() && !read.get(1).item().isEmpty() ? Items.number(read.get(1).item(), "count") : 0;
            long next = before + 1;
            Map<String, AttributeValue> values = new HashMap<>(Map.of(":next", Items.n(next), ":expires", Items.n(expiresAt.getEpochSecond()), ":type", s("RATE")));
            if (before > 0) {
                values.put(":before", Items.n(before));
            }
            Map<String, AttributeValue> marker = new HashMap<>(onceKey);
            marker.put(Keys.TYPE, s("RATE"));
            marker.put("count", Items.n(next));
            marker.put(Keys.EXPIRES_AT, Items.n(expiresAt.getEpochSecond()));
            try {
                dynamo.transactWriteItems(b -> b.transactItems(
                        TransactWriteItem.builder().update(u -> u.tableName(table).key(counterKey)
                                .updateExpression("SET #count = :next, #expires = :expires, #type = :type")
                                .conditionExpression(before == 0 ? "attribute_not_exists(#count)" : "#count = :before")
                                .expressionAttributeNames(Map.of("#count", "count", "#expires", Keys.EXPIRES_AT, "#type", Keys.TYPE))
                                .expressionAttributeValues(values)).build(),
                        TransactWriteItem.builder().put(p -> p.tableName(table).item(marker).conditionExpression("attribute_not_exists(" + Keys.PK + ")")).build()));
                return next;
            } catch (TransactionCanceledException counted) {
                // another message moved the counter first, or this one was counted meanwhile: read both again
            }
        }
        throw new ChangedMeanwhile("rate counter " + counter + " kept moving: retry");
    }
}
