package io.aftercare.dynamodb;

import static io.aftercare.dynamodb.Items.s;

import io.aftercare.domain.Conflict;
import io.aftercare.domain.NotFound;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.replies.SavedReplies;
import io.aftercare.domain.replies.SavedReply;
import io.aftercare.domain.timeline.TimelineEntry;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** A shop's saved replies, items beside its settings, each written in one transaction with its audit entry. */
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
                .map(DynamoSavedReplies::read)
                .sorted(Comparator.comparing(SavedReply::title, String.CASE_INSENSITIVE_ORDER))
                .toList();
    }

    @Override
    public Optional<SavedReply> find(ShopId shop, String id) {
        var item = dynamo.getItem(b -> b.tableName(table).key(Keys.key(Keys.shop(shop), Keys.savedReply(id))).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(read(item));
    }

    @Override
    public void create(ShopId shop, SavedReply reply, TimelineEntry audit) {
        int count = dynamo.query(b -> b.tableName(table).keyConditionExpression("PK = :pk AND begins_with(SK, :replies)")
                .expressionAttributeValues(Map.of(":pk", s(Keys.shop(shop)), ":replies", s(Keys.SAVED_REPLY_PREFIX))).select(Select.COUNT)).count();
        if (count >= SavedReply.MAX_PER_SHOP) {
            throw new Conflict("the shop has " + SavedReply.MAX_PER_SHOP + " saved replies: delete one first");
        }
        if (!write(shop, put(shop, reply, "attribute_not_exists(PK)"), audit)) {
            throw new Conflict("a saved reply with this id exists");
        }
    }

    @Override
    public void replace(ShopId shop, SavedReply reply, TimelineEntry audit) {
        if (!write(shop, put(shop, reply, "attribute_exists(PK)"), audit)) {
            throw new NotFound("no saved reply " + reply.id());
        }
    }

    @Override
    public void delete(ShopId shop, String id, TimelineEntry audit) {
        var delete = TransactWriteItem.builder().delete(b -> b.tableName(table).key(Keys.key(Keys.shop(shop), Keys.savedReply(id)))
                .conditionExpression("attribute_exists(PK)")).build();
        if (!write(shop, delete, audit)) {
            throw new NotFound("no saved reply " + id);
        }
    }

    /** The change and its audit entry in one transaction; false when the change's condition failed. */
    private boolean write(ShopId shop, TransactWriteItem change, TimelineEntry audit) {
        try {
            dynamo.transactWriteItems(b -> b.transactItems(change, TimelineItems.write(shop, audit, Optional.empty(), audit.at()).transactItem(table)));
            return true;
        } catch (TransactionCanceledException cancelled) {
            if ("ConditionalCheckFailed".equals(cancelled.cancellationReasons().getFirst().code())) {
                return false;
            }
            throw cancelled;
        }
    }

    private TransactWriteItem put(ShopId shop, SavedReply reply, String condition) {
        Map<String, AttributeValue> item = new HashMap<>(Keys.key(Keys.shop(shop), Keys.savedReply(reply.id())));
        item.putAll(Map.of(Keys.TYPE, s("SAVED_REPLY"), "replyId", s(reply.id()), "title", s(reply.title()), "body", s(reply.body())));
        return TransactWriteItem.builder().put(b -> b.tableName(table).item(item).conditionExpression(condition)).build();
    }

    private static SavedReply read(Map<String, AttributeValue> item) {
        return new SavedReply(Items.requiredString(item, "replyId"), Items.requiredString(item, "title"), Items.requiredString(item, "body"));
    }
}
