package io.aftercare.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Asks every DynamoDB request for its consumed capacity, and sums what each response says. With {@link #billing} it
 * also prices every item each write request touched as DynamoDB bills it ({@link WriteUnits}, from the item read before
 * and after the request by a client of its own), by the function {@link #function} names and the item's kind.
 */
final class Capacity implements ExecutionInterceptor {
    private static final ExecutionAttribute<List<Map<String, AttributeValue>>> BEFORE = new ExecutionAttribute<>("itemsBefore");

    final DoubleAdder reads = new DoubleAdder();
    final DoubleAdder writes = new DoubleAdder();
    final AtomicLong requests = new AtomicLong();
    /** The time spent reading items for {@link #billing}: the benchmark takes it off the calls it times. */
    final AtomicLong billingNanos = new AtomicLong();
    /** Who the requests are for now: the benchmark runs one function's call at a time. */
    volatile String function = "setup";
    private volatile Billing billing;

    /** The write units billed for one kind of item written by one function, and the requests that wrote it. */
    record Line(String function, String kind, String request) {
    }

    /** Each line's items written, table units and units per index. */
    static final class Billed {
        final AtomicLong items = new AtomicLong();
        final DoubleAdder table = new DoubleAdder();
        final Map<String, DoubleAdder> indexes = new ConcurrentHashMap<>();

        double total() {
            return table.sum() + indexes.values().stream().mapToDouble(DoubleAdder::sum).sum();
        }
    }

    private record Billing(DynamoDbClient plain, String table, WriteUnits units, Map<Line, Billed> lines) {
    }

    /** From now on, prices each write as DynamoDB bills it, reading the items it touches through {@code plain}. */
    void billing(DynamoDbClient plain, String table, WriteUnits units) {
        this.billing = new Billing(plain, table, units, new ConcurrentHashMap<>());
    }

    /** What was billed so far, by function, kind and request; empty without {@link #billing}. */
    Map<Line, Billed> billed() {
        return billing == null ? Map.of() : Map.copyOf(billing.lines());
    }

    /** The kinds of item {@code function} wrote (billed lines only: empty without {@link #billing}). */
    Set<String> kindsWritten(String function) {
        return billed().keySet().stream().filter(line -> line.function().equals(function)).map(Line::kind).collect(Collectors.toSet());
    }

    /** The write units billed in all. */
    double billedWrites() {
        return billed().values().stream().mapToDouble(Billed::total).sum();
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        Billing bill = billing;
        if (bill != null) {
            attributes.putAttribute(BEFORE, written(context.request()).stream().map(w -> read(bill, w.key())).toList());
        }
        var total = ReturnConsumedCapacity.TOTAL;
        return switch (context.request()) {
            case GetItemRequest r -> r.toBuilder().returnConsumedCapacity(total).build();
            case PutItemRequest r -> r.toBuilder().returnConsumedCapacity(total).build();
            case UpdateItemRequest r -> r.toBuilder().returnConsumedCapacity(total).build();
            case DeleteItemRequest r -> r.toBuilder().returnConsumedCapacity(total).build();
            case QueryRequest r -> r.toBuilder().returnConsumedCapacity(total).build();
            case BatchGetItemRequest r -> r.toBuilder().returnConsumedCapacity(total).build();
            case BatchWriteItemRequest r -> r.toBuilder().returnConsumedCapacity(total).build();
            case TransactGetItemsRequest r -> r.toBuilder().returnConsumedCapacity(total).build();
            case TransactWriteItemsRequest r -> r.toBuilder().returnConsumedCapacity(total).build();
            default -> context.request();
        };
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        requests.incrementAndGet();
        bill(context.request(), attributes, false);
        boolean read = context.request() instanceof GetItemRequest || context.request() instanceof QueryRequest
                || context.request() instanceof BatchGetItemRequest || context.request() instanceof TransactGetItemsRequest;
        List<ConsumedCapacity> consumed = switch (context.response()) {
            case GetItemResponse r -> listOf(r.consumedCapacity());
            case PutItemResponse r -> listOf(r.consumedCapacity());
            case UpdateItemResponse r -> listOf(r.consumedCapacity());
            case DeleteItemResponse r -> listOf(r.consumedCapacity());
            case QueryResponse r -> listOf(r.consumedCapacity());
            case BatchGetItemResponse r -> r.consumedCapacity();
            case BatchWriteItemResponse r -> r.consumedCapacity();
            case TransactGetItemsResponse r -> r.consumedCapacity();
            case TransactWriteItemsResponse r -> r.consumedCapacity();
            default -> List.of();
        };
        for (ConsumedCapacity c : consumed) {
            // the split when the store gives it, else the total by the request's kind
            if (c.readCapacityUnits() != null || c.writeCapacityUnits() != null) {
                reads.add(c.readCapacityUnits() == null ? 0 : c.readCapacityUnits());
                writes.add(c.writeCapacityUnits() == null ? 0 : c.writeCapacityUnits());
            } else if (c.capacityUnits() != null) {
                (read ? reads : writes).add(c.capacityUnits());
            }
        }
    }

    /** A transaction cancelled (a condition failed, a conflict) is billed too: its prepare phase, a standard write of each item. */
    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        if (context.request() instanceof TransactWriteItemsRequest) {
            bill(context.request(), attributes, true);
        }
    }

    /** One item a write request touches: its key, and whether it is written (a condition check only reads it). */
    private record Written(Map<String, AttributeValue> key, boolean transactional, boolean changes) {
    }

    private static List<Written> written(SdkRequest request) {
        List<Written> items = new ArrayList<>();
        switch (request) {
            case PutItemRequest r -> items.add(new Written(keyOf(r.item()), false, true));
            case UpdateItemRequest r -> items.add(new Written(r.key(), false, true));
            case DeleteItemRequest r -> items.add(new Written(r.key(), false, true));
            case BatchWriteItemRequest r -> r.requestItems().values().forEach(writes -> writes.forEach(w -> items.add(
                    new Written(w.putRequest() != null ? keyOf(w.putRequest().item()) : w.deleteRequest().key(), false, true))));
            case TransactWriteItemsRequest r -> r.transactItems().forEach(t -> {
                if (t.put() != null) {
                    items.add(new Written(keyOf(t.put().item()), true, true));
                } else if (t.update() != null) {
                    items.add(new Written(t.update().key(), true, true));
                } else if (t.delete() != null) {
                    items.add(new Written(t.delete().key(), true, true));
                } else {
                    items.add(new Written(t.conditionCheck().key(), true, false));
                }
            });
            default -> { }
        }
        return items;
    }

    private void bill(SdkRequest request, ExecutionAttributes attributes, boolean cancelled) {
        Billing bill = billing;
        List<Map<String, AttributeValue>> before = attributes.getAttribute(BEFORE);
        if (bill == null || before == null) {
            return;
        }
        List<Written> items = written(request);
        List<WriteUnits.Units> units = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Written w = items.get(i);
            Map<String, AttributeValue> old = before.get(i);
            Map<String, AttributeValue> now = cancelled || !w.changes() ? old : read(bill, w.key());
            kinds.add(kind(w.key(), now.isEmpty() ? old : now));
            // a cancelled transaction's prepare phase, and a condition check, write no index
            units.add(cancelled || !w.changes() ? new WriteUnits.Units(bill.units().of(old, old, !cancelled).table(), Map.of())
                    : bill.units().of(old, now, w.transactional()));
        }
        String shape = request.getClass().getSimpleName().replace("Request", "") + (cancelled ? " (cancelled)" : "") + ": "
                + kinds.stream().collect(Collectors.groupingBy(k -> k, TreeMap::new, Collectors.counting()))
                .entrySet().stream().map(e -> e.getValue() == 1 ? e.getKey() : e.getKey() + " x" + e.getValue()).collect(Collectors.joining(", "));
        for (int i = 0; i < items.size(); i++) {
            Billed line = bill.lines().computeIfAbsent(new Line(function, kinds.get(i), shape), l -> new Billed());
            line.items.incrementAndGet();
            line.table.add(units.get(i).table());
            units.get(i).indexes().forEach((index, u) -> line.indexes.computeIfAbsent(index, x -> new DoubleAdder()).add(u));
        }
    }

    private Map<String, AttributeValue> read(Billing bill, Map<String, AttributeValue> key) {
        long start = System.nanoTime();
        var item = bill.plain().getItem(b -> b.tableName(bill.table()).key(key).consistentRead(true)).item();
        billingNanos.addAndGet(System.nanoTime() - start);
        return item == null ? Map.of() : item;
    }

    private static Map<String, AttributeValue> keyOf(Map<String, AttributeValue> item) {
        return Map.of("PK", item.get("PK"), "SK", item.get("SK"));
    }

    /** The item's type attribute, else its sort key up to its first {@code #}. */
    static String kind(Map<String, AttributeValue> key, Map<String, AttributeValue> item) {
        AttributeValue type = item.get("type");
        if (type != null && type.s() != null) {
            return type.s();
        }
        String sk = key.get("SK").s();
        int hash = sk.indexOf('#');
        return hash < 0 ? sk : sk.substring(0, hash);
    }

    /** Read and write units together. */
    double units() {
        return reads.sum() + writes.sum();
    }

    void reset() {
        reads.reset();
        writes.reset();
        requests.set(0);
        if (billing != null) {
            billing.lines().clear();
        }
    }

    private static List<ConsumedCapacity> listOf(ConsumedCapacity capacity) {
        return capacity == null ? List.of() : List.of(capacity);
    }
}
