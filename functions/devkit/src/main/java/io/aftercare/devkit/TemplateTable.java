package io.aftercare.devkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;

/**
 * The Aftercare table exactly as {@code template.yaml} declares it. The template is the one definition of the
 * table: the local runner and the tests create their tables from it, so the two can never drift.
 */
public final class TemplateTable {

    /** The logical id of the table resource in {@code template.yaml}. */
    public static final String RESOURCE = "Table";

    private final JsonNode properties;

    private TemplateTable(JsonNode properties) {
        this.properties = properties;
    }

    public static TemplateTable of(TemplateResources template) {
        return new TemplateTable(template.properties(RESOURCE, "AWS::DynamoDB::Table"));
    }

    /** The table of the template at the repository root. */
    public static TemplateTable fromRepository() {
        return of(TemplateResources.fromRepository());
    }

    public CreateTableRequest createRequest(String tableName) {
        return CreateTableRequest.builder()
                .tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(each(properties.path("AttributeDefinitions"), a -> AttributeDefinition.builder()
                        .attributeName(a.path("AttributeName").asText())
                        .attributeType(a.path("AttributeType").asText())
                        .build()))
                .keySchema(keySchema(properties.path("KeySchema")))
                .localSecondaryIndexes(nullIfEmpty(each(properties.path("LocalSecondaryIndexes"), i -> LocalSecondaryIndex.builder()
                        .indexName(i.path("IndexName").asText())
                        .keySchema(keySchema(i.path("KeySchema")))
                        .projection(projection(i.path("Projection")))
                        .build())))
                .globalSecondaryIndexes(nullIfEmpty(each(properties.path("GlobalSecondaryIndexes"), i -> GlobalSecondaryIndex.builder()
                        .indexName(i.path("IndexName").asText())
                        .keySchema(keySchema(i.path("KeySchema")))
                        .projection(projection(i.path("Projection")))
                        .build())))
                .streamSpecification(streamSpecification())
                .build();
    }

    /** The table's stream as the template declares it, or none. */
    private StreamSpecification streamSpecification() {
        JsonNode stream = properties.path("StreamSpecification");
        return stream.isMissingNode() ? null
                : StreamSpecification.builder().streamEnabled(true).streamViewType(stream.path("StreamViewType").asText()).build();
    }

    /** Creates the table unless it exists already (a local runner restarting on its kept data). */
    public void createIfAbsent(DynamoDbClient dynamo, String tableName) {
        createIfAbsent(dynamo, tableName, true);
    }

    /** @param withStream false for a test that never reads the stream: it is then not written either */
    public void createIfAbsent(DynamoDbClient dynamo, String tableName, boolean withStream) {
        try {
            dynamo.createTable(withStream ? createRequest(tableName) : createRequest(tableName).toBuilder().streamSpecification((StreamSpecification) null).build());
        } catch (ResourceInUseException alreadyThere) {
            // kept from an earlier run, perhaps from before the table had its stream
            StreamSpecification stream = streamSpecification();
            if (withStream && stream != null && dynamo.describeTable(b -> b.tableName(tableName)).table().latestStreamArn() == null) {
                dynamo.updateTable(b -> b.tableName(tableName).streamSpecification(stream));
            }
        }
    }

    private static List<KeySchemaElement> keySchema(JsonNode node) {
        return each(node, k -> KeySchemaElement.builder()
                .attributeName(k.path("AttributeName").asText())
                .keyType(k.path("KeyType").asText())
                .build());
    }

    private static Projection projection(JsonNode node) {
        var builder = Projection.builder().projectionType(node.path("ProjectionType").asText("ALL"));
        if (node.has("NonKeyAttributes")) {
            builder.nonKeyAttributes(each(node.path("NonKeyAttributes"), JsonNode::asText));
        }
        return builder.build();
    }

    private static <T> List<T> each(JsonNode array, java.util.function.Function<JsonNode, T> mapper) {
        var out = new ArrayList<T>();
        array.forEach(n -> out.add(mapper.apply(n)));
        return out;
    }

    private static <T> List<T> nullIfEmpty(List<T> list) {
        return list.isEmpty() ? null : list;
    }
}
