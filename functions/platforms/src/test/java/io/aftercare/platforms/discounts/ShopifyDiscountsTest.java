package io.aftercare.platforms.discounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import graphql.ExecutionInput;
import graphql.GraphQL;
import graphql.ParseAndValidate;
import graphql.execution.NonNullableFieldWasNullError;
import graphql.schema.GraphQLSchema;
import io.aftercare.platforms.ShopifyAdminSchema;
import io.aftercare.devkit.ShopApiServer;
import io.aftercare.devkit.ShopApiServer.Answer;
import io.aftercare.domain.discount.Creation;
import io.aftercare.domain.discount.DiscountAccess;
import io.aftercare.domain.discount.DiscountServiceBusy;
import io.aftercare.domain.shop.Secret;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Shopify adapter against a local server answering as Shopify's Admin GraphQL API documents it. */
class ShopifyDiscountsTest {

    private static final String TOKEN = "shpat_0123456789abcdef0123456789abcdef";
    private static final DiscountAccess.Shopify ACCESS = new DiscountAccess.Shopify("kettle-house.myshopify.com", new Secret("adminAccessToken", TOKEN));
    private static final String COST = "\"extensions\":{\"cost\":{\"requestedQueryCost\":12,\"actualQueryCost\":%s,"
            + "\"throttleStatus\":{\"maximumAvailable\":2000.0,\"currentlyAvailable\":%s,\"restoreRate\":100.0}}}";
    private static final String CREATED = "{\"data\":{\"discountCodeBasicCreate\":{\"codeDiscountNode\":{\"id\":\"gid://shopify/DiscountCodeNode/1057371225\"},"
            + "\"userErrors\":[]}}," + COST.formatted("10", "1990") + "}";
    /** customerByIdentifier's answer for an address no customer of the shop has: a nullable {@code Customer}, null. */
    private static final String NO_SUCH_CUSTOMER = "{\"data\":{\"customerByIdentifier\":null}}";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static GraphQLSchema schema;

    private final ShopApiServer server = new ShopApiServer();
    private final ShopApis apis = new ShopApis(server);
    private final ShopifyDiscounts shopify = new ShopifyDiscounts(apis.http);

    ShopifyDiscountsTest() throws IOException {
    }

