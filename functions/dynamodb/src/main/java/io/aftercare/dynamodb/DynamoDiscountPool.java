package io.aftercare.dynamodb;

import static io.aftercare.dynamodb.Items.n;
import static io.aftercare.dynamodb.Items.s;

import io.aftercare.domain.ShopId;
import io.aftercare.domain.discount.DiscountPool;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * A shop's uploaded codes in one partition. Handing one out is one transaction: the free code is deleted (only if it
 * is still there), the taken code and the action's claim on it are written (the claim only if the action has none), so
 * two actions never get one code and one action never gets two. Actions racing for the pool pick among the first free
 * codes at random, so they seldom collide; one that loses simply picks again.
 */
public final class DynamoDiscountPool implements DiscountPool {

    private static final int PICK_AMONG = 25;
    private static final int MAX_PICKS = 50;

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDiscountPool(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<HandedOut> handOut(ShopId shop, String actionKey) {
        String pk = Keys.pool(shop);
        for (int pick = 0; pick < MAX_PICKS; pick++) {
            Optional<String> before = claimOf(pk, actionKey);
            if (before.isPresent()) {
                return Optional.of(new HandedOut(before.get(), OptionalLong.empty()));
            }
            var free = dynamo.query(b -> b.tableName(table).consistentRead(true).limit(PICK_AMONG)
                    .keyConditionExpression("PK = :pk AND begins_with(SK, :free)")
                    .expressionAttributeValues(Map.of(":pk", s(pk), ":free", s(Keys.POOL_FREE_PREFIX)))).items();
            if (free.isEmpty()) {
                return Optional.empty();
            }
            String code = Items.requiredString(free.get(ThreadLocalRandom.current().nextInt(free.size())), "code");
            try {
                dynamo.transactWriteItems(b -> b.transactItems(
                        t -> t.delete(d -> d.tableName(table).key(Keys.key(pk, Keys.POOL_FREE_PREFIX + code)).conditionExpression("attribute_exists(PK)")),
                        t -> t.put(p -> p.tableName(table).item(Map.of(Keys.PK, s(pk), Keys.SK, s(Keys.POOL_TAKEN_PREFIX + code),
                                "code", s(code), "actionKey", s(actionKey)))),
                        t -> t.put(p -> p.tableName(table).item(Map.of(Keys.PK, s(pk), Keys.SK, s(Keys.POOL_ACTION_PREFIX + actionKey),
                                "code", s(code))).conditionExpression("attribute_not_exists(PK)"))));
            } catch (TransactionCanceledException lost) {
                continue; // another action took that code, or this action's other try got one: look again
            }
            // outside the transaction, which would otherwise make every hand-out conflict on this one item
            var left = dynamo.updateItem(b -> b.tableName(table).key(Keys.key(pk, Keys.POOL_COUNT))
                    .updateExpression("ADD freeCodes :minusOne").expressionAttributeValues(Map.of(":minusOne", n(-1)))
                    .returnValues(ReturnValue.UPDATED_NEW)).attributes();
            return Optional.of(new HandedOut(code, OptionalLong.of(Items.number(left, "freeCodes"))));
        }
        throw new IllegalStateException("no free code won in " + MAX_PICKS + " picks");
    }

    @Override
    public int add(ShopId shop, List<String> codes) {
        String pk = Keys.pool(shop);
        int added = 0;
        for (String code : codes) {
            try {
                // a code handed out before is not free again
                dynamo.transactWriteItems(b -> b.transactItems(
                        t -> t.conditionCheck(c -> c.tableName(table).key(Keys.key(pk, Keys.POOL_TAKEN_PREFIX + code))
                                .conditionExpression("attribute_not_exists(PK)")),
                        t -> t.put(p -> p.tableName(table).item(Map.of(Keys.PK, s(pk), Keys.SK, s(Keys.POOL_FREE_PREFIX + code), "code", s(code)))
                                .conditionExpression("attribute_not_exists(PK)"))));
                added++;
            } catch (TransactionCanceledException known) {
                // in the pool already
            }
        }
        // counted afresh, so a count a crash left behind is set right by the next upload
        long free = available(shop);
        dynamo.putItem(b -> b.tableName(table).item(Map.of(Keys.PK, s(pk), Keys.SK, s(Keys.POOL_COUNT), "freeCodes", n(free))));
        return added;
    }

    @Override
    public long available(ShopId shop) {
        long count = 0;
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            var page = dynamo.query(b -> b.tableName(table).consistentRead(true).select(Select.COUNT).exclusiveStartKey(from)
                    .keyConditionExpression("PK = :pk AND begins_with(SK, :free)")
                    .expressionAttributeValues(Map.of(":pk", s(Keys.pool(shop)), ":free", s(Keys.POOL_FREE_PREFIX))));
            count += page.count();
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return count;
    }

    private Optional<String> claimOf(String pk, String actionKey) {
        var item = dynamo.getItem(b -> b.tableName(table).key(Keys.key(pk, Keys.POOL_ACTION_PREFIX + actionKey)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Items.string(item, "code");
    }
}
