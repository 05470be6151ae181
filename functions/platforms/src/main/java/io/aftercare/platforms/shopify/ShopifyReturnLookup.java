package io.aftercare.platforms.shopify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aftercare.domain.InvalidInput;
import io.aftercare.domain.discount.DiscountAccess;
import io.aftercare.domain.discount.DiscountServiceBusy;
import io.aftercare.domain.order.OrderId;
import io.aftercare.domain.order.ReturnLocation;
import io.aftercare.domain.order.ReturnReference;
import io.aftercare.domain.shop.Platform;
import io.aftercare.domain.shop.Shop;
import io.aftercare.domain.webhook.ReturnLocator;
import io.aftercare.platforms.discounts.PlatformHttp;
import io.aftercare.platforms.discounts.ShopifyDiscounts;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Asks a Shopify store's Admin GraphQL API which order a return, or a reverse fulfilment order, belongs to, with the
 * Admin API token the shop set for discount codes (it then also needs {@code read_returns} and {@code read_orders}).
 * Shopify's reverse delivery topics name only those: a return whose own delivery has not been recorded yet is found
 * here, and a reverse fulfilment order always is the first time (no return payload lists them). Any failure (no
 * token, a refusal, throttling, no answer within {@link #DEADLINE}) finds nothing, and the delivery is answered "send it
 * again".
 */
public final class ShopifyReturnLookup implements ReturnLocator {

    static final String RETURN_ORDER = """
            query AftercareReturnOrder($id: ID!) {
              return(id: $id) { id order { id } }
            }""";

    /** A reverse fulfilment order names its order, not its return: the order's returns list theirs. */
    static final String REVERSE_FULFILMENT_ORDER_RETURN = """
            query AftercareReverseFulfillmentOrderReturn($id: ID!) {
              reverseFulfillmentOrder(id: $id) {
                order { id returns(first: 50) { nodes { id reverseFulfillmentOrders(first: 20) { nodes { id } } } } }
              }
            }""";

    /** Shopify gives up on a webhook after 5 s: the lookup must leave the rest of the request time to record. */
    static final Duration DEADLINE = Duration.ofMillis(1500);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ORDER_GID = "gid://shopify/Order/";
    private static final String RETURN_GID = "gid://shopify/Return/";
    private static final String REVERSE_FULFILMENT_ORDER_GID = "gid://shopify/ReverseFulfillmentOrder/";

    private final DiscountAccess.Store access;
    private final Supplier<PlatformHttp> http;

    /** @param http built when first asked: most deliveries name their order, and most webhook functions never call a shop */
    public ShopifyReturnLookup(DiscountAccess.Store access, Supplier<PlatformHttp> http) {
        this.access = access;
        this.http = http;
    }

    @Override
    public Optional<ReturnLocation> locate(Shop shop, ReturnReference reference) {
        if (shop.settings().platform() != Platform.SHOPIFY) {
            return Optional.empty();
        }
        return access.access(shop.id()).filter(DiscountAccess.Shopify.class::isInstance).map(DiscountAccess.Shopify.class::cast)
                .flatMap(token -> ask(token, reference));
    }

    private Optional<ReturnLocation> ask(DiscountAccess.Shopify token, ReturnReference reference) {
        ObjectNode request = JSON.createObjectNode();
        boolean ofReturn = reference.kind() == ReturnReference.Kind.RETURN;
        request.put("query", ofReturn ? RETURN_ORDER : REVERSE_FULFILMENT_ORDER_RETURN);
        request.putObject("variables").put("id", (ofReturn ? RETURN_GID : REVERSE_FULFILMENT_ORDER_GID) + reference.id());
        HttpResponse<String> response;
        try {
            response = http.get().post(token.host(), "/admin/api/" + ShopifyDiscounts.API_VERSION + "/graphql.json", DEADLINE, request.toString(),
                    "X-Shopify-Access-Token", token.adminToken().reveal());
        } catch (DiscountServiceBusy unreachable) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            return Optional.empty();
        }
        JsonNode data;
        try {
            data = JSON.readTree(response.body()).path("data");
        } catch (JsonProcessingException notJson) {
            return Optional.empty();
        }
        try {
            return ofReturn ? returnsOrder(data.path("return"), reference.id()) : reverseFulfilmentOrdersReturn(data.path("reverseFulfillmentOrder"), reference.id());
        } catch (InvalidInput unusable) {
            return Optional.empty();
        }
    }

    private static Optional<ReturnLocation> returnsOrder(JsonNode found, String returnId) {
        return legacyId(found.path("order").path("id"), ORDER_GID).map(order -> new ReturnLocation(new OrderId(order), returnId));
    }

    private static Optional<ReturnLocation> reverseFulfilmentOrdersReturn(JsonNode found, String reverseFulfilmentOrderId) {
        JsonNode order = found.path("order");
        Optional<String> orderId = legacyId(order.path("id"), ORDER_GID);
        if (orderId.isEmpty()) {
            return Optional.empty();
        }
        String wanted = REVERSE_FULFILMENT_ORDER_GID + reverseFulfilmentOrderId;
        for (JsonNode ret : order.path("returns").path("nodes")) {
            for (JsonNode part : ret.path("reverseFulfillmentOrders").path("nodes")) {
                if (part.path("id").asText().equals(wanted)) {
                    return legacyId(ret.path("id"), RETURN_GID).map(returnId -> new ReturnLocation(new OrderId(orderId.get()), returnId));
                }
            }
        }
        return Optional.empty();
    }

    /** The number the webhooks use for what a GraphQL id names ({@code gid://shopify/Order/4783296544821}). */
    private static Optional<String> legacyId(JsonNode gid, String prefix) {
        String id = gid.asText("");
        return id.startsWith(prefix) && id.length() > prefix.length() ? Optional.of(id.substring(prefix.length())) : Optional.empty();
    }
}
