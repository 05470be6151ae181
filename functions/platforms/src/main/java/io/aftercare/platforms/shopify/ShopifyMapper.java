package io.aftercare.platforms.shopify;

import static io.aftercare.platforms.Json.array;
import static io.aftercare.platforms.Json.email;
import static io.aftercare.platforms.Json.object;
import static io.aftercare.platforms.Json.requiredId;
import static io.aftercare.platforms.Json.requiredTime;
import static io.aftercare.platforms.Json.text;
import static io.aftercare.platforms.Json.time;

import com.fasterxml.jackson.databind.JsonNode;
import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.InvalidInput;
import io.aftercare.domain.Money;
import io.aftercare.domain.event.CustomerUpdate;
import io.aftercare.domain.event.OrderUpdate;
import io.aftercare.domain.event.PlatformEvent;
import io.aftercare.domain.order.CustomerContact;
import io.aftercare.domain.order.FulfilmentStatus;
import io.aftercare.domain.order.OrderFact;
import io.aftercare.domain.order.OrderId;
import io.aftercare.domain.order.OrderLine;
import io.aftercare.domain.order.OrderSnapshot;
import io.aftercare.domain.event.ReturnProgress;
import io.aftercare.domain.order.ReturnDisposition;
import io.aftercare.domain.order.ReturnEvent;
import io.aftercare.domain.order.ReturnReference;
import io.aftercare.domain.order.ShipmentStatus;
import io.aftercare.domain.order.Tracking;
import io.aftercare.platforms.Json;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Shopify's REST webhook payloads (orders, fulfillments, fulfillment events, refunds, returns, customers) in domain terms. */
final class ShopifyMapper {

    private static final List<String> PAID = List.of("paid", "partially_refunded", "refunded");
    private static final Pattern CUSTOMER_ID = Pattern.compile("[0-9]{1,20}");
    /** Kept on the erasure's job item (400 KB at most): far more orders than one customer places. */
    static final int MAX_ORDERS_TO_REDACT = 5_000;

    OrderUpdate order(JsonNode order, boolean created, Optional<Instant> triggeredAt) {
        OrderId orderId = Json.orderId(order, "id");
        Instant placedAt = requiredTime(order, "created_at");
        Instant updatedAt = time(order, "updated_at").orElse(placedAt);
        String shopCurrency = Json.currency(order, "currency");
        String presentment = text(order, "presentment_currency").isPresent() ? Json.currency(order, "presentment_currency") : shopCurrency;
        String currency = presentment.equals(shopCurrency) || inPresentmentMoney(order) ? presentment : shopCurrency;
        var snapshot = new OrderSnapshot(orderId,
                text(order, "name").orElseGet(() -> "#" + text(order, "order_number").orElse(orderId.value())),
                placedAt,
                customerMoney(order, "total_price", currency, shopCurrency),
                lines(order, currency, shopCurrency),
                contact(order),
                Json.money(order, "total_price", shopCurrency));

        List<OrderFact> facts = new ArrayList<>();
        facts.add(new OrderFact.Placed(placedAt));
        if (PAID.contains(text(order, "financial_status").orElse(""))) {
            facts.add(new OrderFact.Paid(created ? placedAt : updatedAt));
        }
        time(order, "cancelled_at").ifPresent(at -> facts.add(new OrderFact.Cancelled(at, text(order, "cancel_reason"))));
        for (JsonNode fulfillment : array(order, "fulfillments")) {
            facts.addAll(fulfillmentFacts(fulfillment));
        }
        for (JsonNode refund : array(order, "refunds")) {
            facts.addAll(refundFacts(refund, currency)); // a transaction naming no currency is in the one the customer paid in
        }
        return new OrderUpdate(orderId, triggeredAt.orElse(updatedAt), Optional.of(snapshot), facts, Optional.empty(), created);
    }

    OrderUpdate fulfillment(JsonNode fulfillment, Optional<Instant> triggeredAt) {
        List<OrderFact> facts = fulfillmentFacts(fulfillment);
        Instant at = facts.isEmpty() ? requiredTime(fulfillment, "created_at") : facts.get(0).at();
        return new OrderUpdate(Json.orderId(fulfillment, "order_id"), triggeredAt.orElse(at), Optional.empty(), facts,
                email(fulfillment, "email"), false);
    }

