package io.aftercare.platforms.discounts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aftercare.domain.discount.Creation;
import io.aftercare.domain.discount.DiscountAccess;
import io.aftercare.domain.discount.DiscountOffer;
import io.aftercare.domain.discount.DiscountServiceBusy;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Creates a personal code in a Shopify store through the Admin GraphQL API ({@link #API_VERSION}):
 * {@code discountCodeBasicCreate}, a percentage off the whole order, usage limit 1, from now to the offer's end, for
 * the customer only ({@code context.customers}: the current form of the deprecated {@code customerSelection}) when the
 * order named Shopify's id for them, or else when {@code customerByIdentifier} finds them by address (a ticket with no
 * order, a guest checkout; it needs {@code read_customers}); when neither names them, for any buyer, still once.
 * Shopify's cost-based limit answers {@code THROTTLED} with the bucket's state in {@code extensions.cost.throttleStatus}:
 * Aftercare waits for the cost to refill when that is short, and otherwise leaves it to the action's retry.
 */
public final class ShopifyDiscounts {

    /** The Admin API version every request names; the tests validate {@link #CREATE} against its published schema. */
    public static final String API_VERSION = "2026-01";

    static final String CREATE = """
            mutation AftercareDiscountCreate($basicCodeDiscount: DiscountCodeBasicInput!) {
              discountCodeBasicCreate(basicCodeDiscount: $basicCodeDiscount) {
                codeDiscountNode { id }
                userErrors { field code message }
              }
            }""";

    /** Shopify's id for a customer it knows by address: a code can then be theirs alone without an order naming them. */
    static final String FIND_CUSTOMER = """
            query AftercareCustomerByEmail($email: String!) {
              customerByIdentifier(identifier: {emailAddress: $email}) { id }
            }""";

    private static final ObjectMapper JSON = new ObjectMapper();
    /** An admin GraphQL customer id is this and the REST id (the webhooks' {@code customer.id}). */
    static final String CUSTOMER_GID = "gid://shopify/Customer/";

    private final PlatformHttp http;

    public ShopifyDiscounts(PlatformHttp http) {
        this.http = http;
    }

    public Creation create(DiscountAccess.Shopify access, DiscountOffer offer) {
        Optional<String> buyer = offer.customer().platformId().map(id -> CUSTOMER_GID + id).or(() -> customerByEmail(access, offer));
        String body = request(offer, buyer).toString();
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response = post(access, body);
            int status = response.statusCode();
            if (status == 401 || status == 403) {
                return new Creation.Refused("Shopify refused the Admin API access token (" + status
                        + "): it was revoked, or the app lacks the write_discounts scope");
            }
            if (PlatformHttp.transientStatus(status)) {
                if (attempt == 1 && http.waited(PlatformHttp.retryAfter(response).orElse(Duration.ofSeconds(1)))) {
                    continue;
                }
                throw new DiscountServiceBusy("Shopify answered " + status);
            }
            if (status != 200) {
                return new Creation.Refused("Shopify answered " + status);
            }
            JsonNode answer = parse(response.body(), status);
            JsonNode errors = answer.path("errors");
            if (errors.isArray() && !errors.isEmpty()) {
                if (has(errors, "THROTTLED")) {
                    if (attempt == 1 && http.waited(refill(answer))) {
                        continue;
                    }
                    throw new DiscountServiceBusy("Shopify throttled the request");
                }
                if (has(errors, "ACCESS_DENIED")) {
                    return new Creation.Refused("Shopify denied access: the app lacks the write_discounts scope");
                }
                throw new DiscountServiceBusy("Shopify answered with errors: " + codes(errors));
            }
            JsonNode payload = answer.path("data").path("discountCodeBasicCreate");
            if (!payload.isObject()) {
                throw new DiscountServiceBusy("Shopify answered without the mutation's result");
            }
            List<String> refusals = new ArrayList<>();
            for (JsonNode error : payload.path("userErrors")) {
                // the code is derived from the action: TAKEN means an earlier try of this action made it
                if (!error.path("code").asText().equals("TAKEN")) {
                    refusals.add(error.path("message").asText("refused") + " (" + error.path("code").asText("no code") + ")");
                }
            }
            if (!refusals.isEmpty()) {
                return new Creation.Refused("Shopify refused the code: " + String.join("; ", refusals));
            }
            return new Creation.Created(offer.code(), buyer.isEmpty());
        }
    }

    /**
     * Shopify's id for the offer's address, when the shop has such a customer and the token may read customers; an
     * answer that finds no one (no such customer, no {@code read_customers} scope, a token Shopify refuses, which the
     * creation then reports) leaves the code to any buyer.
     *
     * @throws DiscountServiceBusy when Shopify could not answer now (throttled, unavailable): the action is retried
     */
    private Optional<String> customerByEmail(DiscountAccess.Shopify access, DiscountOffer offer) {
        ObjectNode root = JSON.createObjectNode();
        root.put("query", FIND_CUSTOMER);
        root.putObject("variables").put("email", offer.customer().email().value());
        HttpResponse<String> response = post(access, root.toString());
        int status = response.statusCode();
        if (PlatformHttp.transientStatus(status)) {
            throw new DiscountServiceBusy("Shopify answered " + status + " to the customer lookup");
        }
        if (status != 200) {
            return Optional.empty();
        }
        JsonNode answer = parse(response.body(), status);
        if (has(answer.path("errors"), "THROTTLED")) {
            throw new DiscountServiceBusy("Shopify throttled the customer lookup");
        }
        String id = answer.path("data").path("customerByIdentifier").path("id").asText("");
        return id.startsWith(CUSTOMER_GID) ? Optional.of(id) : Optional.empty();
    }

    private HttpResponse<String> post(DiscountAccess.Shopify access, String body) {
        return http.post(access.host(), "/admin/api/" + API_VERSION + "/graphql.json", body, "X-Shopify-Access-Token", access.adminToken().reveal());
    }

    private static ObjectNode request(DiscountOffer offer, Optional<String> buyer) {
        ObjectNode root = JSON.createObjectNode();
        root.put("query", CREATE);
        ObjectNode input = root.putObject("variables").putObject("basicCodeDiscount");
        input.put("title", "Aftercare " + offer.code());
        input.put("code", offer.code());
        input.put("startsAt", offer.startsAt().toString());
        input.put("endsAt", offer.endsAt().toString());
        input.put("usageLimit", 1);
        input.put("appliesOncePerCustomer", true);
        buyer.ifPresentOrElse(
                id -> input.putObject("context").putObject("customers").putArray("add").add(id),
                () -> input.putObject("context").put("all", "ALL"));
        ObjectNode gets = input.putObject("customerGets");
        gets.putObject("value").put("percentage", offer.percent() / 100.0);
        gets.putObject("items").put("all", true);
        return root;
    }

    /** How long until the bucket holds the request's cost again: (requested - available) / restore rate, in seconds. */
    private static Duration refill(JsonNode answer) {
        JsonNode cost = answer.path("extensions").path("cost");
        JsonNode bucket = cost.path("throttleStatus");
        double rate = bucket.path("restoreRate").asDouble(0);
        if (rate <= 0) {
            return Duration.ofSeconds(-1);
        }
        double missing = cost.path("requestedQueryCost").asDouble(0) - bucket.path("currentlyAvailable").asDouble(0);
        return Duration.ofMillis((long) Math.ceil(Math.max(missing, 0) / rate * 1000));
    }

    private static boolean has(JsonNode errors, String code) {
        for (JsonNode error : errors) {
            if (error.path("extensions").path("code").asText().equals(code)) {
                return true;
            }
        }
        return false;
    }

    private static String codes(JsonNode errors) {
        List<String> codes = new ArrayList<>();
        errors.forEach(error -> codes.add(error.path("extensions").path("code").asText("unknown")));
        return String.join(", ", codes);
    }

    private static JsonNode parse(String body, int status) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw new DiscountServiceBusy("Shopify answered " + status + " without a JSON object");
            }
            return node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new DiscountServiceBusy("Shopify answered " + status + " with a body that is not JSON");
        }
    }
}
