package io.aftercare.dynamodb;

import static io.aftercare.dynamodb.Items.s;

import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/** Counters of what happened in a window (sign-in attempts, one sender's emails), each gone with its window (TTL). */
final class RateCounters {

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
}
