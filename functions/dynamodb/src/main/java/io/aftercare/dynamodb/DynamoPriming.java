package io.aftercare.dynamodb;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** A real request that reads nothing: a consistent GetItem of a key no item has, so a snapshot holds a warm SDK path. */
public final class DynamoPriming {

    private DynamoPriming() {
    }

    public static void read(DynamoDbClient dynamo, String table) {
        dynamo.getItem(b -> b.tableName(table).key(Keys.key(Keys.PRIMING, Keys.PRIMING)).consistentRead(true));
    }
}
