package io.aftercare.dynamodb;

import static io.aftercare.dynamodb.Items.s;

import io.aftercare.domain.Conflict;
import io.aftercare.domain.NotFound;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.replies.SavedReplies;
import io.aftercare.domain.replies.SavedReply;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Select;

/** A shop's saved replies, items beside its settings. */
public final class DynamoSavedReplies implements SavedReplies {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoSavedReplies(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public List<SavedReply> list(ShopId shop) {
        return dynamo.queryPaginator(b -> b.tableName(table).keyConditionExpression("PK = :pk AND begins_with(SK, :replies)")
                        .expressionAttributeValues(Map.of(":pk", s(Keys.shop(shop)), ":replies", s(Keys.SAVED_REPLY_PREFIX))).consistentRead(true))
                .items().stream()
                .map(item -> new SavedReply(Items.requiredString(item, "replyId"), Items.requiredString(item, "title"), Items.requiredString(item, "body")))
                .sorted(Comparator.comparing(SavedReply::title, String.CASE_INSENSITIVE_ORDER))
                .toList();
    }

    @Override
    public void create(ShopId shop, SavedReply reply) {
        int count = dynamo.query(b -> b.tableName(table).keyConditionExpression("PK = :pk AND begins_with(SK, :replies)")
                .expressionAttributeValues(Map.of(":pk", s(Keys.shop(shop)), ":replies", s(Keys.SAVED_REPLY_PREFIX))).select(Select.COUNT)).count();
        if (count >= SavedReply.MAX_PER_SHOP) {
            throw new Conflict("the shop has " + SavedReply.MAX_PER_SHOP + " saved replies: delete one first");
        }
        put(shop, reply, "attribute_not_exists(PK)");
    }

    @Override
    public void replace(ShopId shop, SavedReply reply) {
        try {
            put(shop, reply, "attribute_exists(PK)");
        } catch (ConditionalCheckFailedException missing) {
            throw new NotFound("no saved reply " + reply.id());
        }
    }

    @Override
    public void delete(ShopId shop, String id) {
        try {
            dynamo.deleteItem(b -> b.tableName(table).key(Keys.key(Keys.shop(shop), Keys.savedReply(id))).conditionExpression("attribute_exists(PK)"));
        } catch (ConditionalCheckFailedException missing) {
            throw new NotFound("no saved reply " + id);
        }
    }

    private void put(ShopId shop, SavedReply reply, String condition) {
        var key = Keys.key(Keys.shop(shop), Keys.savedReply(reply.id()));
        var item = new java.util.HashMap<>(key);
        item.putAll(Map.of(Keys.TYPE, s("SAVED_REPLY"), "replyId", s(reply.id()), "title", s(reply.title()), "body", s(reply.body())));
        dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression(condition));
    }
}
