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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** WooCommerce REST v3 order objects (what its order webhooks deliver) in domain terms. Times are the *_gmt fields. */
final class WooCommerceMapper {

    /** WooCommerce ships without a fulfilment object: a completed order is one shipment, named after the order. */
    private static final String WHOLE_ORDER_FULFILMENT = "order";

    OrderUpdate order(JsonNode order, boolean created) {
        OrderId orderId = Json.orderId(order, "id");
        Instant placedAt = requiredTime(order, "date_created_gmt");
        Instant modifiedAt = time(order, "date_modified_gmt").orElse(placedAt);
        String currency = Json.currency(order, "currency");
        var snapshot = new OrderSnapshot(orderId,
                "#" + text(order, "number").orElse(orderId.value()),
                placedAt,
                Json.money(order, "total", currency),
                lines(order, currency),
                contact(order));

        String status = text(order, "status").orElse("pending");
        List<OrderFact> facts = new ArrayList<>();
        facts.add(new OrderFact.Placed(placedAt));
        time(order, "date_paid_gmt").ifPresent(at -> facts.add(new OrderFact.Paid(at)));
        if (status.equals("completed")) {
            Instant completedAt = time(order, "date_completed_gmt").orElse(modifiedAt);
            facts.add(new OrderFact.FulfilmentChanged(WHOLE_ORDER_FULFILMENT, FulfilmentStatus.SHIPPED, completedAt,
                    new Tracking(Optional.empty(), Optional.empty(), Optional.empty())));
        }
        if (status.equals("cancelled")) {
            facts.add(new OrderFact.Cancelled(modifiedAt, Optional.empty()));
        }
        // A refund carries no date of its own; the order's modification is when Aftercare first sees it.
        for (JsonNode refund : array(order, "refunds")) {
            Money amount = Json.money(refund, "total", currency);
            facts.add(new OrderFact.Refunded(requiredId(refund, "id"), new Money(amount.amount().abs(), currency),
                    modifiedAt, text(refund, "reason")));
        }
        return new OrderUpdate(orderId, modifiedAt, Optional.of(snapshot), facts, Optional.empty(), created);
    }

    private static List<OrderLine> lines(JsonNode order, String currency) {
        List<OrderLine> lines = new ArrayList<>();
        for (JsonNode line : array(order, "line_items")) {
            lines.add(new OrderLine(Json.displayText(line, "name").orElse("Item"), Json.quantity(line, "quantity"),
                    Json.money(line, "price", currency)));
        }
        return lines;
    }

    private static Optional<CustomerContact> contact(JsonNode order) {
        JsonNode billing = object(order, "billing");
        String name = Stream.of(text(billing, "first_name"), text(billing, "last_name"))
                .flatMap(Optional::stream).collect(Collectors.joining(" "));
        return email(billing, "email").map(address ->
                new CustomerContact(address, name.isBlank() ? Optional.empty() : Optional.of(name), wpmlLanguage(order)));
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
