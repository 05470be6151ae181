package io.aftercare.dynamodb;

import static io.aftercare.dynamodb.Items.n;
import static io.aftercare.dynamodb.Items.s;
import static io.aftercare.dynamodb.Items.time;

import io.aftercare.domain.AlreadyExists;
import io.aftercare.domain.ChangedMeanwhile;
import io.aftercare.domain.DuplicateDelivery;
import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.Page;
import io.aftercare.domain.PageRequest;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.action.DueAction;
import io.aftercare.domain.order.CustomerContact;
import io.aftercare.domain.order.OrderId;
import io.aftercare.domain.shop.Priority;
import io.aftercare.domain.ticket.LastMessage;
import io.aftercare.domain.ticket.QueueView;
import io.aftercare.domain.ticket.SlaClock;
import io.aftercare.domain.shop.SlaTarget;
import io.aftercare.domain.ticket.Ticket;
import io.aftercare.domain.ticket.TicketBuilder;
import io.aftercare.domain.ticket.TicketChange;
import io.aftercare.domain.ticket.TicketStatus;
import io.aftercare.domain.ticket.TicketStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Tickets in the table. A change is one transaction: the ticket (guarded by its version), its queue rows, the customer's open
 * complaints, the timeline entries, the new deadlines, an agent's reply, and, for a webhook, the delivery's dedupe
 * marker. A cancelled transaction has one meaning per cause: the marker's condition (a duplicate delivery), the new
 * ticket's (it exists), anything else (the version moved, or another transaction held an item: changed meanwhile).
 */
public final class DynamoTicketStore implements TicketStore {

    private static final String REPLY_TEXT = "message";
    private static final String COUNTER = "next";
    private static final String LAST_MESSAGE = "lastMessage";
    private static final String QUEUE_ROW = "TICKET_QUEUE_ROW";
    private static final String NUMBER_PREFIX = "T-";
    /** Numbers start at T-1001. */
    private static final long FIRST_NUMBER_OFFSET = 1000;

    private final DynamoDbClient dynamo;
    private final String table;
    private final RecordingItems recordingItems;

    public DynamoTicketStore(DynamoDbClient dynamo, String table) {
        this(dynamo, table, DynamoActionStore.DEFAULT_DUE_SHARDS);
    }

    /** @param dueShards the due index's partitions per hour, as the sweep reads them */
    public DynamoTicketStore(DynamoDbClient dynamo, String table, int dueShards) {
        this.dynamo = dynamo;
        this.table = table;
        this.recordingItems = new RecordingItems(table, dueShards);
    }

