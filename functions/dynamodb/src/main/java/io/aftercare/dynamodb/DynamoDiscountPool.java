package io.aftercare.dynamodb;

import static io.aftercare.dynamodb.Items.n;
import static io.aftercare.dynamodb.Items.s;

import io.aftercare.domain.ShopId;
import io.aftercare.domain.discount.CheckoutCodes;
import io.aftercare.domain.discount.DiscountPool;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
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
    /** A transaction holds at most 100 items: a put and a check per code, and the count. */
    private static final int CODES_PER_WRITE = 49;
    private static final int KEYS_PER_READ = 100;
    /** Tries of one transaction of codes, each after a conflict with a hand-out's count or with codes added meanwhile. */
    private static final int WRITE_TRIES = 10;

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
            var picked = free.get(ThreadLocalRandom.current().nextInt(free.size()));
            String code = Items.requiredString(picked, "code");
            // by the key it has, not one made from the code: a code uploaded before keys were upper-cased keeps its case
            String freeKey = Items.requiredString(picked, Keys.SK);
            try {
                dynamo.transactWriteItems(b -> b.transactItems(
                        t -> t.delete(d -> d.tableName(table).key(Keys.key(pk, freeKey)).conditionExpression("attribute_exists(PK)")),
                        t -> t.put(p -> p.tableName(table).item(Map.of(Keys.PK, s(pk), Keys.SK, s(Keys.poolTaken(code)),
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

    /**
     * Adds the codes a transaction at a time, each with the count of free codes, so an upload of thousands takes tens of
     * requests and a crash midway leaves the count true. Nothing is written when a code differs only in case from one
     * in the pool: the checkout takes them for one code, which would be handed out twice.
     */
    @Override
    public int add(ShopId shop, List<String> codes) {
        String pk = Keys.pool(shop);
        List<String> distinct = codes.stream().distinct().toList();
        Set<String> known = known(pk, distinct);
        List<String> fresh = distinct.stream().filter(code -> !known.contains(code)).toList();
        int added = 0;
        for (int from = 0; from < fresh.size(); from += CODES_PER_WRITE) {
            added += write(pk, fresh.subList(from, Math.min(fresh.size(), from + CODES_PER_WRITE)));
        }
        return added;
    }

    /** The codes in the pool already, free or handed out; @throws InvalidInput for a code given (or there) in another case */
    private Set<String> known(String pk, List<String> codes) {
        var given = new CheckoutCodes();
        codes.forEach(given::add);
        Set<String> known = new HashSet<>();
        // each code free or taken, and where an older upload kept its case
        List<Map<String, AttributeValue>> wanted = new ArrayList<>();
        for (String code : codes) {
            wanted.add(Keys.key(pk, Keys.poolFree(code)));
            wanted.add(Keys.key(pk, Keys.poolTaken(code)));
            Keys.poolAsUploaded(code).forEach(sk -> wanted.add(Keys.key(pk, sk)));
        }
        for (int from = 0; from < wanted.size(); from += KEYS_PER_READ) {
            List<Map<String, AttributeValue>> keys = wanted.subList(from, Math.min(wanted.size(), from + KEYS_PER_READ));
            Map<String, KeysAndAttributes> unread = Map.of(table, KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
            while (!unread.isEmpty()) {
                Map<String, KeysAndAttributes> asked = unread;
                var read = dynamo.batchGetItem(b -> b.requestItems(asked));
                for (var item : read.responses().getOrDefault(table, List.of())) {
                    String there = Items.requiredString(item, "code");
                    if (given.contains(there)) {
                        known.add(there);
                    }
                }
                unread = read.hasUnprocessedKeys() ? read.unprocessedKeys() : Map.of();
            }
        }
        return known;
    }

    /** One transaction: each code free unless it is there or was handed out, and the count up by those added. */
    private int write(String pk, List<String> codes) {
        List<String> left = new ArrayList<>(codes);
        for (int attempt = 0; attempt < WRITE_TRIES && !left.isEmpty(); attempt++) {
            List<TransactWriteItem> items = new ArrayList<>();
            for (String code : left) {
                items.add(TransactWriteItem.builder().put(p -> p.tableName(table).conditionExpression("attribute_not_exists(PK)")
                        .item(Map.of(Keys.PK, s(pk), Keys.SK, s(Keys.poolFree(code)), "code", s(code)))).build());
                items.add(TransactWriteItem.builder().conditionCheck(c -> c.tableName(table).key(Keys.key(pk, Keys.poolTaken(code)))
                        .conditionExpression("attribute_not_exists(PK)")).build());
            }
            int adding = left.size();
            items.add(TransactWriteItem.builder().update(u -> u.tableName(table).key(Keys.key(pk, Keys.POOL_COUNT))
                    .updateExpression("ADD freeCodes :added").expressionAttributeValues(Map.of(":added", n(adding)))).build());
            try {
                dynamo.transactWriteItems(b -> b.transactItems(items));
                return adding;
            } catch (TransactionCanceledException e) {
                // a code uploaded or handed out meanwhile is left out; a conflict with a hand-out's count is tried again
                List<CancellationReason> reasons = e.cancellationReasons();
                List<String> still = new ArrayList<>();
                for (int i = 0; i < left.size(); i++) {
                    boolean there = failed(reasons, 2 * i) || failed(reasons, 2 * i + 1);
                    if (!there) {
                        still.add(left.get(i));
                    }
                }
                left = still;
            }
        }
        if (left.isEmpty()) {
            return 0;
        }
        throw new IllegalStateException("codes not added in " + WRITE_TRIES + " tries");
    }

    private static boolean failed(List<CancellationReason> reasons, int item) {
        return item < reasons.size() && "ConditionalCheckFailed".equals(reasons.get(item).code());
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
