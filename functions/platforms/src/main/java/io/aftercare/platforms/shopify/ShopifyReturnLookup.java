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
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Asks a Shopify store's Admin GraphQL API which order a return, or a reverse fulfilment order, belongs to, with the
 * Admin API token the shop set for discount codes (it then also needs {@code read_returns} and {@code read_orders}).
 * Shopify's reverse delivery topics name only those: a return whose own delivery has not been recorded yet is found
 * here, and a reverse fulfilment order always is the first time (no return payload lists them). No token, a refusal
 * (401, 403, or GraphQL's {@code ACCESS_DENIED}) and an id Shopify does not know cannot be located however often the
 * delivery is sent; throttling, a failure or no answer within {@link #DEADLINE} is "try later".
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
    public Answer locate(Shop shop, ReturnReference reference) {
        if (shop.settings().platform() != Platform.SHOPIFY) {
            return new Answer.CannotBeLocated(Why.NO_TOKEN);
        }
        return access.access(shop.id()).filter(DiscountAccess.Shopify.class::isInstance).map(DiscountAccess.Shopify.class::cast)
                .map(token -> ask(token, reference)).orElse(new Answer.CannotBeLocated(Why.NO_TOKEN));
    }

    private Answer ask(DiscountAccess.Shopify token, ReturnReference reference) {
        ObjectNode request = JSON.createObjectNode();
        boolean ofReturn = reference.kind() == ReturnReference.Kind.RETURN;
        request.put("query", ofReturn ? RETURN_ORDER : REVERSE_FULFILMENT_ORDER_RETURN);
        request.putObject("variables").put("id", (ofReturn ? RETURN_GID : REVERSE_FULFILMENT_ORDER_GID) + reference.id());
        HttpResponse<String> response;
        try {
            response = http.get().post(token.host(), "/admin/api/" + ShopifyDiscounts.API_VERSION + "/graphql.json", DEADLINE, request.toString(),
                    "X-Shopify-Access-Token", token.adminToken().reveal());
        } catch (DiscountServiceBusy unreachable) {
            return new Answer.TryLater();
        }
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            return new Answer.CannotBeLocated(Why.REFUSED);
        }
        if (response.statusCode() != 200) {
            return new Answer.TryLater(); // throttled (429), failing (5xx), or an answer nobody documented: nothing is lost by asking again
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(response.body());
        } catch (JsonProcessingException notJson) {
            return new Answer.TryLater();
        }
        JsonNode errors = answer.path("errors");
        if (!errors.isMissingNode() && !errors.isNull()) {
            // a token without read_returns or read_orders is refused in a 200 (ACCESS_DENIED); THROTTLED and the rest pass
            return errorCodes(errors).contains("ACCESS_DENIED") ? new Answer.CannotBeLocated(Why.REFUSED) : new Answer.TryLater();
        }
        JsonNode found = answer.path("data").path(ofReturn ? "return" : "reverseFulfillmentOrder");
        if (found.isMissingNode()) {
            return new Answer.TryLater();
        }
        try {
            // null is GraphQL's answer for an id Shopify does not know
            return (ofReturn ? returnsOrder(found, reference.id()) : reverseFulfilmentOrdersReturn(found, reference.id()))
                    .<Answer>map(Answer.Found::new).orElse(new Answer.CannotBeLocated(Why.UNKNOWN));
        } catch (InvalidInput unusable) {
            return new Answer.TryLater();
        }
    }

    private static Set<String> errorCodes(JsonNode errors) {
        Set<String> codes = new HashSet<>();
        errors.forEach(error -> codes.add(error.path("extensions").path("code").asText("")));
        return codes;
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
