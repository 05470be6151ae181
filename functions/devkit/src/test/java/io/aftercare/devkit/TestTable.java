package io.aftercare.devkit;

import java.util.Map;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A table of its own for a test class, on the shared DynamoDB Local. */
public record TestTable(LocalDynamoDb local, DynamoDbClient client, String name) {

    /** A client of its own, for counting requests with an interceptor. */
    public DynamoDbClient client(ExecutionInterceptor... interceptors) {
        return local.client(interceptors);
    }

    /**
     * Every item in the table. Tests use it to prove that rejected input wrote nothing; main code never scans.
     */
    public java.util.List<Map<String, AttributeValue>> allItems() {
        return client.scanPaginator(b -> b.tableName(name)).items().stream().toList();
    }

    public int itemCount() {
        return allItems().size();
    }
}
