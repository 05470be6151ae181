package io.aftercare.lambda.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.aftercare.domain.InvalidInput;
import io.aftercare.domain.event.PrivacyRequest;
import io.aftercare.domain.order.OrderId;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/**
 * The admin API's privacy requests, for shops whose platform has no compliance webhooks (WooCommerce, generic): the
 * same three requests Shopify sends. A {@code requestId} makes a retried call the same request; without one, each
 * call is a new request.
 */
public final class PrivacyJson {

    public static final Set<String> DATA_REQUEST = Set.of("email", "requestId");
    public static final Set<String> CUSTOMER_ERASURE = Set.of("email", "orders", "requestId");
    public static final Set<String> SHOP_ERASURE = Set.of("requestId");
    /** As many orders as a Shopify erasure may name. */
    static final int MAX_ORDERS = 5_000;

    /** A request and the id it goes by. */
    public record Asked(PrivacyRequest request, String requestId) {
    }

    private PrivacyJson() {
    }

    public static Asked dataRequest(JsonNode body) {
        return new Asked(new PrivacyRequest.DataRequest(JsonViews.email(body, "email").orElseThrow(() -> JsonViews.missing("email"))), requestId(body));
    }

    public static Asked customerErasure(JsonNode body) {
        var customer = JsonViews.email(body, "email").orElseThrow(() -> JsonViews.missing("email"));
        Set<OrderId> orders = new LinkedHashSet<>();
        JsonNode listed = body.get("orders");
        if (listed != null && !listed.isNull()) {
            if (!listed.isArray() || listed.size() > MAX_ORDERS) {
                throw new InvalidInput("orders", "orders must be a list of at most " + MAX_ORDERS + " order ids");
            }
            listed.forEach(order -> {
                if (!order.isTextual() && !order.isIntegralNumber()) {
                    throw new InvalidInput("orders", "orders must be a list of order ids");
                }
                orders.add(new OrderId(order.asText()));
            });
        }
        return new Asked(new PrivacyRequest.CustomerRedact(customer, orders), requestId(body));
    }

    public static Asked shopErasure(JsonNode body) {
        return new Asked(new PrivacyRequest.ShopRedact(), requestId(body));
    }

    private static String requestId(JsonNode body) {
        return JsonViews.text(body, "requestId", 64).orElseGet(() -> UUID.randomUUID().toString().replace("-", ""));
    }
}
