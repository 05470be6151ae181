package io.aftercare.dynamodb;

import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.order.CustomerContact;
import io.aftercare.domain.order.OrderId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The search terms of customers, orders and tickets recorded before search existed, written as their own writes write
 * them (the same items, put: a term already there is written again unchanged, so a repeat or a record changed
 * meanwhile changes nothing). One page of a scan of the table at a time, resumable from the key a page ended at.
 */
public final class SearchBackfill {

    /** What one page did, and where the next begins (empty: the table is done). */
    public record Page(int customers, int orders, int tickets, Optional<Map<String, AttributeValue>> next) {
    }

    private static final int BATCH = 25;

    private final DynamoDbClient dynamo;
    private final String table;

    public SearchBackfill(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** @param from where the page starts: the {@link Page#next()} of the one before, or empty for the first */
    public Page page(Optional<Map<String, AttributeValue>> from, int limit) {
        var scanned = dynamo.scan(b -> {
            b.tableName(table).limit(limit).filterExpression("(SK = :profile AND #type = :customer) OR (SK = :order AND #type = :order) OR (SK = :ticket AND #type = :ticket)")
                    .expressionAttributeNames(Map.of("#type", Keys.TYPE))
                    .expressionAttributeValues(Map.of(":profile", Items.s(Keys.PROFILE), ":customer", Items.s("CUSTOMER"),
                            ":order", Items.s(Keys.ORDER), ":ticket", Items.s(Keys.TICKET)));
            from.ifPresent(b::exclusiveStartKey);
        });
        int customers = 0;
        int orders = 0;
        int tickets = 0;
        List<TransactWriteItem> terms = new ArrayList<>();
        for (var item : scanned.items()) {
            Optional<ShopId> shop = Keys.ownerOf(item.get(Keys.PK).s());
            if (shop.isEmpty()) {
                continue;
            }
            switch (item.get(Keys.SK).s()) {
                case Keys.PROFILE -> {
                    var email = Items.string(item, "email").filter(EmailAddress::isValid);
                    if (email.isPresent()) {
                        terms.addAll(DynamoSearch.customer(table, shop.get(),
                                new CustomerContact(new EmailAddress(email.get()), Items.string(item, "name"), Optional.empty())));
                        customers++;
                    }
                }
                case Keys.ORDER -> {
                    var number = Items.string(item, "name"); // an order known only by its facts has no number to find it by yet
                    if (number.isPresent()) {
                        terms.addAll(DynamoSearch.order(table, shop.get(), new OrderId(Items.requiredString(item, "orderId")), number.get(),
                                Items.string(item, RecordingItems.CUSTOMER_EMAIL).filter(EmailAddress::isValid).map(EmailAddress::new)));
                        orders++;
                    }
                }
                default -> { // and its customer by the name on it, as its opening did (their profile may hold no name)
                    var ticket = DynamoTicketStore.read(shop.get(), item);
                    terms.addAll(DynamoSearch.ticket(table, ticket));
                    terms.addAll(DynamoSearch.customer(table, shop.get(), ticket.customer()));
                    tickets++;
                }
            }
        }
        put(terms);
        Map<String, AttributeValue> last = scanned.lastEvaluatedKey();
        return new Page(customers, orders, tickets, last == null || last.isEmpty() ? Optional.empty() : Optional.of(last));
    }

    /** The terms' puts, each key once (a batch refuses a key twice), in batches retried until none is left unprocessed. */
    private void put(List<TransactWriteItem> terms) {
        Map<String, Map<String, AttributeValue>> byKey = new LinkedHashMap<>();
        terms.forEach(term -> byKey.put(term.put().item().get(Keys.PK).s() + "\n" + term.put().item().get(Keys.SK).s(), term.put().item()));
        List<WriteRequest> writes = byKey.values().stream().map(item -> WriteRequest.builder().putRequest(p -> p.item(item)).build()).toList();
        for (int i = 0; i < writes.size(); i += BATCH) {
            Map<String, List<WriteRequest>> left = Map.of(table, writes.subList(i, Math.min(writes.size(), i + BATCH)));
            for (int attempt = 0; !left.getOrDefault(table, List.of()).isEmpty(); attempt++) {
                pause(attempt);
                var pending = left;
                left = dynamo.batchWriteItem(b -> b.requestItems(pending)).unprocessedItems();
            }
        }
    }

    /** Throttled writes come back unprocessed: each retry waits longer (none before the first). */
    private static void pause(int attempt) {
        if (attempt == 0) {
            return;
        }
        try {
            Thread.sleep(Math.min(2_000, 50L << Math.min(attempt, 6)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing search terms", e);
        }
    }
}
