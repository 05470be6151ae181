package io.aftercare.dynamodb;

import static io.aftercare.dynamodb.Items.s;
import static io.aftercare.dynamodb.Items.time;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aftercare.domain.DuplicateDelivery;
import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.action.ActionDetail;
import io.aftercare.domain.action.ActionKind;
import io.aftercare.domain.action.DueAction;
import io.aftercare.domain.action.Reason;
import io.aftercare.domain.inbound.AttachmentStore;
import io.aftercare.domain.order.OrderId;
import io.aftercare.domain.privacy.PrivacyStore;
import io.aftercare.domain.privacy.SuppressionKey;
import io.aftercare.domain.timeline.Subject;
import io.aftercare.domain.timeline.TimelineEntry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Privacy requests' work on the table. A customer's data is found from their own partition and what it points to
 * (their orders' and tickets' partitions, the entries the customer index lists, their search terms): never a scan. A
 * shop's erasure is the one job that scans, page by page from a cursor kept outside the shop: no index lists every
 * partition of a shop (one would cost a write on every item the table holds), and the job runs in the worker, never in
 * a request, so the scan costs time, not an answer. Every batch is idempotent: deleting twice deletes once.
 *
 * <p>What a customer's erasure covers, in one place ({@link #eraseCustomer}): their suppression (kept by a keyed hash
 * when hard), their orders (the order item anonymised, its timeline and returns deleted, its pending emails cancelled),
 * their tickets (whole partitions: messages, replies, queue rows, the emails received on them and those emails' kept
 * attachments), the entries the customer index lists, the mail from them the shop refused or quarantined (kept on the shop's trail by
 * their hash), their search terms, and their own partition (profile, surveys,
 * metrics history, exports). Something new that holds a customer's data is added there, and to {@link #export}. A
 * shop's erasure deletes the shop's attachments first, then its items. An attachment is deleted before the item that
 * lists it, so a batch cut short leaves nothing unlisted behind, and is done again.
 */
public final class DynamoPrivacy implements PrivacyStore {

    /** Items one batch reads: a batch is a query page and its deletes, well inside any Lambda timeout. */
    static final int BATCH = 100;
    /** Below DynamoDB's 400 KB item limit, with room for the part's other attributes. */
    static final int EXPORT_PART_BYTES = 300_000;
    /**
     * The order's attributes that name its customer (and the digest of what named them: without it, a later delivery
     * of the order writes the customer's link and terms again, as before erasure); the rest (lines, totals,
     * milestones) is the shop's bookkeeping and stays.
     */
    static final List<String> ORDER_PERSONAL = List.of(RecordingItems.CUSTOMER_EMAIL, "customerName", "customerLocale", RecordingItems.CUSTOMER_PLATFORM_ID,
            RecordingItems.INDEXED);
    /** Attributes that only place an item in the table or its indexes: not part of what an export says. */
    private static final Set<String> KEY_ATTRIBUTES = Set.of(Keys.PK, Keys.SK, Keys.GSI1_PK, Keys.GSI1_SK, Keys.BY_TIME_SK, Keys.DUE_PK, Keys.DUE_SK);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DynamoDbClient dynamo;
    private final String table;
    private final RecordingItems items;
    private final Supplier<SuppressionKey> suppressionKey;
    private final Optional<Supplier<AttachmentStore>> attachments;

    /**
     * @param suppressionKey what keeps an erased customer's suppression (asked for only by an erasure that finds one)
     * @param attachments where received mail's attachments are kept; none where no mail is received
     */
    public DynamoPrivacy(DynamoDbClient dynamo, String table, int dueShards, Supplier<SuppressionKey> suppressionKey,
                         Optional<Supplier<AttachmentStore>> attachments) {
        this.dynamo = dynamo;
        this.table = table;
        this.items = new RecordingItems(table, dueShards);
        this.suppressionKey = suppressionKey;
        this.attachments = attachments;
    }