    @Override
    public Optional<Ticket> find(ShopId shop, String ticketId) {
        var item = dynamo.getItem(b -> b.tableName(table).key(Keys.ticketItem(shop, ticketId)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(read(shop, item));
    }

    @Override
    public void create(TicketChange change, Optional<String> deliveryKey) {
        write(change, deliveryKey, true);
    }

    @Override
    public void update(TicketChange change, Optional<String> deliveryKey) {
        write(change, deliveryKey, false);
    }

    @Override
    public Optional<String> reply(ShopId shop, String ticketId, long number) {
        var item = dynamo.getItem(b -> b.tableName(table).key(Keys.key(Keys.ticket(shop, ticketId), Keys.ticketReply(number))).consistentRead(true)).item();
        return Items.string(item == null ? Map.of() : item, REPLY_TEXT);
    }

    /** One consistent {@code BatchGetItem} of both items of the ticket's partition (asked again for any left unprocessed). */
    @Override
    public Optional<WithReply> findWithReply(ShopId shop, String ticketId, long number) {
        var ticketKey = Keys.ticketItem(shop, ticketId);
        var replyKey = Keys.key(Keys.ticket(shop, ticketId), Keys.ticketReply(number));
        Map<String, AttributeValue> ticket = null;
        Map<String, AttributeValue> reply = Map.of();
        Map<String, KeysAndAttributes> wanted = Map.of(table, KeysAndAttributes.builder().keys(ticketKey, replyKey).consistentRead(true).build());
        while (!wanted.isEmpty()) {
            Map<String, KeysAndAttributes> asked = wanted;
            var response = dynamo.batchGetItem(b -> b.requestItems(asked));
            for (var item : response.responses().getOrDefault(table, List.of())) {
                if (Keys.TICKET.equals(item.get(Keys.SK).s())) {
                    ticket = item;
                } else {
                    reply = item;
                }
            }
            wanted = response.unprocessedKeys();
        }
        return ticket == null ? Optional.empty() : Optional.of(new WithReply(read(shop, ticket), Items.string(reply, REPLY_TEXT)));
    }

    private void write(TicketChange change, Optional<String> deliveryKey, boolean creating) {
        Ticket ticket = change.ticket();
        String ticketCondition = creating ? "attribute_not_exists(PK)" : "version = :previous";
        Map<String, AttributeValue> values = creating ? Map.of() : Map.of(":previous", n(ticket.version() - 1));
        List<TransactWriteItem> items = new ArrayList<>();
        deliveryKey.ifPresent(key -> items.add(recordingItems.deliveryMarker(ticket.shop(), key, "complaint", change.at())));
        int ticketIndex = items.size();
        items.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(item(change))
                .conditionExpression(ticketCondition).expressionAttributeValues(values.isEmpty() ? null : values).build()).build());
        items.addAll(queueRows(items.get(ticketIndex).put().item(), ticket));
        items.add(customerTicket(ticket));
        items.addAll(DynamoSearch.ticket(table, ticket));
        if (creating) { // a customer who wrote in before any order is found too
            items.addAll(DynamoSearch.customer(table, ticket.shop(), ticket.customer()));
        }
        if (creating) {
            items.add(takeNumber(ticket));
        }
        if (change.openComplaintsDelta() != 0) {
            var profile = new UpdateExpression(Keys.key(Keys.customer(ticket.shop(), ticket.customer().email()), Keys.PROFILE))
                    .setIfAbsent(Keys.TYPE, s("CUSTOMER"))
                    .setIfAbsent("email", s(ticket.customer().email().value()))
                    .addNumber(DynamoRecipientStore.OPEN_COMPLAINTS, change.openComplaintsDelta());
            if (change.openComplaintsDelta() > 0) {
                profile.set(DynamoRecipientStore.LAST_COMPLAINT, time(change.at()));
            }
            items.add(profile.transactItem(table));
        }
        Optional<String> customer = Optional.of(ticket.customer().email().hash());
        change.entries().forEach(entry -> items.add(TimelineItems.write(ticket.shop(), entry, customer, entry.at()).transactItem(table)));
        for (DueAction action : change.actions()) {
            items.add(recordingItems.action(ticket.shop(), action, change.at()));
        }
        change.reply().ifPresent(reply -> items.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(Map.of(
                Keys.PK, s(Keys.ticket(ticket.shop(), ticket.id())), Keys.SK, s(Keys.ticketReply(reply.number())),
                Keys.TYPE, s("TICKET_REPLY"), REPLY_TEXT, s(reply.message()), "at", time(change.at()))).build()).build()));
        try {
            dynamo.transactWriteItems(b -> b.transactItems(items));
        } catch (TransactionCanceledException e) {
            var reasons = e.cancellationReasons();
            if (deliveryKey.isPresent() && "ConditionalCheckFailed".equals(reasons.get(0).code())) {
                throw new DuplicateDelivery(deliveryKey.get());
            }
            if (creating && "ConditionalCheckFailed".equals(reasons.get(ticketIndex).code())) {
                throw new AlreadyExists("ticket " + ticket.id() + " exists already");
            }
            if (reasons.stream().anyMatch(r -> "ConditionalCheckFailed".equals(r.code()) || "TransactionConflict".equals(r.code()))) {
                throw new ChangedMeanwhile("ticket " + ticket.number() + " was changed meanwhile; read it again");
            }
            throw e;
        }
    }

    @Override
    public Page<Ticket> queue(ShopId shop, QueueView view, Optional<EmailAddress> member, Instant now, PageRequest page) {
        var queue = switch (view) {
            case ALL, BREACHING -> new Queue(Keys.ticketQueue(shop), Keys.TICKET);
            case MINE -> new Queue(Keys.assigneeQueue(shop, Optional.of(member.orElseThrow())), Keys.TICKET_ROW_PREFIX);
            case UNASSIGNED -> new Queue(Keys.assigneeQueue(shop, Optional.empty()), Keys.TICKET_ROW_PREFIX);
            case BREACHED, PENDING -> new Queue(Keys.stateQueue(shop, view), Keys.TICKET_ROW_PREFIX);
        };
        var startKey = page.pageToken().map(t -> PageTokens.decode(t, new PageTokens.Query(Keys.GSI1_PK, queue.partition(),
                Set.of(Keys.PK, Keys.SK, Keys.GSI1_PK, Keys.GSI1_SK), Keys.tickets(shop), queue.rows()))).orElse(null);
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":queue", s(queue.partition())));
        String condition = "GSI1PK = :queue";
        if (view == QueueView.BREACHING) { // deadlines sort as times, pending tickets after them all
            values.put(":until", s(Keys.upTo(now.plus(QueueView.BREACHING_WITHIN))));
            condition += " AND GSI1SK < :until";
        }
        String keyCondition = condition;
        var response = dynamo.query(b -> b.tableName(table).indexName(Keys.INDEX_GSI1)
                .keyConditionExpression(keyCondition)
                .expressionAttributeValues(values)
                .limit(page.limit())
                .exclusiveStartKey(startKey));
        return new Page<>(response.items().stream().map(item -> read(shop, item)).toList(), PageTokens.encode(response.lastEvaluatedKey()));
    }

    /** A view's partition of GSI1, and how the sort keys of the items it holds start (the ticket or its rows). */
    private record Queue(String partition, String rows) {
    }

    @Override
    public String nextNumber(ShopId shop) {
        var item = dynamo.getItem(b -> b.tableName(table).key(Keys.key(Keys.shop(shop), Keys.TICKET_COUNTER)).consistentRead(true)).item();
        long taken = item == null || !item.containsKey(COUNTER) ? 0 : Long.parseLong(item.get(COUNTER).n());
        return NUMBER_PREFIX + (taken + 1 + FIRST_NUMBER_OFFSET);
    }

    /**
     * Takes the new ticket's number in its own transaction, only if no other ticket took it meanwhile: a duplicate
     * or a ticket that exists already never moves the counter.
     */
    private TransactWriteItem takeNumber(Ticket ticket) {
        long taken = Long.parseLong(ticket.number().substring(NUMBER_PREFIX.length())) - FIRST_NUMBER_OFFSET;
        var counter = new UpdateExpression(Keys.key(Keys.shop(ticket.shop()), Keys.TICKET_COUNTER)).set(COUNTER, n(taken));
        return (taken == 1 ? counter.condition("attribute_not_exists(" + counter.name(COUNTER) + ")")
                : counter.condition(counter.name(COUNTER) + " = " + counter.value(n(taken - 1)))).transactItem(table);
    }

    private Map<String, AttributeValue> item(TicketChange change) {
        Ticket t = change.ticket();
        Map<String, AttributeValue> item = new HashMap<>(Keys.ticketItem(t.shop(), t.id()));
        item.put(Keys.TYPE, s(Keys.TICKET));
        item.put("ticketId", s(t.id()));
        item.put("number", s(t.number()));
        item.put("subject", s(t.subject()));
        item.put("priority", s(t.priority().slug()));
        item.put("status", s(t.status().slug()));
        item.put("customerEmail", s(t.customer().email().value()));
        t.customer().name().ifPresent(v -> item.put("customerName", s(v)));
        t.customer().locale().ifPresent(v -> item.put("customerLocale", s(v)));
        t.order().ifPresent(o -> item.put("orderId", s(o.value())));
        t.assignee().ifPresent(a -> item.put("assignee", s(a.value())));
        item.put("escalationLevel", n(t.escalationLevel()));
        item.put("clocks", AttributeValue.fromL(t.clocks().stream().map(DynamoTicketStore::clock).toList()));
        item.put("createdAt", time(t.createdAt()));
        t.firstResponseAt().ifPresent(at -> item.put("firstResponseAt", time(at)));
        t.resolvedAt().ifPresent(at -> item.put("resolvedAt", time(at)));
        item.put("compensated", AttributeValue.fromBool(t.compensated()));
        item.put("plan", n(t.plan()));
        item.put("version", n(t.version()));
        t.lastMessage().ifPresent(m -> item.put(LAST_MESSAGE, AttributeValue.fromM(Map.of("at", time(m.at()), "by", s(m.by()), "excerpt", s(m.excerpt())))));
        if (t.status().isActive()) {
            item.put(Keys.GSI1_PK, s(Keys.ticketQueue(t.shop())));
            item.put(Keys.GSI1_SK, s(Keys.ticketQueueSort(change.nextBreach(), t.id())));
        }
        return item;
    }

    /**
     * Gives the shop's open and pending tickets stored before queue rows their rows, their link beside the customer
     * and their search terms (a one-time upgrade, see the runbook), each in a transaction conditional on the ticket's version, so a ticket changed meanwhile, which wrote
     * its own rows, is left alone. Idempotent.
     *
     * @return the tickets given their rows
     */
    public int writeQueueRows(ShopId shop) {
        int written = 0;
        for (var item : dynamo.queryPaginator(b -> b.tableName(table).indexName(Keys.INDEX_GSI1).keyConditionExpression("GSI1PK = :queue")
                .expressionAttributeValues(Map.of(":queue", s(Keys.ticketQueue(shop))))).items()) {
            Ticket ticket = read(shop, item);
            List<TransactWriteItem> items = new ArrayList<>(queueRows(item, ticket));
            items.add(customerTicket(ticket));
            items.addAll(DynamoSearch.ticket(table, ticket));
            items.add(TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(table)
                    .key(Keys.key(item.get(Keys.PK).s(), Keys.TICKET)).conditionExpression("version = :seen")
                    .expressionAttributeValues(Map.of(":seen", item.get("version"))).build()).build());
            try {
                dynamo.transactWriteItems(b -> b.transactItems(items));
                written++;
            } catch (TransactionCanceledException changedMeanwhile) {
                // its change wrote its rows
            }
        }
        return written;
    }

    private List<TransactWriteItem> queueRows(Map<String, AttributeValue> ticketItem, Ticket ticket) {
        boolean active = ticket.status().isActive();
        return List.of(queueRow(ticketItem, Keys.TICKET_ASSIGNEE_ROW, active ? Optional.of(Keys.assigneeQueue(ticket.shop(), ticket.assignee())) : Optional.empty()),
                queueRow(ticketItem, Keys.TICKET_STATE_ROW, active ? QueueView.stateOf(ticket).map(state -> Keys.stateQueue(ticket.shop(), state)) : Optional.empty()));
    }

    /** The ticket as the customer's panel lists it, beside their profile. */
    private TransactWriteItem customerTicket(Ticket t) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(Map.of(
                Keys.PK, s(Keys.customer(t.shop(), t.customer().email())), Keys.SK, s(Keys.customerTicket(t.id())),
                Keys.TYPE, s("CUSTOMER_TICKET"), "ticketId", s(t.id()), "number", s(t.number()), "subject", s(t.subject()),
                "status", s(t.status().slug()), "createdAt", time(t.createdAt()))).build()).build();
    }

    /**
     * A copy of the ticket that puts it in one more view of the queue (its assignee's, pending, breached), sorted as
     * in the whole queue; deleted when the ticket is in none. Written with the ticket, so a view is never behind it.
     */
    private TransactWriteItem queueRow(Map<String, AttributeValue> ticketItem, String row, Optional<String> queue) {
        var key = Keys.key(ticketItem.get(Keys.PK).s(), row);
        if (queue.isEmpty()) {
            return TransactWriteItem.builder().delete(Delete.builder().tableName(table).key(key).build()).build();
        }
        Map<String, AttributeValue> copy = new HashMap<>(ticketItem);
        copy.putAll(key);
        copy.put(Keys.TYPE, s(QUEUE_ROW));
        copy.put(Keys.GSI1_PK, s(queue.get()));
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(copy).build()).build();
    }

    private static AttributeValue clock(SlaClock c) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("target", s(c.target().slug()));
        m.put("cycle", n(c.cycle()));
        m.put("budgetMs", n(c.budget().toMillis()));
        m.put("consumedMs", n(c.consumed().toMillis()));
        c.runningSince().ifPresent(at -> m.put("runningSince", time(at)));
        c.metAt().ifPresent(at -> m.put("metAt", time(at)));
        m.put("breached", AttributeValue.fromBool(c.breached()));
        return AttributeValue.fromM(m);
    }

    static Ticket read(ShopId shop, Map<String, AttributeValue> item) {
        List<SlaClock> clocks = item.get("clocks").l().stream().map(AttributeValue::m).map(m -> new SlaClock(
                SlaTarget.fromSlug(m.get("target").s()), Integer.parseInt(m.get("cycle").n()),
                Duration.ofMillis(Long.parseLong(m.get("budgetMs").n())), Duration.ofMillis(Long.parseLong(m.get("consumedMs").n())),
                Items.time(m, "runningSince"), Items.time(m, "metAt"), m.get("breached").bool())).toList();
        return TicketBuilder.builder().shop(shop).id(Items.requiredString(item, "ticketId")).number(Items.requiredString(item, "number"))
                .subject(Items.requiredString(item, "subject")).priority(Priority.fromSlug(Items.requiredString(item, "priority")))
                .status(TicketStatus.fromSlug(Items.requiredString(item, "status")))
                .customer(new CustomerContact(new EmailAddress(Items.requiredString(item, "customerEmail")), Items.string(item, "customerName"),
                        Items.string(item, "customerLocale")))
                .order(Items.string(item, "orderId").map(OrderId::new)).assignee(Items.string(item, "assignee").map(EmailAddress::new))
                .escalationLevel((int) Items.number(item, "escalationLevel")).clocks(clocks).createdAt(Items.time(item, "createdAt").orElseThrow())
                .firstResponseAt(Items.time(item, "firstResponseAt")).resolvedAt(Items.time(item, "resolvedAt"))
                .compensated(Optional.ofNullable(item.get("compensated")).map(AttributeValue::bool).orElse(false))
                .plan((int) Items.number(item, "plan")).version(Items.number(item, "version"))
                .lastMessage(Optional.ofNullable(item.get(LAST_MESSAGE)).map(AttributeValue::m).map(m -> new LastMessage(
                        Items.time(m, "at").orElseThrow(), Items.requiredString(m, "by"), Items.requiredString(m, "excerpt"))))
                .build();
    }
}