    OrderUpdate fulfillmentEvent(JsonNode event, Optional<Instant> triggeredAt) {
        Instant at = time(event, "happened_at").orElseGet(() -> requiredTime(event, "created_at"));
        String fulfilment = requiredId(event, "fulfillment_id");
        List<OrderFact> facts = new ArrayList<>();
        shipmentStatus(text(event, "status")).ifPresent(status -> facts.add(new OrderFact.ShipmentProgressed(fulfilment, status, at, text(event, "message"))));
        time(event, "estimated_delivery_at").ifPresent(by -> facts.add(new OrderFact.DeliveryExpected(fulfilment, by, at)));
        return new OrderUpdate(Json.orderId(event, "order_id"), triggeredAt.orElse(at), Optional.empty(), facts, Optional.empty(), false);
    }

    OrderUpdate refund(JsonNode refund, Optional<Instant> triggeredAt) {
        List<OrderFact> facts = refundFacts(refund, Money.UNKNOWN_CURRENCY);
        return new OrderUpdate(Json.orderId(refund, "order_id"), triggeredAt.orElse(facts.get(0).at()), Optional.empty(), facts,
                Optional.empty(), false);
    }

    /**
     * A step of a return. Shopify's return payloads carry no time, so the step's time is when Shopify triggered the
     * delivery; request, approve and decline name the order as {@code order.id}, the others as {@code order_id}. A
     * decline's {@code decline.note} is Shopify's message to the customer about it: the decline's reason in the email.
     */
    OrderUpdate returnChange(JsonNode body, ReturnEvent event, Instant triggeredAt) {
        OrderId orderId = body.has("order") ? Json.orderId(object(body, "order"), "id") : Json.orderId(body, "order_id");
        Optional<String> note = body.has("decline") ? text(object(body, "decline"), "note") : Optional.empty();
        String returnId = requiredId(body, "id");
        return new OrderUpdate(orderId, triggeredAt, Optional.empty(), List.of(new OrderFact.ReturnChanged(returnId, event, triggeredAt, note,
                Optional.empty(), Map.of(), Set.of(ReturnReference.ofReturn(returnId)))), Optional.empty(), false);
    }

    /**
     * {@code reverse_deliveries/attach_deliverable}: a label or tracking for the parcel going back was attached to the
     * return (named by its id only): the goods are on their way back.
     */
    ReturnProgress reverseDelivery(JsonNode body, Instant triggeredAt) {
        String returnId = requiredId(Json.requiredObject(body, "return"), "id");
        JsonNode tracking = object(object(body, "shipping_deliverable"), "tracking");
        var parcel = new Tracking(text(tracking, "carrier_name"), text(tracking, "tracking_number"), text(tracking, "tracking_url"));
        return new ReturnProgress(ReturnReference.ofReturn(returnId), ReturnEvent.IN_TRANSIT, triggeredAt, Optional.of(parcel), Map.of());
    }

    /**
     * {@code reverse_fulfillment_orders/dispose}: items of a reverse fulfilment order (named by its id only) were
     * received and disposed of; how many each way, by Shopify's disposition type (one it adds later is left out).
     */
    ReturnProgress disposal(JsonNode body, Instant triggeredAt) {
        var order = new ReturnReference(ReturnReference.Kind.REVERSE_FULFILMENT_ORDER, requiredId(body, "id"));
        Map<ReturnDisposition, Integer> disposed = new EnumMap<>(ReturnDisposition.class);
        for (JsonNode disposition : array(body, "dispositions")) {
            int quantity = Json.quantity(disposition, "quantity");
            text(disposition, "type").flatMap(ReturnDisposition::fromPlatform).ifPresent(type -> disposed.merge(type, quantity, Math::addExact));
        }
        return new ReturnProgress(order, ReturnEvent.RECEIVED, triggeredAt, Optional.empty(), disposed);
    }

    /** A customer without an email address is nobody Aftercare can write to: ignored. */
    Optional<PlatformEvent> customer(JsonNode customer, Optional<Instant> triggeredAt) {
        Instant updatedAt = time(customer, "updated_at").or(() -> time(customer, "created_at"))
                .or(() -> triggeredAt).orElse(Instant.EPOCH);
        return email(customer, "email").map(address -> new CustomerUpdate(
                new CustomerContact(address, fullName(customer), text(customer, "locale"), customerId(customer)), triggeredAt.orElse(updatedAt)));
    }

    /**
     * The customer a compliance webhook is about, by their address, as Aftercare keys customers: one Shopify knows
     * only by phone is no one Aftercare holds anything about (empty, and the delivery is acknowledged as ignored).
     */
    Optional<EmailAddress> privacyCustomer(JsonNode body) {
        return email(Json.requiredObject(body, "customer"), "email");
    }