    @Override
    public void open(ShopId shop, DueAction job, TimelineEntry entry, Optional<String> deliveryKey, String topic, Instant now) {
        List<TransactWriteItem> writes = new ArrayList<>();
        deliveryKey.ifPresent(key -> writes.add(items.deliveryMarker(shop, key, topic, now)));
        writes.add(items.action(shop, job, now));
        writes.add(TimelineItems.write(shop, entry, Optional.empty(), now).transactItem(table));
        try {
            dynamo.transactWriteItems(b -> b.transactItems(writes));
        } catch (TransactionCanceledException e) {
            // the marker and the job are the only conditions: either says this request was recorded before
            if (e.cancellationReasons().stream().anyMatch(r -> "ConditionalCheckFailed".equals(r.code()))) {
                throw new DuplicateDelivery(deliveryKey.orElse(job.id()));
            }
            throw e;
        }
    }

    @Override
    public Progress step(ShopId shop, ActionKind kind, ActionDetail.Privacy job, Instant now) {
        if (kind.equals(ActionKind.SHOP_ERASURE)) {
            return eraseShop(shop);
        }
        String customer = job.customer().orElseThrow(() -> new IllegalArgumentException(kind + " names no customer"));
        return kind.equals(ActionKind.DATA_EXPORT) ? export(shop, customer, job.request(), now) : eraseCustomer(shop, customer, job.orders(), now);
    }

    /**
     * A customer's erasure leaves its job without the customer's hash (the trail keeps the request's id); a shop's
     * deletes its job and the progress lines it wrote on the shop's trail after the scan had passed it.
     */
    @Override
    public void finished(ShopId shop, ActionKind kind, String jobId) {
        var job = Keys.actionItem(shop, jobId);
        if (kind.equals(ActionKind.CUSTOMER_ERASURE)) {
            var update = new UpdateExpression(job);
            ActionItems.PRIVACY_PERSONAL.forEach(update::remove);
            dynamo.updateItem(update.condition("attribute_exists(" + Keys.PK + ")").request(table));
        } else if (kind.equals(ActionKind.SHOP_ERASURE)) {
            List<Map<String, AttributeValue>> left = new ArrayList<>(queryAll(Keys.subject(shop, Subject.shop(shop)), ""));
            left.add(job);
            BatchWrites.delete(dynamo, table, left);
        }
    }

    /** The latest complete export of the customer's data, as the JSON it was made as. */
    public Optional<byte[]> latestExport(ShopId shop, EmailAddress customer) {
        Map<String, TreeMap<String, Map<String, AttributeValue>>> byRequest = new HashMap<>();
        queryAll(QueryRequest.builder().tableName(table).consistentRead(true).keyConditionExpression("PK = :pk AND begins_with(SK, :export)")
                .expressionAttributeValues(Map.of(":pk", s(Keys.customer(shop, customer)), ":export", s(Keys.EXPORT_PREFIX))).build())
                .forEach(part -> byRequest.computeIfAbsent(Items.requiredString(part, "request"), r -> new TreeMap<>()).put(part.get(Keys.SK).s(), part));
        return byRequest.values().stream()
                .filter(parts -> parts.size() == Items.number(parts.firstEntry().getValue(), "parts"))
                .max((a, b) -> Items.requiredString(a.firstEntry().getValue(), "requestedAt").compareTo(Items.requiredString(b.firstEntry().getValue(), "requestedAt")))
                .map(parts -> {
                    var whole = new ByteArrayOutputStream();
                    parts.values().forEach(part -> whole.writeBytes(part.get("data").b().asByteArray()));
                    return whole.toByteArray();
                });
    }

    // ---- a customer's erasure ----

