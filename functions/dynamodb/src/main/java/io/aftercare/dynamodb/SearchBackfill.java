package io.aftercare.dynamodb;

import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.order.CustomerContact;
import io.aftercare.domain.order.OrderId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The search terms of customers, orders and tickets recorded before search existed, written as their own writes write
 * them (the same items, put: a term already there is written again unchanged, so a repeat or a record changed
 * meanwhile changes nothing). It is given the items an operator's migration read (SearchIndexMigration scans the
 * table once: no index lists a shop's customers and orders, and the functions never scan); other items are passed over.
 */
public final class SearchBackfill {

    /** What a batch of items gave search terms to. */
    public record Indexed(int customers, int orders, int tickets) {

        public Indexed plus(Indexed more) {
            return new Indexed(customers + more.customers, orders + more.orders, tickets + more.tickets);
        }
    }

    private static final String CUSTOMER = "CUSTOMER";

    private final DynamoDbClient dynamo;
    private final String table;

    public SearchBackfill(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** Writes the terms of the customer profiles, orders and tickets among {@code items}. */
    public Indexed index(List<Map<String, AttributeValue>> items) {
        int customers = 0;
        int orders = 0;
        int tickets = 0;
        List<TransactWriteItem> terms = new ArrayList<>();
        for (var item : items) {
            Optional<ShopId> shop = Keys.ownerOf(item.get(Keys.PK).s());
            if (shop.isEmpty()) {
                continue;
            }
            if (is(item, Keys.PROFILE, CUSTOMER)) {
                var email = Items.string(item, "email").filter(EmailAddress::isValid);
                if (email.isPresent()) {
                    terms.addAll(DynamoSearch.customer(table, shop.get(),
                            new CustomerContact(new EmailAddress(email.get()), Items.string(item, "name"), Optional.empty())));
                    customers++;
                }
            } else if (is(item, Keys.ORDER, Keys.ORDER)) {
                var number = Items.string(item, "name"); // an order known only by its facts has no number to find it by yet
                if (number.isPresent()) {
                    terms.addAll(DynamoSearch.order(table, shop.get(), new OrderId(Items.requiredString(item, "orderId")), number.get(),
                            Items.string(item, RecordingItems.CUSTOMER_EMAIL).filter(EmailAddress::isValid).map(EmailAddress::new)));
                    orders++;
                }
            } else if (is(item, Keys.TICKET, Keys.TICKET)) { // and its customer by the name on it, as its opening did (their profile may hold no name)
                var ticket = DynamoTicketStore.read(shop.get(), item);
                terms.addAll(DynamoSearch.ticket(table, ticket));
                terms.addAll(DynamoSearch.customer(table, shop.get(), ticket.customer()));
                tickets++;
            }
        }
        put(terms);
        return new Indexed(customers, orders, tickets);
    }

    private static boolean is(Map<String, AttributeValue> item, String sortKey, String type) {
        return sortKey.equals(item.get(Keys.SK).s()) && Items.string(item, Keys.TYPE).filter(type::equals).isPresent();
    }

    /** The terms' puts, each key once, in batches. */
    private void put(List<TransactWriteItem> terms) {
        BatchWrites.put(dynamo, table, terms.stream().map(term -> term.put().item()).toList());
    }
}