    /** {@code orders_to_redact}: Shopify's order ids (numbers, beyond a double's precision, so read as their digits). */
    Set<OrderId> ordersToRedact(JsonNode body) {
        JsonNode orders = body.get("orders_to_redact");
        if (orders == null || orders.isNull()) {
            return Set.of();
        }
        if (!orders.isArray() || orders.size() > MAX_ORDERS_TO_REDACT) {
            throw Json.invalid("orders_to_redact", "must be an array of at most " + MAX_ORDERS_TO_REDACT + " order ids");
        }
        Set<OrderId> ids = new LinkedHashSet<>();
        for (JsonNode order : orders) {
            if (!order.isIntegralNumber() && !order.isTextual()) {
                throw Json.invalid("orders_to_redact", "must hold order ids");
            }
            try {
                ids.add(new OrderId(order.asText()));
            } catch (InvalidInput e) {
                throw Json.invalid("orders_to_redact", "must hold order ids of 1-64 letters, digits or _ . : -");
            }
        }
        return ids;
    }

    /** Shopify's numeric customer id (its admin GraphQL id is {@code gid://shopify/Customer/{id}}); anything else is no id. */
    private static Optional<String> customerId(JsonNode customer) {
        return Json.id(customer, "id").filter(CUSTOMER_ID.asMatchPredicate());
    }

    private static List<OrderFact> fulfillmentFacts(JsonNode fulfillment) {
        String id = requiredId(fulfillment, "id");
        Instant at = time(fulfillment, "updated_at").orElseGet(() -> requiredTime(fulfillment, "created_at"));
        List<OrderFact> facts = new ArrayList<>();
        fulfilmentStatus(text(fulfillment, "status"))
                .ifPresent(status -> facts.add(new OrderFact.FulfilmentChanged(id, status, at, tracking(fulfillment))));
        shipmentStatus(text(fulfillment, "shipment_status"))
                .ifPresent(status -> facts.add(new OrderFact.ShipmentProgressed(id, status, at, Optional.empty())));
        time(fulfillment, "estimated_delivery_at").ifPresent(by -> facts.add(new OrderFact.DeliveryExpected(id, by, at)));
        return facts;
    }

    private static Tracking tracking(JsonNode fulfillment) {
        return new Tracking(text(fulfillment, "tracking_company"),
                text(fulfillment, "tracking_number").or(() -> first(fulfillment, "tracking_numbers")),
                text(fulfillment, "tracking_url").or(() -> first(fulfillment, "tracking_urls")));
    }

    private static Optional<String> first(JsonNode node, String arrayField) {
        JsonNode array = node.get(arrayField);
        return array != null && array.isArray() && array.size() > 0 && array.get(0).isTextual()
                ? Optional.of(array.get(0).asText()) : Optional.empty();
    }

    /** Shopify's fulfilment statuses; "success" is the one meaning the parcel left. Unknown ones are skipped. */
    private static Optional<FulfilmentStatus> fulfilmentStatus(Optional<String> status) {
        return status.flatMap(s -> switch (s) {
            case "pending" -> Optional.of(FulfilmentStatus.PENDING);
            case "open" -> Optional.of(FulfilmentStatus.OPEN);
            case "success" -> Optional.of(FulfilmentStatus.SHIPPED);
            case "cancelled" -> Optional.of(FulfilmentStatus.CANCELLED);
            case "error", "failure" -> Optional.of(FulfilmentStatus.FAILED);
            default -> Optional.empty();
        });
    }

    /** Shopify's shipment (tracking) statuses; a status Shopify adds later is skipped rather than refused. */
    static Optional<ShipmentStatus> shipmentStatus(Optional<String> status) {
        return status.map(s -> s.toUpperCase(Locale.ROOT))
                .map(s -> s.equals("CARRIER_PICKED_UP") ? "PICKED_UP" : s)
                .flatMap(s -> ShipmentStatus.reported().filter(v -> v.name().equals(s)).findFirst());
    }