    /**
     * The first part of the customer's data still there, in this order: the suppression (while the profile still says
     * the address), the orders, the tickets, the mail refused from them, the entries the customer index lists, then the customer's own partition,
     * the profile last of all (it is what the first step reads).
     */
    private Progress eraseCustomer(ShopId shop, String customer, Set<String> namedOrders, Instant now) {
        String partition = Keys.customerByHash(shop, customer);
        if (keepSuppression(shop, partition)) {
            return new Progress(1, false);
        }
        for (String order : orders(shop, partition, customer, namedOrders)) {
            int done = eraseFromOrder(shop, partition, new OrderId(order), now);
            if (done > 0) {
                return new Progress(done, false);
            }
        }
        var ticketLink = query(partition, Keys.CUSTOMER_TICKET_PREFIX, 1);
        if (!ticketLink.isEmpty()) {
            return new Progress(eraseTicket(shop, customer, ticketLink.get(0)), false);
        }
        var refused = query(refusedMailPartition(shop), Keys.receivedMailFrom(customer), BATCH);
        if (!refused.isEmpty()) {
            deleteAttachments(refused);
            BatchWrites.delete(dynamo, table, refused);
            return new Progress(refused.size(), false);
        }
        var indexed = dynamo.query(b -> b.tableName(table).indexName(Keys.INDEX_GSI1).keyConditionExpression("GSI1PK = :pk")
                .expressionAttributeValues(Map.of(":pk", s(partition))).limit(BATCH)).items();
        if (!indexed.isEmpty()) {
            BatchWrites.delete(dynamo, table, indexed);
            return new Progress(indexed.size(), false);
        }
        var own = query(partition, "", BATCH);
        if (own.isEmpty()) {
            return new Progress(0, true);
        }
        List<Map<String, AttributeValue>> deletes = new ArrayList<>();
        for (var item : own) {
            if (Keys.PROFILE.equals(item.get(Keys.SK).s())) {
                Items.string(item, "name").ifPresent(name -> deletes.addAll(DynamoSearch.customerTermKeys(shop, customer, name)));
            }
            deletes.add(item);
        }
        BatchWrites.delete(dynamo, table, deletes);
        return new Progress(own.size(), false);
    }

