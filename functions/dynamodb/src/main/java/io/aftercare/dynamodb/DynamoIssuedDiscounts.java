package io.aftercare.dynamodb;

import static io.aftercare.dynamodb.Items.n;
import static io.aftercare.dynamodb.Items.s;

import io.aftercare.domain.ShopId;
import io.aftercare.domain.action.DueAction;
import io.aftercare.domain.discount.IssuedDiscount;
import io.aftercare.domain.discount.IssuedDiscounts;
import io.aftercare.domain.timeline.Subject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Each action's code, in the action's partition, and each code by itself (for redemptions), written together once with
 * the code's follow-up actions (its reminder, its expiry check).
 */
public final class DynamoIssuedDiscounts implements IssuedDiscounts {

    private static final String TYPE = "ISSUED_DISCOUNT";
    /** Present (true) only on a code anyone may use once, not its customer alone. */
    private static final String ANY_BUYER = "anyBuyer";

    private final DynamoDbClient dynamo;
    private final String table;
    private final int dueShards;

    /** @param dueShards the due index's shards per hour, where the follow-ups go */
    public DynamoIssuedDiscounts(DynamoDbClient dynamo, String table, int dueShards) {
        this.dynamo = dynamo;
        this.table = table;
        this.dueShards = dueShards;
    }

    @Override
    public Optional<IssuedDiscount> forAction(ShopId shop, String actionKey) {
        return get(Keys.key(Keys.action(shop, actionKey), Keys.DISCOUNT)).map(item -> read(shop, item));
    }

    @Override
    public IssuedDiscount keep(IssuedDiscount issued, List<DueAction> followUps) {
        List<TransactWriteItem> writes = new ArrayList<>();
        Map<String, AttributeValue> beside = item(issued, Keys.key(Keys.action(issued.shop(), issued.actionKey()), Keys.DISCOUNT));
        writes.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(beside).conditionExpression("attribute_not_exists(PK)")).build());
        issued.code().ifPresent(code -> {
            Map<String, AttributeValue> byCode = item(issued, Keys.key(Keys.issuedCode(issued.shop(), code), Keys.DISCOUNT));
            writes.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(byCode).conditionExpression("attribute_not_exists(PK)")).build());
        });
        for (DueAction followUp : followUps) {
            Map<String, AttributeValue> action = ActionItems.pending(issued.shop(), followUp, issued.issuedAt(), dueShards);
            writes.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(action).conditionExpression("attribute_not_exists(PK)")).build());
        }
        try {
            dynamo.transactWriteItems(b -> b.transactItems(writes));
            return issued;
        } catch (TransactionCanceledException raced) {
            // another try of the same action kept its outcome first: that one is the action's
            return forAction(issued.shop(), issued.actionKey())
                    .orElseThrow(() -> new IllegalStateException("code of " + issued.actionKey() + " is issued to another action"));
        }
    }

    @Override
    public Optional<IssuedDiscount> byCode(ShopId shop, String code) {
        return get(Keys.key(Keys.issuedCode(shop, code), Keys.DISCOUNT)).map(item -> read(shop, item));
    }

    @Override
    public boolean redeemed(ShopId shop, String code) {
        return get(Keys.key(Keys.issuedCode(shop, code), Keys.DISCOUNT)).filter(item -> item.containsKey("redeemedBy")).isPresent();
    }

    @Override
    public boolean markRedeemed(ShopId shop, String code, String orderId) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(Keys.key(Keys.issuedCode(shop, code), Keys.DISCOUNT))
                    .updateExpression("SET redeemedBy = :order")
                    .conditionExpression("attribute_exists(PK) AND attribute_not_exists(redeemedBy)")
                    .expressionAttributeValues(Map.of(":order", s(orderId))));
            return true;
        } catch (ConditionalCheckFailedException before) {
            return false;
        }
    }

    private Optional<Map<String, AttributeValue>> get(Map<String, AttributeValue> key) {
        var item = dynamo.getItem(b -> b.tableName(table).key(key).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    private static Map<String, AttributeValue> item(IssuedDiscount issued, Map<String, AttributeValue> key) {
        Map<String, AttributeValue> item = new HashMap<>(key);
        item.put(Keys.TYPE, s(TYPE));
        item.put("actionKey", s(issued.actionKey()));
        item.put("subjectType", s(issued.subject().type().name()));
        item.put("subjectId", s(issued.subject().id()));
        item.put("customerHash", s(issued.customerHash()));
        issued.code().ifPresent(code -> item.put("code", s(code)));
        issued.refusal().ifPresent(why -> item.put("refusal", s(why)));
        item.put("percent", n(issued.percent()));
        item.put("issuedAt", Items.time(issued.issuedAt()));
        item.put("endsAt", Items.time(issued.endsAt()));
        if (issued.anyBuyer()) {
            item.put(ANY_BUYER, AttributeValue.fromBool(true));
        }
        return item;
    }

    private static IssuedDiscount read(ShopId shop, Map<String, AttributeValue> item) {
        return new IssuedDiscount(shop, Items.requiredString(item, "actionKey"),
                new Subject(Subject.Type.valueOf(Items.requiredString(item, "subjectType")), Items.requiredString(item, "subjectId")),
                Items.requiredString(item, "customerHash"), Items.string(item, "code"), (int) Items.number(item, "percent"),
                Items.string(item, "refusal"), Items.time(item, "issuedAt").orElseThrow(), Items.time(item, "endsAt").orElseThrow(),
                item.containsKey(ANY_BUYER) && Boolean.TRUE.equals(item.get(ANY_BUYER).bool()));
    }
}