    @BeforeAll
    static void loadShopifysSchema() throws IOException {
        schema = ShopifyAdminSchema.load();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void givenShopifysPublishedSchema_whenTheDocumentAndVariablesAftercareSendsAreRunAgainstIt_thenTheyAreValid() throws IOException {
        server.answer(Answer.json(200, CREATED), Answer.json(200, NO_SUCH_CUSTOMER), Answer.json(200, CREATED));
        shopify.create(ACCESS, ShopApis.offer("THANKS-ABCD2345"));
        shopify.create(ACCESS, ShopApis.offerToGuest("THANKS-EFGH2345"));

        assertThat(server.received()).as("for the customer; for a guest, the lookup by address and the code").hasSize(3);
        for (var request : server.received()) {
            var sent = JSON.readValue(request.body(), Map.class);
            @SuppressWarnings("unchecked")
            Map<String, Object> variables = (Map<String, Object>) sent.get("variables");
            var input = ExecutionInput.newExecutionInput((String) sent.get("query")).variables(variables).build();
            if (!sent.get("query").equals(ShopifyDiscounts.CREATE)) {
                // the lookup's Customer would be faked field by field, endlessly, by a schema without resolvers: validated, not run
                assertThat(sent.get("query")).isEqualTo(ShopifyDiscounts.FIND_CUSTOMER);
                assertThat(ParseAndValidate.parseAndValidate(schema, input).getErrors()).as("validation against the schema").isEmpty();
                assertThat(variables).containsOnlyKeys("email");
                continue;
            }
            var result = GraphQL.newGraphQL(schema).build().execute(input);

            // the schema has no resolvers, so the payload's non-null fields come back null: every other error is a mistake of ours
            assertThat(result.getErrors()).filteredOn(e -> !(e instanceof NonNullableFieldWasNullError))
                    .as("validation and variable coercion against the schema").isEmpty();
            assertThat(result.getErrors()).isNotEmpty().allMatch(NonNullableFieldWasNullError.class::isInstance);
        }
    }

    @Test
    void givenALookupNamingAFieldTheCustomerHasNot_whenValidatedAgainstTheSchema_thenItIsRefused() {
        // the validation above can fail: the lookup asking for a misspelt field is an error
        var input = ExecutionInput.newExecutionInput(ShopifyDiscounts.FIND_CUSTOMER.replace("{ id }", "{ identifier }"))
                .variables(Map.of("email", "jon@example.com")).build();

        assertThat(ParseAndValidate.parseAndValidate(schema, input).getErrors()).isNotEmpty();
    }

    @Test
    void givenBothTheCustomerAndAllBuyersAsTheContext_whenRunAgainstTheSchema_thenItIsRefusedAsOneOfAllows() {
        // context is a @oneOf input: the check above would catch a document that sent both
        var result = GraphQL.newGraphQL(schema).build().execute(ExecutionInput.newExecutionInput(ShopifyDiscounts.CREATE)
                .variables(Map.of("basicCodeDiscount", Map.of("title", "x", "code", "X", "startsAt", "2026-12-01T10:00:00Z",
                        "customerGets", Map.of("value", Map.of("percentage", 0.1), "items", Map.of("all", true)),
                        "context", Map.of("all", "ALL", "customers", Map.of("add", java.util.List.of(ShopifyDiscounts.CUSTOMER_GID + "1")))))));

        assertThat(result.getErrors()).isNotEmpty().noneMatch(NonNullableFieldWasNullError.class::isInstance);
    }

    @Test
    void givenAnOrderNamingShopifysIdForTheCustomer_whenTheCodeIsMade_thenOnlyThatCustomerMayUseItAndWithoutAnIdAnyBuyerMayOnce() throws IOException {
        server.answer(Answer.json(200, CREATED), Answer.json(200, NO_SUCH_CUSTOMER), Answer.json(200, CREATED));

        assertThat(shopify.create(ACCESS, ShopApis.offer("THANKS-ABCD2345"))).isEqualTo(new Creation.Created("THANKS-ABCD2345", false));
        assertThat(shopify.create(ACCESS, ShopApis.offerToGuest("THANKS-EFGH2345"))).isEqualTo(new Creation.Created("THANKS-EFGH2345", true));

        var forJon = JSON.readTree(server.received().get(0).body()).path("variables").path("basicCodeDiscount");
        assertThat(forJon.path("context").toString()).isEqualTo("{\"customers\":{\"add\":[\"gid://shopify/Customer/207119551\"]}}");
        assertThat(JSON.readTree(server.received().get(1).body()).path("variables").path("email").asText()).isEqualTo("jon@example.com");
        var forAGuest = JSON.readTree(server.received().get(2).body()).path("variables").path("basicCodeDiscount");
        assertThat(forAGuest.path("context").toString()).isEqualTo("{\"all\":\"ALL\"}");
        assertThat(forAGuest.path("usageLimit").asInt()).isEqualTo(1);
    }

    @Test
    void givenNoOrderNamingTheCustomerButShopifyKnowsTheirAddress_whenTheCodeIsMade_thenItIsTheirsAloneAndAnUnreadableLookupLeavesItToAnyBuyer() throws IOException {
        server.answer(Answer.json(200, "{\"data\":{\"customerByIdentifier\":{\"id\":\"gid://shopify/Customer/115310627314723954\"}}}"),
                Answer.json(200, CREATED),
                Answer.json(200, "{\"errors\":[{\"message\":\"Access denied for customerByIdentifier field. Required access: `read_customers` access scope.\","
                        + "\"extensions\":{\"code\":\"ACCESS_DENIED\"}}],\"data\":{\"customerByIdentifier\":null}}"),
                Answer.json(200, CREATED));

        assertThat(shopify.create(ACCESS, ShopApis.offerToGuest("SORRY-ABCD2345"))).isEqualTo(new Creation.Created("SORRY-ABCD2345", false));
        assertThat(shopify.create(ACCESS, ShopApis.offerToGuest("SORRY-EFGH2345"))).isEqualTo(new Creation.Created("SORRY-EFGH2345", true));

        var forTheirsAlone = JSON.readTree(server.received().get(1).body()).path("variables").path("basicCodeDiscount");
        assertThat(forTheirsAlone.path("context").toString()).isEqualTo("{\"customers\":{\"add\":[\"gid://shopify/Customer/115310627314723954\"]}}");
        var forAnyBuyer = JSON.readTree(server.received().get(3).body()).path("variables").path("basicCodeDiscount");
        assertThat(forAnyBuyer.path("context").toString()).isEqualTo("{\"all\":\"ALL\"}");
    }

    @Test
    void givenShopifyThrottlesTheCustomerLookup_whenTheCodeIsMade_thenItIsBusyAndNoCodeWasAskedFor() {
        server.answer(Answer.json(200, "{\"errors\":[{\"message\":\"Throttled\",\"extensions\":{\"code\":\"THROTTLED\"}}]," + COST.formatted("0", "0") + "}"));

        assertThatThrownBy(() -> shopify.create(ACCESS, ShopApis.offerToGuest("SORRY-ABCD2345"))).isInstanceOf(DiscountServiceBusy.class);
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void givenADocumentNamingAFieldShopifyDoesNotHave_whenRunAgainstTheSchema_thenItIsRefused() {
        // the check above can fail: the same mutation with a misspelt input field is an error
        var result = GraphQL.newGraphQL(schema).build().execute(ExecutionInput.newExecutionInput(ShopifyDiscounts.CREATE)
                .variables(Map.of("basicCodeDiscount", Map.of("title", "x", "code", "X", "usageLimt", 1))));

        assertThat(result.getErrors()).isNotEmpty().noneMatch(NonNullableFieldWasNullError.class::isInstance);
    }

    @Test
    void givenShopifyCreatesTheCode_whenAsked_thenTheCodeIsMadeForOneUseWithTheTokenInItsHeaderOnly() throws IOException {
        server.answer(Answer.json(200, CREATED));

        assertThat(shopify.create(ACCESS, ShopApis.offer("THANKS-ABCD2345"))).isEqualTo(new Creation.Created("THANKS-ABCD2345"));

        assertThat(server.asked()).containsExactly(URI.create("https://kettle-house.myshopify.com/admin/api/2026-01/graphql.json"));
        var request = server.received().get(0);
        assertThat(request.header("X-Shopify-Access-Token")).isEqualTo(TOKEN);
        assertThat(request.body()).doesNotContain(TOKEN);
        var input = JSON.readTree(request.body()).path("variables").path("basicCodeDiscount");
        assertThat(input.path("code").asText()).isEqualTo("THANKS-ABCD2345");
        assertThat(input.path("usageLimit").asInt()).isEqualTo(1);
        assertThat(input.path("customerGets").path("value").path("percentage").asDouble()).isEqualTo(0.10);
        assertThat(input.path("startsAt").asText()).isEqualTo("2026-12-01T10:00:00Z");
        assertThat(input.path("endsAt").asText()).isEqualTo("2026-12-31T10:00:00Z");
    }

    @Test
    void givenShopifyAnswersWithUserErrors_whenAsked_thenItIsARefusalSayingWhat() {
        server.answer(Answer.json(200, "{\"data\":{\"discountCodeBasicCreate\":{\"codeDiscountNode\":null,\"userErrors\":[{\"field\":"
                + "[\"basicCodeDiscount\",\"endsAt\"],\"code\":\"INVALID\",\"message\":\"Ends at needs to be after starts_at\"}]}}}"));

        assertThat(shopify.create(ACCESS, ShopApis.offer("THANKS-ABCD2345")))
                .isEqualTo(new Creation.Refused("Shopify refused the code: Ends at needs to be after starts_at (INVALID)"));
    }

    @Test
    void givenTheCodeWasMadeByAnEarlierTryOfTheAction_whenShopifySaysItIsTaken_thenItIsTheActionsCode() {
        server.answer(Answer.json(200, "{\"data\":{\"discountCodeBasicCreate\":{\"codeDiscountNode\":null,\"userErrors\":[{\"field\":"
                + "[\"basicCodeDiscount\",\"code\"],\"code\":\"TAKEN\",\"message\":\"Code must be unique. Please try a different code.\"}]}}}"));

        assertThat(shopify.create(ACCESS, ShopApis.offer("THANKS-ABCD2345"))).isEqualTo(new Creation.Created("THANKS-ABCD2345"));
    }

    @Test
    void givenShopifyThrottles_whenTheBucketRefillsSoon_thenAftercareWaitsForTheCostAndAsksAgain() {
        server.answer(Answer.json(200, throttled("2")), Answer.json(200, CREATED));

        assertThat(shopify.create(ACCESS, ShopApis.offer("THANKS-ABCD2345"))).isEqualTo(new Creation.Created("THANKS-ABCD2345"));

        // (12 requested - 2 available) / 100 a second
        assertThat(apis.pauses).containsExactly(Duration.ofMillis(100));
        assertThat(server.received()).hasSize(2);
    }

    @Test
    void givenShopifyStillThrottlesAfterTheWait_whenAsked_thenTheActionIsLeftToItsRetry() {
        server.answer(Answer.json(200, throttled("2")));

        assertThatThrownBy(() -> shopify.create(ACCESS, ShopApis.offer("THANKS-ABCD2345"))).isInstanceOf(DiscountServiceBusy.class);
        assertThat(server.received()).hasSize(2);
    }

    @Test
    void givenShopifysBucketIsFarFromTheCost_whenThrottled_thenAftercareDoesNotWaitInTheFunction() {
        server.answer(Answer.json(200, throttled("0").replace("\"restoreRate\":100.0", "\"restoreRate\":1.0")));

        assertThatThrownBy(() -> shopify.create(ACCESS, ShopApis.offer("THANKS-ABCD2345"))).isInstanceOf(DiscountServiceBusy.class);
        assertThat(apis.pauses).isEmpty();
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void givenARevokedToken_whenShopifyAnswers401_thenItIsARefusalForGoodThatNamesTheScopeAndNotTheToken() {
        server.answer(Answer.json(401, "{\"errors\":\"[API] Invalid API key or access token (unrecognized login or wrong password)\"}"));

        var refused = shopify.create(ACCESS, ShopApis.offer("THANKS-ABCD2345"));

        assertThat(refused).isInstanceOfSatisfying(Creation.Refused.class, r -> {
            assertThat(r.why()).contains("401", "write_discounts").doesNotContain(TOKEN);
        });
    }

    @Test
    void givenShopifyIsDown_whenItAnswers503Twice_thenTheActionIsLeftToItsRetry() {
        server.answer(Answer.json(503, "{}"));

        assertThatThrownBy(() -> shopify.create(ACCESS, ShopApis.offer("THANKS-ABCD2345"))).isInstanceOf(DiscountServiceBusy.class);
        assertThat(apis.pauses).containsExactly(Duration.ofSeconds(1));
    }

    private static String throttled(String available) {
        return "{\"errors\":[{\"message\":\"Throttled\",\"extensions\":{\"code\":\"THROTTLED\",\"documentation\":"
                + "\"https://shopify.dev/api/usage/rate-limits\"}}]," + COST.formatted("null", available) + "}";
    }
}