    /**
     * A hard suppression is kept by a keyed hash of the address before the customer's own goes: mail to the address
     * stays stopped after everything that says it is gone. True when there was one to move.
     */
    private boolean keepSuppression(ShopId shop, String partition) {
        var suppression = dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(Keys.key(partition, Keys.SUPPRESSION))).item();
        if (suppression == null || suppression.isEmpty()) {
            return false;
        }
        Optional<String> hard = Items.string(suppression, DynamoRecipientStore.HARD);
        var profile = dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(Keys.key(partition, Keys.PROFILE))).item();
        Optional<EmailAddress> address = Items.string(profile == null ? Map.of() : profile, "email").filter(EmailAddress::isValid).map(EmailAddress::new);
        if (hard.isPresent() && address.isPresent()) {
            Map<String, AttributeValue> kept = new HashMap<>(Keys.erasedSuppression(shop, suppressionKey.get().of(address.get())));
            kept.put(Keys.TYPE, s(Keys.SUPPRESSION));
            kept.put(DynamoRecipientStore.HARD, s(hard.get()));
            kept.put("updatedAt", suppression.getOrDefault("updatedAt", s("")));
            dynamo.putItem(b -> b.tableName(table).item(kept));
        }
        dynamo.deleteItem(b -> b.tableName(table).key(Keys.key(partition, Keys.SUPPRESSION)));
        return true;
    }

    /** The customer's orders: those linked to them, then those the platform named that are still theirs (no one else's is touched). */
    private List<String> orders(ShopId shop, String partition, String customer, Set<String> named) {
        List<String> orders = new ArrayList<>();
        query(partition, Keys.ORDER_PREFIX, BATCH).forEach(link -> orders.add(Items.requiredString(link, "orderId")));
        for (String order : named) {
            if (orders.contains(order)) {
                continue;
            }
            var item = dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(Keys.key(Keys.order(shop, new OrderId(order)), Keys.ORDER))
                    .projectionExpression(RecordingItems.CUSTOMER_EMAIL)).item();
            Items.string(item == null ? Map.of() : item, RecordingItems.CUSTOMER_EMAIL).filter(EmailAddress::isValid)
                    .filter(email -> new EmailAddress(email).hash().equals(customer)).ifPresent(email -> orders.add(order));
        }
        return orders;
    }

    /**
     * One page of what the order holds about its customer: its timeline (each pending email it scheduled cancelled
     * first), then its returns; once none is left, the order item loses the customer's fields, its search terms their
     * address, and the customer their link to it. How many items it changed: none when the order was done already.
     */
    private int eraseFromOrder(ShopId shop, String customerPartition, OrderId order, Instant now) {
        String partition = Keys.order(shop, order);
        for (String prefix : List.of(Keys.EVENT_PREFIX, Keys.RETURN_PREFIX)) {
            var page = query(partition, prefix, BATCH);
            if (!page.isEmpty()) {
                page.stream().map(item -> Items.string(item, "entryId")).flatMap(Optional::stream)
                        .filter(id -> id.startsWith(SCHEDULED)).forEach(id -> cancel(shop, id.substring(SCHEDULED.length()), now));
                BatchWrites.delete(dynamo, table, page);
                return page.size();
            }
        }
        var orderKey = Keys.key(partition, Keys.ORDER);
        var item = dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(orderKey)).item();
        var link = Keys.key(customerPartition, Keys.customerOrder(order));
        boolean linked = !dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(link)).item().isEmpty();
        boolean personal = item != null && ORDER_PERSONAL.stream().anyMatch(item::containsKey);
        if (personal) {
            var anonymised = new UpdateExpression(orderKey);
            ORDER_PERSONAL.forEach(anonymised::remove);
            anonymised.condition("attribute_exists(" + Keys.PK + ")");
            dynamo.updateItem(anonymised.request(table));
            Items.string(item, "name").ifPresent(number -> BatchWrites.put(dynamo, table,
                    DynamoSearch.order(table, shop, order, number, Optional.empty()).stream().map(term -> term.put().item()).toList()));
        }
        if (linked) {
            dynamo.deleteItem(b -> b.tableName(table).key(link));
        }
        return (personal ? 1 : 0) + (linked ? 1 : 0);
    }

    /** How an order's "scheduled" entry is named: {@code scheduled-{action id}} ({@code TimelineWriter.scheduled}). */
    private static final String SCHEDULED = "scheduled-";

    /**
     * A pending email of an erased customer's order: cancelled, with the reason, unless a worker holds it (it re-checks
     * the order, which no longer names them). An action stored before actions stopped keeping the address loses it either way.
     */
    private void cancel(ShopId shop, String actionId, Instant now) {
        var key = Keys.actionItem(shop, actionId);
        var update = new UpdateExpression(key)
                .set("status", s(DynamoActionStore.DONE))
                .set("result", s("skipped"))
                .set("reason", s(Reason.CUSTOMER_ERASED.code()))
                .set("completedAt", time(now))
                .remove(Keys.DUE_PK).remove(Keys.DUE_SK).remove(RecordingItems.CUSTOMER_EMAIL);
        update.condition(update.name("status") + " = " + update.value(s(RecordingItems.STATUS_PENDING)));
        try {
            dynamo.updateItem(update.request(table));
        } catch (ConditionalCheckFailedException doneOrClaimed) {
            var stripped = new UpdateExpression(key).remove(RecordingItems.CUSTOMER_EMAIL).condition("attribute_exists(" + Keys.PK + ")");
            try {
                dynamo.updateItem(stripped.request(table));
            } catch (ConditionalCheckFailedException gone) {
                // never scheduled, or deleted: nothing to cancel
            }
        }
    }

    /** A ticket of theirs: its search terms (they show what the customer wrote), then its whole partition, a page at a time, then the link. */
    private int eraseTicket(ShopId shop, String customer, Map<String, AttributeValue> link) {
        String ticketId = Items.requiredString(link, "ticketId");
        String partition = Keys.ticket(shop, ticketId);
        List<Map<String, AttributeValue>> deletes = new ArrayList<>(DynamoSearch.ticketTermKeys(shop, ticketId, Items.requiredString(link, "number")));
        var ticket = dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(Keys.key(partition, Keys.TICKET))).item();
        if (ticket != null) {
            // the ticket wrote its customer's name terms too (their profile may have had no name)
            Items.string(ticket, "customerName").ifPresent(name -> deletes.addAll(DynamoSearch.customerTermKeys(shop, customer, name)));
        }
        var page = query(partition, "", BATCH);
        deletes.addAll(page);
        if (page.isEmpty()) {
            deletes.add(link);
        }
        deleteAttachments(page);
        BatchWrites.delete(dynamo, table, deletes);
        return page.size() + 1;
    }

    /** Where mail that went to no ticket is kept (refused, quarantined): the shop's own trail, each keyed by its sender's hash. */
    private static String refusedMailPartition(ShopId shop) {
        return Keys.subject(shop, Subject.shop(shop));
    }

    /** The kept attachments the received emails among {@code items} list (none where no mail is received). */
    private void deleteAttachments(List<Map<String, AttributeValue>> items) {
        var listed = items.stream().flatMap(item -> DynamoInboundStore.attachments(item).stream()).toList();
        if (!listed.isEmpty()) {
            attachments.ifPresent(store -> store.get().delete(listed));
        }
    }

    // ---- a shop's erasure ----

    /**
     * A batch of the shop's attachments while any is left; then one page of the table's scan, from the cursor the last
     * page left: the shop's items on it deleted (the running job's own item last, by {@link #finished}).
     */
    private Progress eraseShop(ShopId shop) {
        int files = attachments.map(store -> store.get().deleteBatch(shop)).orElse(0);
        if (files > 0) {
            return new Progress(files, false);
        }
        var cursorKey = Keys.shopErasureCursor(shop);
        var cursor = dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(cursorKey)).item();
        Map<String, AttributeValue> from = cursor == null || !cursor.containsKey("from") ? null : cursor.get("from").m();
        String owned = Keys.owned(shop);
        String jobs = Keys.action(shop, ActionKind.SHOP_ERASURE.slug() + "#");
        var page = dynamo.scan(b -> b.tableName(table).limit(BATCH).exclusiveStartKey(from == null || from.isEmpty() ? null : from)
                .filterExpression("(begins_with(PK, :owned) OR PK = :shop) AND NOT begins_with(PK, :jobs)")
                .expressionAttributeValues(Map.of(":owned", s(owned), ":shop", s(Keys.shop(shop)), ":jobs", s(jobs))));
        BatchWrites.delete(dynamo, table, page.items());
        if (!page.hasLastEvaluatedKey() || page.lastEvaluatedKey().isEmpty()) {
            dynamo.deleteItem(b -> b.tableName(table).key(cursorKey));
            return new Progress(page.items().size(), true);
        }
        Map<String, AttributeValue> next = new HashMap<>(cursorKey);
        next.put(Keys.TYPE, s("ERASURE_CURSOR"));
        next.put("from", AttributeValue.fromM(page.lastEvaluatedKey()));
        dynamo.putItem(b -> b.tableName(table).item(next));
        return new Progress(page.items().size(), false);
    }

    // ---- a customer's data, exported ----

    /**
     * Everything the table holds about the customer, as JSON, kept in their partition for the shop's owners (so their
     * erasure deletes it too): their own items, each linked order's and ticket's partition, the entries of theirs
     * the customer index lists elsewhere, and the mail from them the shop refused or quarantined. Made in one batch: a customer's data is small beside a page of a shop's.
     */
    private Progress export(ShopId shop, String customer, String request, Instant now) {
        String partition = Keys.customerByHash(shop, customer);
        ObjectNode export = JSON.createObjectNode().put("request", request).put("generatedAt", now.toString());
        List<Map<String, AttributeValue>> own = queryAll(partition, "").stream()
                .filter(item -> !item.get(Keys.SK).s().startsWith(Keys.EXPORT_PREFIX)).toList();
        export.set("customer", items(own));
        ObjectNode orders = export.putObject("orders");
        ObjectNode tickets = export.putObject("tickets");
        Set<String> seen = new java.util.HashSet<>();
        int count = own.size();
        for (var item : own) {
            String sk = item.get(Keys.SK).s();
            String linked = sk.startsWith(Keys.ORDER_PREFIX) ? Keys.order(shop, new OrderId(Items.requiredString(item, "orderId")))
                    : sk.startsWith(Keys.CUSTOMER_TICKET_PREFIX) ? Keys.ticket(shop, Items.requiredString(item, "ticketId")) : null;
            if (linked != null && seen.add(linked)) {
                var held = queryAll(linked, "");
                count += held.size();
                (sk.startsWith(Keys.ORDER_PREFIX) ? orders : tickets).set(sk.substring(sk.indexOf('#') + 1), items(held));
            }
        }
        List<Map<String, AttributeValue>> elsewhere = queryAll(QueryRequest.builder().tableName(table).indexName(Keys.INDEX_GSI1)
                .keyConditionExpression("GSI1PK = :pk").expressionAttributeValues(Map.of(":pk", s(partition))).build()).stream()
                .filter(entry -> !seen.contains(entry.get(Keys.PK).s()) && !entry.get(Keys.PK).s().equals(partition)).toList();
        export.set("otherTimelineEntries", items(elsewhere));
        count += elsewhere.size();
        List<Map<String, AttributeValue>> refused = queryAll(refusedMailPartition(shop), Keys.receivedMailFrom(customer));
        export.set("refusedMail", items(refused));
        count += refused.size();
        byte[] json = export.toString().getBytes(StandardCharsets.UTF_8);
        int parts = Math.max(1, (json.length + EXPORT_PART_BYTES - 1) / EXPORT_PART_BYTES);
        List<Map<String, AttributeValue>> written = new ArrayList<>();
        for (int part = 0; part < parts; part++) {
            Map<String, AttributeValue> item = new HashMap<>(Keys.key(partition, Keys.exportPart(request, part)));
            item.put(Keys.TYPE, s("EXPORT"));
            item.put("request", s(request));
            item.put("part", Items.n(part));
            item.put("parts", Items.n(parts));
            item.put("requestedAt", time(now));
            item.put("data", AttributeValue.fromB(SdkBytes.fromByteArray(
                    Arrays.copyOfRange(json, part * EXPORT_PART_BYTES, Math.min(json.length, (part + 1) * EXPORT_PART_BYTES)))));
            written.add(item);
        }
        // one part at a time: a batch of 25 parts could pass BatchWriteItem's 16 MB
        written.forEach(item -> dynamo.putItem(b -> b.tableName(table).item(item)));
        return new Progress(count, true);
    }

    private static ArrayNode items(List<Map<String, AttributeValue>> items) {
        ArrayNode array = JSON.createArrayNode();
        items.forEach(item -> {
            ObjectNode node = array.addObject();
            new TreeMap<>(item).forEach((name, value) -> {
                if (!KEY_ATTRIBUTES.contains(name)) {
                    node.set(name, json(value));
                }
            });
        });
        return array;
    }

    /** An attribute as plain JSON: numbers as their exact text, sets as arrays, binary as base64. */
    private static JsonNode json(AttributeValue value) {
        var nodes = JSON.getNodeFactory();
        if (value.s() != null) {
            return nodes.textNode(value.s());
        }
        if (value.n() != null) {
            return nodes.numberNode(new java.math.BigDecimal(value.n()));
        }
        if (value.bool() != null) {
            return nodes.booleanNode(value.bool());
        }
        if (value.b() != null) {
            return nodes.binaryNode(value.b().asByteArray());
        }
        if (value.hasM()) {
            ObjectNode node = nodes.objectNode();
            new TreeMap<>(value.m()).forEach((name, inner) -> node.set(name, json(inner)));
            return node;
        }
        ArrayNode array = nodes.arrayNode();
        if (value.hasL()) {
            value.l().forEach(inner -> array.add(json(inner)));
        } else if (value.hasSs()) {
            value.ss().forEach(array::add);
        } else if (value.hasNs()) {
            value.ns().forEach(n -> array.add(new java.math.BigDecimal(n)));
        } else {
            return nodes.nullNode();
        }
        return array;
    }

    // ---- reading ----

    /** Up to {@code limit} items of the partition whose sort keys start with {@code prefix}, read consistently. */
    private List<Map<String, AttributeValue>> query(String partition, String prefix, int limit) {
        return dynamo.query(request(partition, prefix).toBuilder().limit(limit).build()).items();
    }

    private List<Map<String, AttributeValue>> queryAll(String partition, String prefix) {
        return queryAll(request(partition, prefix));
    }

    private QueryRequest request(String partition, String prefix) {
        return QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression(prefix.isEmpty() ? "PK = :pk" : "PK = :pk AND begins_with(SK, :prefix)")
                .expressionAttributeValues(prefix.isEmpty() ? Map.of(":pk", s(partition)) : Map.of(":pk", s(partition), ":prefix", s(prefix)))
                .build();
    }

    private List<Map<String, AttributeValue>> queryAll(QueryRequest request) {
        List<Map<String, AttributeValue>> all = new ArrayList<>();
        Map<String, AttributeValue> from = null;
        do {
            QueryResponse page = dynamo.query(request.toBuilder().exclusiveStartKey(from).build());
            all.addAll(page.items());
            from = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (from != null);
        return all;
    }
}
