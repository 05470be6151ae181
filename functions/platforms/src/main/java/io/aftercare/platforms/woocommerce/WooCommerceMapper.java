package io.aftercare.platforms.woocommerce;

import static io.aftercare.platforms.Json.array;
import static io.aftercare.platforms.Json.email;
import static io.aftercare.platforms.Json.object;
import static io.aftercare.platforms.Json.requiredId;
import static io.aftercare.platforms.Json.requiredTime;
import static io.aftercare.platforms.Json.text;
import static io.aftercare.platforms.Json.time;

import com.fasterxml.jackson.databind.JsonNode;
import io.aftercare.domain.Money;
import io.aftercare.domain.event.OrderUpdate;
import io.aftercare.domain.order.CustomerContact;
import io.aftercare.domain.order.FulfilmentStatus;
import io.aftercare.domain.order.OrderFact;
import io.aftercare.domain.order.OrderId;
import io.aftercare.domain.order.OrderLine;
import io.aftercare.domain.order.OrderSnapshot;
import io.aftercare.domain.order.Tracking;
import io.aftercare.platforms.Json;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * WooCommerce order objects in domain terms, in each shape an order webhook may deliver, chosen by the webhook's
 * "API version": the WP REST API's (v3, and v1/v2, whose dates are the shop's local time without the {@code *_gmt}
 * fields) and the legacy REST API v3's {@code {"order": ...}} envelope (UTC dates, other field names).
 */
final class WooCommerceMapper {

    /** WooCommerce ships without a fulfilment object: a completed order is one shipment, named after the order. */
    private static final String WHOLE_ORDER_FULFILMENT = "order";
    private static final String WHOLE_ORDER_REFUND = "order";

    OrderUpdate order(JsonNode body, boolean created, ZoneId shopZone) {
        JsonNode order = orderOf(body);
        return order != body ? legacyOrder(order, created) : restOrder(body, created, shopZone);
    }

    /** The order itself: the body, or inside the legacy REST API v3's {@code {"order": ...}} envelope. */
    static JsonNode orderOf(JsonNode body) {
        JsonNode legacy = body.get("order");
        return legacy != null && legacy.isObject() && !body.has("id") ? legacy : body;
    }

    private OrderUpdate restOrder(JsonNode order, boolean created, ZoneId shopZone) {
        Instant placedAt = date(order, "date_created", shopZone).orElseThrow(() -> Json.invalid("date_created_gmt", "is required"));
        Instant modifiedAt = date(order, "date_modified", shopZone).orElse(placedAt);
        String currency = Json.currency(order, "currency");
        List<OrderFact> facts = new ArrayList<>();
        date(order, "date_paid", shopZone).ifPresent(at -> facts.add(new OrderFact.Paid(at)));
        // A refund carries no date of its own; the order's modification is when Aftercare first sees it.
        for (JsonNode refund : array(order, "refunds")) {
            Money amount = Json.money(refund, "total", currency);
            facts.add(new OrderFact.Refunded(requiredId(refund, "id"), new Money(amount.amount().abs(), currency),
                    modifiedAt, text(refund, "reason")));
        }
        String status = text(order, "status").orElse("pending");
        statusFacts(order, status, date(order, "date_completed", shopZone).orElse(modifiedAt), modifiedAt, currency, facts);
        return update(order, "number", placedAt, modifiedAt, currency, object(order, "billing"), wpmlLanguage(order), facts, created);
    }

