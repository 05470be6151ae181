package io.aftercare.dynamodb;

import static io.aftercare.dynamodb.Items.s;

import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.order.CustomerContact;
import io.aftercare.domain.order.OrderId;
import io.aftercare.domain.order.OrderSnapshot;
import io.aftercare.domain.search.Search;
import io.aftercare.domain.ticket.Ticket;
import io.aftercare.domain.timeline.Subject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The search index: one small item per term in the shop's search partition, holding what a hit shows, written (put,
 * so a repeat changes nothing) in the transaction that records the customer, the order or the ticket. A search is one
 * prefix query per field, and for an address the customer's profile read by its hash (an address is never in a key). A name or subject changed later leaves its old terms behind: they still lead to the same one.
 */
public final class DynamoSearch implements Search {

    private static final String NAME = "name";
    private static final String ORDER = "order";
    private static final String TICKET = "ticket";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoSearch(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Results find(ShopId shop, String query) {
        String term = Search.normalize(query);
        Map<String, CustomerHit> customers = new LinkedHashMap<>();
        if (EmailAddress.isValid(query.strip())) { // an address is never in a key: its customer is found by its hash, whole
            var address = new EmailAddress(query.strip());
            var profile = dynamo.getItem(b -> b.tableName(table).key(Keys.key(Keys.customer(shop, address), Keys.PROFILE))).item();
            if (profile != null && !profile.isEmpty()) { // keyed as its name terms are, so a name hit does not list it twice
                customers.put(address.hash(), new CustomerHit(Items.requiredString(profile, "email"), Items.string(profile, "name").orElse(null)));
            }
        }
        for (var item : query(shop, NAME, term)) {
            customers.putIfAbsent(Items.requiredString(item, "id"), new CustomerHit(Items.requiredString(item, "email"), Items.string(item, "name").orElse(null)));
        }
        return new Results(customers.values().stream().limit(LIMIT).toList(),
                distinct(query(shop, ORDER, term), item -> new OrderHit(Items.requiredString(item, "id"), Items.requiredString(item, "number"),
                        Items.string(item, "customerEmail").orElse(null))),
                distinct(query(shop, TICKET, term), item -> new TicketHit(Items.requiredString(item, "id"), Items.requiredString(item, "number"),
                        Items.requiredString(item, "subject"), Items.requiredString(item, "status"))));
    }

    private List<Map<String, AttributeValue>> query(ShopId shop, String field, String term) {
        return dynamo.query(b -> b.tableName(table).keyConditionExpression("PK = :pk AND begins_with(SK, :term)")
                .expressionAttributeValues(Map.of(":pk", s(Keys.search(shop)), ":term", s(Keys.searchPrefix(field, term))))
                .limit(LIMIT * 2)).items();
    }

    /** One hit per id (a ticket is found by its number and its digits alike). */
    private static <T> List<T> distinct(List<Map<String, AttributeValue>> items, Function<Map<String, AttributeValue>, T> hit) {
        Map<String, T> hits = new LinkedHashMap<>();
        items.forEach(item -> hits.putIfAbsent(Items.requiredString(item, "id"), hit.apply(item)));
        return hits.values().stream().limit(LIMIT).toList();
    }

    /** A customer's terms: their name's (their address is found by the profile's own key, a hash). */
    static List<TransactWriteItem> customer(String table, ShopId shop, CustomerContact contact) {
        Map<String, AttributeValue> shows = new HashMap<>(Map.of("id", s(contact.email().hash()), "email", s(contact.email().value())));
        contact.name().ifPresent(name -> shows.put("name", s(name)));
        List<TransactWriteItem> items = new ArrayList<>();
        contact.name().ifPresent(name -> Search.nameTerms(name).forEach(term ->
                items.add(put(table, shop, NAME, term, Subject.Type.CUSTOMER, contact.email().hash(), shows))));
        return items;
    }

    /** An order's terms: its number and its id, once if they are the same. */
    static List<TransactWriteItem> order(String table, ShopId shop, OrderSnapshot order, Optional<EmailAddress> customer) {
        return order(table, shop, order.orderId(), order.name(), customer);
    }

    static List<TransactWriteItem> order(String table, ShopId shop, OrderId order, String number, Optional<EmailAddress> customer) {
        Map<String, AttributeValue> shows = new HashMap<>(Map.of("id", s(order.value()), "number", s(number)));
        customer.ifPresent(c -> shows.put("customerEmail", s(c.value())));
        return new java.util.LinkedHashSet<>(List.of(Search.normalize(number), Search.normalize(order.value()))).stream()
                .map(term -> put(table, shop, ORDER, term, Subject.Type.ORDER, order.value(), shows)).toList();
    }

    /** A ticket's terms: its number (and digits), rewritten with its subject and status by every change. */
    static List<TransactWriteItem> ticket(String table, Ticket ticket) {
        Map<String, AttributeValue> shows = Map.of("id", s(ticket.id()), "number", s(ticket.number()), "subject", s(ticket.subject()),
                "status", s(ticket.status().slug()));
        return Search.ticketTerms(ticket.number()).stream()
                .map(term -> put(table, ticket.shop(), TICKET, term, Subject.Type.TICKET, ticket.id(), shows)).toList();
    }

    /** The keys of the name terms {@link #customer} writes for a customer known by {@code name}: what their erasure deletes. */
    static List<Map<String, AttributeValue>> customerTermKeys(ShopId shop, String emailHash, String name) {
        return Search.nameTerms(name).stream().map(term -> Keys.key(Keys.search(shop), Keys.searchTerm(NAME, term, Subject.Type.CUSTOMER, emailHash))).toList();
    }

    /** The keys of a ticket's terms (they show its subject, which the customer wrote). */
    static List<Map<String, AttributeValue>> ticketTermKeys(ShopId shop, String ticketId, String number) {
        return Search.ticketTerms(number).stream().map(term -> Keys.key(Keys.search(shop), Keys.searchTerm(TICKET, term, Subject.Type.TICKET, ticketId))).toList();
    }

    private static TransactWriteItem put(String table, ShopId shop, String field, String term, Subject.Type kind, String id,
                                         Map<String, AttributeValue> shows) {
        Map<String, AttributeValue> item = new HashMap<>(shows);
        item.putAll(Keys.key(Keys.search(shop), Keys.searchTerm(field, term, kind, id)));
        item.put(Keys.TYPE, s("SEARCH_TERM"));
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item).build()).build();
    }
}