    /**
     * A refund's successful refund transactions, each in its own money: {@code amount_set.presentment_money} where
     * given, else {@code amount} in {@code currency}; one that names no currency is in the currency of the refund's
     * line items, else {@code fallbackCurrency}. One fact per currency (a refund is normally in one); the first keeps
     * the refund's id, any other is keyed by the refund and its currency, so redeliveries stay one fact each.
     */
    private static List<OrderFact> refundFacts(JsonNode refund, String fallbackCurrency) {
        String refundId = requiredId(refund, "id");
        Instant at = time(refund, "processed_at").orElseGet(() -> requiredTime(refund, "created_at"));
        Optional<String> note = text(refund, "note");
        String defaultCurrency = lineItemCurrency(refund).orElse(fallbackCurrency);
        Map<String, BigDecimal> byCurrency = new LinkedHashMap<>();
        for (JsonNode transaction : array(refund, "transactions")) {
            if ("refund".equals(text(transaction, "kind").orElse("")) && "success".equals(text(transaction, "status").orElse(""))) {
                Money money = transactionMoney(transaction, defaultCurrency);
                byCurrency.merge(money.currency(), money.amount(), BigDecimal::add);
            }
        }
        if (byCurrency.isEmpty()) {
            return List.of(new OrderFact.Refunded(refundId, new Money(BigDecimal.ZERO, defaultCurrency), at, note));
        }
        List<OrderFact> facts = new ArrayList<>();
        byCurrency.forEach((currency, amount) -> facts.add(new OrderFact.Refunded(
                facts.isEmpty() ? refundId : refundId + "-" + currency, new Money(amount, currency), at, note)));
        return facts;
    }

    private static Money transactionMoney(JsonNode transaction, String defaultCurrency) {
        JsonNode presentment = presentmentMoney(transaction, "amount");
        if (text(presentment, "amount").isPresent()) {
            return Json.money(presentment, "amount", Json.currency(presentment, "currency_code"));
        }
        String currency = text(transaction, "currency").isPresent() ? Json.currency(transaction, "currency") : defaultCurrency;
        return Json.money(transaction, "amount", currency);
    }

    /** Transactions often carry no currency; a refund's line items' presentment money (what the customer paid in) does. */
    private static Optional<String> lineItemCurrency(JsonNode refund) {
        for (JsonNode line : array(refund, "refund_line_items")) {
            JsonNode presentment = presentmentMoney(line, "subtotal");
            if (text(presentment, "currency_code").isPresent()) {
                return Optional.of(Json.currency(presentment, "currency_code"));
            }
        }
        return Optional.empty();
    }

    private static List<OrderLine> lines(JsonNode order, String currency, String shopCurrency) {
        List<OrderLine> lines = new ArrayList<>();
        for (JsonNode line : array(order, "line_items")) {
            lines.add(new OrderLine(Json.displayText(line, "title").or(() -> Json.displayText(line, "name")).orElse("Item"),
                    Json.quantity(line, "quantity"), customerMoney(line, "price", currency, shopCurrency)));
        }
        return lines;
    }

    /**
     * An amount as the customer saw it. Shopify's plain fields ({@code total_price}, {@code price}) are in the shop's
     * currency; a customer who paid in another (Shopify Markets) saw {@code <field>_set.presentment_money}.
     */
    private static Money customerMoney(JsonNode node, String field, String currency, String shopCurrency) {
        return currency.equals(shopCurrency) ? Json.money(node, field, currency)
                : Json.money(presentmentMoney(node, field), "amount", currency);
    }

    /**
     * Whether the total and every line price carry their presentment money. An order kept in one currency needs all
     * of them; where one is missing the whole order is recorded in the shop's money (its total then equals the shop
     * total) rather than refused, which would make Shopify retry and then delete the subscription.
     */
    private static boolean inPresentmentMoney(JsonNode order) {
        if (text(presentmentMoney(order, "total_price"), "amount").isEmpty()) {
            return false;
        }
        for (JsonNode line : array(order, "line_items")) {
            if (text(presentmentMoney(line, "price"), "amount").isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** {@code <field>_set.presentment_money}: Shopify's amount in the currency the customer paid in; empty if absent. */
    private static JsonNode presentmentMoney(JsonNode node, String field) {
        return object(object(node, field + "_set"), "presentment_money");
    }

    /** The order's own email is where Shopify sends the customer's order mail; the account's is the fallback. */
    private static Optional<CustomerContact> contact(JsonNode order) {
        JsonNode customer = object(order, "customer");
        Optional<EmailAddress> address = email(order, "email").or(() -> email(order, "contact_email")).or(() -> email(customer, "email"));
        Optional<String> name = fullName(customer).or(() -> fullName(object(order, "billing_address")));
        return address.map(a -> new CustomerContact(a, name, text(order, "customer_locale"), customerId(customer)));
    }

    private static Optional<String> fullName(JsonNode person) {
        String name = Stream.of(text(person, "first_name"), text(person, "last_name"))
                .flatMap(Optional::stream).collect(Collectors.joining(" "));
        return name.isBlank() ? Optional.empty() : Optional.of(name);
    }
}