    /**
     * The legacy API's order (WC_API_Orders::get_order): UTC times with a Z, the billing address named so. Its order
     * object lists no refunds; where one is given it has the legacy order refund's shape ({@code id},
     * {@code created_at}, {@code amount}, {@code reason}).
     */
    private OrderUpdate legacyOrder(JsonNode order, boolean created) {
        Instant placedAt = requiredTime(order, "created_at");
        Instant modifiedAt = time(order, "updated_at").orElse(placedAt);
        String currency = Json.currency(order, "currency");
        List<OrderFact> facts = new ArrayList<>();
        if (object(order, "payment_details").path("paid").asBoolean(false)) {
            facts.add(new OrderFact.Paid(created ? placedAt : modifiedAt));
        }
        for (JsonNode refund : array(order, "refunds")) {
            facts.add(new OrderFact.Refunded(requiredId(refund, "id"),
                    new Money(Json.money(refund, "amount", currency).amount().abs(), currency),
                    time(refund, "created_at").orElse(modifiedAt), text(refund, "reason")));
        }
        statusFacts(order, text(order, "status").orElse("pending"), time(order, "completed_at").orElse(modifiedAt), modifiedAt,
                currency, facts);
        return update(order, "order_number", placedAt, modifiedAt, currency, object(order, "billing_address"), Optional.empty(), facts, created);
    }

    /** A {@code refunded} order whose refunds are not listed was refunded in full, once: one refund keyed by the whole order. */
    private static void statusFacts(JsonNode order, String status, Instant completedAt, Instant modifiedAt, String currency,
                                    List<OrderFact> facts) {
        if (status.equals("completed")) {
            facts.add(new OrderFact.FulfilmentChanged(WHOLE_ORDER_FULFILMENT, FulfilmentStatus.SHIPPED, completedAt,
                    new Tracking(Optional.empty(), Optional.empty(), Optional.empty())));
        }
        if (status.equals("cancelled")) {
            facts.add(new OrderFact.Cancelled(modifiedAt, Optional.empty()));
        }
        if (status.equals("refunded") && facts.stream().noneMatch(OrderFact.Refunded.class::isInstance)) {
            facts.add(new OrderFact.Refunded(WHOLE_ORDER_REFUND, Json.money(order, "total", currency), modifiedAt, Optional.empty()));
        }
    }

    private static OrderUpdate update(JsonNode order, String numberField, Instant placedAt, Instant modifiedAt, String currency,
                                      JsonNode billing, Optional<String> language, List<OrderFact> facts, boolean created) {
        OrderId orderId = Json.orderId(order, "id");
        var snapshot = new OrderSnapshot(orderId,
                "#" + text(order, numberField).orElse(orderId.value()),
                placedAt,
                Json.money(order, "total", currency),
                lines(order, currency),
                contact(billing, language));
        List<OrderFact> all = new ArrayList<>();
        all.add(new OrderFact.Placed(placedAt));
        all.addAll(facts);
        return new OrderUpdate(orderId, modifiedAt, Optional.of(snapshot), all, Optional.empty(), created);
    }

    /** {@code <field>_gmt} (UTC) where the API version sends it; else {@code <field>}, the shop's local time. */
    private static Optional<Instant> date(JsonNode order, String field, ZoneId shopZone) {
        return time(order, field + "_gmt").or(() -> Json.localTime(order, field, shopZone));
    }

    private static List<OrderLine> lines(JsonNode order, String currency) {
        List<OrderLine> lines = new ArrayList<>();
        for (JsonNode line : array(order, "line_items")) {
            lines.add(new OrderLine(Json.displayText(line, "name").orElse("Item"), Json.quantity(line, "quantity"),
                    Json.money(line, "price", currency)));
        }
        return lines;
    }

    private static Optional<CustomerContact> contact(JsonNode billing, Optional<String> language) {
        String name = Stream.of(text(billing, "first_name"), text(billing, "last_name"))
                .flatMap(Optional::stream).collect(Collectors.joining(" "));
        return email(billing, "email").map(address ->
                new CustomerContact(address, name.isBlank() ? Optional.empty() : Optional.of(name), language));
    }

    /** WooCommerce orders carry no locale; a multilingual shop running WPML records the order's language in its meta. */
    private static Optional<String> wpmlLanguage(JsonNode order) {
        for (JsonNode meta : array(order, "meta_data")) {
            if ("wpml_language".equals(text(meta, "key").orElse(""))) {
                return text(meta, "value");
            }
        }
        return Optional.empty();
    }
}
