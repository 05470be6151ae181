package io.aftercare.platforms.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import graphql.ExecutionInput;
import graphql.ParseAndValidate;
import graphql.schema.GraphQLSchema;
import io.aftercare.platforms.ShopifyAdminSchema;
import io.aftercare.devkit.ShopApiServer;
import io.aftercare.devkit.ShopApiServer.Answer;
import io.aftercare.domain.webhook.ReturnLocator;
import io.aftercare.domain.webhook.ReturnLocator.Why;
import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.discount.DiscountAccess;
import io.aftercare.domain.order.OrderId;
import io.aftercare.domain.order.ReturnLocation;
import io.aftercare.domain.order.ReturnReference;
import io.aftercare.domain.shop.Branding;
import io.aftercare.domain.shop.Language;
import io.aftercare.domain.shop.Platform;
import io.aftercare.domain.shop.Secret;
import io.aftercare.domain.shop.Shop;
import io.aftercare.domain.shop.ShopSettings;
import io.aftercare.domain.shop.SupportSettings;
import io.aftercare.domain.shop.WebhookSecrets;
import io.aftercare.platforms.discounts.PlatformHttp;
import java.io.IOException;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The lookup of a return's order against a local server answering as Shopify's Admin GraphQL API documents it. */
class ShopifyReturnLookupTest {

    private static final String TOKEN = "shpat_0123456789abcdef0123456789abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The order and return of Shopify's returns/* samples; 11111111 is the dispose sample's reverse fulfilment order. */
    private static final ReturnLocation SAMPLES_RETURN = new ReturnLocation(new OrderId("4783296544821"), "123134564567890");
    private static final ReturnReference DISPOSED = new ReturnReference(ReturnReference.Kind.REVERSE_FULFILMENT_ORDER, "11111111");
    private static final String ORDERS_RETURNS = """
            {"data":{"reverseFulfillmentOrder":{"order":{"id":"gid://shopify/Order/4783296544821","returns":{"nodes":[
              {"id":"gid://shopify/Return/555","reverseFulfillmentOrders":{"nodes":[{"id":"gid://shopify/ReverseFulfillmentOrder/2222"}]}},
              {"id":"gid://shopify/Return/123134564567890","reverseFulfillmentOrders":{"nodes":[{"id":"gid://shopify/ReverseFulfillmentOrder/11111111"}]}}
            ]}}}}}""";

    private static GraphQLSchema schema;

    private final ShopApiServer server = new ShopApiServer();
    private final PlatformHttp http = new PlatformHttp(HttpClient.newHttpClient(), server::local, pause -> { },
            host -> List.of(InetAddress.getByAddress(host, new byte[] {(byte) 203, 0, 113, 10})));
    private final Map<ShopId, DiscountAccess> tokens = new java.util.HashMap<>();
    private final ShopifyReturnLookup lookup = new ShopifyReturnLookup(new DiscountAccess.Store() {
        public Optional<DiscountAccess> access(ShopId shop) {
            return Optional.ofNullable(tokens.get(shop));
        }

        public void saveAccess(ShopId shop, DiscountAccess access) {
            tokens.put(shop, access);
        }
    }, () -> http);

    ShopifyReturnLookupTest() throws IOException {
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
    void givenAReverseFulfilmentOrderOfTheSamplesReturn_whenLookedUp_thenItsOrdersReturnListingItIsFoundWithTheShopsToken() throws IOException {
        Shop shop = shop("kettle-house", Platform.SHOPIFY);
        tokens.put(shop.id(), new DiscountAccess.Shopify("kettle-house.myshopify.com", new Secret("adminAccessToken", TOKEN)));
        server.answer(Answer.json(200, ORDERS_RETURNS));

        assertThat(lookup.locate(shop, DISPOSED)).isEqualTo(new ReturnLocator.Answer.Found(SAMPLES_RETURN));

        var request = server.received().get(0);
        assertThat(request.path()).isEqualTo("/admin/api/" + io.aftercare.platforms.discounts.ShopifyDiscounts.API_VERSION + "/graphql.json");
        assertThat(request.header("X-Shopify-Access-Token")).isEqualTo(TOKEN);
        var sent = JSON.readTree(request.body());
        assertThat(sent.path("variables").path("id").asText()).isEqualTo("gid://shopify/ReverseFulfillmentOrder/11111111");
    }

    @Test
    void givenAReturnAftercareHasNotRecorded_whenLookedUp_thenShopifyNamesItsOrder() {
        Shop shop = shop("kettle-house", Platform.SHOPIFY);
        tokens.put(shop.id(), new DiscountAccess.Shopify("kettle-house.myshopify.com", new Secret("adminAccessToken", TOKEN)));
        server.answer(Answer.json(200, """
                {"data":{"return":{"id":"gid://shopify/Return/123134564567890","order":{"id":"gid://shopify/Order/4783296544821"}}}}"""));

        assertThat(lookup.locate(shop, ReturnReference.ofReturn("123134564567890"))).isEqualTo(new ReturnLocator.Answer.Found(SAMPLES_RETURN));
    }

    @Test
    void givenBothQueries_whenValidatedAgainstShopifysPublishedSchema_thenTheyAreValid() {
        for (String query : List.of(ShopifyReturnLookup.RETURN_ORDER, ShopifyReturnLookup.REVERSE_FULFILMENT_ORDER_RETURN)) {
            var input = ExecutionInput.newExecutionInput(query).variables(Map.of("id", "gid://shopify/Return/1")).build();
            assertThat(ParseAndValidate.parseAndValidate(schema, input).getErrors()).as(query).isEmpty();
        }
    }

    @Test
    void givenShopifyRefusingTheShopsToken_whenLookedUp_thenItCannotBeLocatedBecauseRefused() {
        Shop shop = shopWithToken();
        for (Answer refusal : List.of(Answer.json(401, "{\"errors\":\"[API] Invalid API key or access token (unrecognized login or wrong password)\"}"),
                Answer.json(403, "{\"errors\":\"[API] This action requires merchant approval for read_returns scope.\"}"),
                // a token without the scope: GraphQL refuses the field in a 200, with the field null
                Answer.json(200, """
                        {"errors":[{"message":"Access denied for reverseFulfillmentOrder field. Required access: `read_returns` access scope.",
                          "path":["reverseFulfillmentOrder"],"extensions":{"code":"ACCESS_DENIED","requiredAccess":"`read_returns` access scope."}}],
                         "data":{"reverseFulfillmentOrder":null}}"""))) {
            server.answer(refusal);
            assertThat(lookup.locate(shop, DISPOSED)).as(refusal.body()).isEqualTo(new ReturnLocator.Answer.CannotBeLocated(Why.REFUSED));
        }
    }

    @Test
    void givenAnIdShopifyDoesNotKnow_whenLookedUp_thenItCannotBeLocatedBecauseUnknown() {
        Shop shop = shopWithToken();
        server.answer(Answer.json(200, "{\"data\":{\"return\":null}}"));
        assertThat(lookup.locate(shop, ReturnReference.ofReturn("404"))).isEqualTo(new ReturnLocator.Answer.CannotBeLocated(Why.UNKNOWN));

        for (Answer unknown : List.of(Answer.json(200, "{\"data\":{\"reverseFulfillmentOrder\":null}}"),
                Answer.json(200, ORDERS_RETURNS.replace("ReverseFulfillmentOrder/11111111", "ReverseFulfillmentOrder/3")))) {
            server.answer(unknown);
            assertThat(lookup.locate(shop, DISPOSED)).as(unknown.body()).isEqualTo(new ReturnLocator.Answer.CannotBeLocated(Why.UNKNOWN));
        }
    }

    @Test
    void givenShopifyThrottlingOrFailing_whenLookedUp_thenItIsToBeTriedLater() {
        Shop shop = shopWithToken();
        for (Answer passing : List.of(Answer.json(429, "{\"errors\":\"Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service.\"}"),
                Answer.json(200, "{\"errors\":[{\"message\":\"Throttled\",\"extensions\":{\"code\":\"THROTTLED\"}}]}"),
                Answer.json(500, "{\"errors\":\"Internal Server Error\"}"),
                Answer.json(503, "not json"),
                Answer.json(200, "not json"))) {
            server.answer(passing);
            assertThat(lookup.locate(shop, DISPOSED)).as(passing.status() + " " + passing.body()).isEqualTo(new ReturnLocator.Answer.TryLater());
        }
    }

    @Test
    void givenShopifyUnreachable_whenLookedUp_thenItIsToBeTriedLater() {
        Shop shop = shopWithToken();
        server.close(); // nothing listens: the connection is refused

        assertThat(lookup.locate(shop, DISPOSED)).isEqualTo(new ReturnLocator.Answer.TryLater());
    }

    @Test
    void givenAShopifyAnsweringOnlyAfterTheLookupsDeadline_whenLookedUp_thenItIsToBeTriedLaterWithoutAwaitingTheAnswer() {
        Shop shop = shop("kettle-house", Platform.SHOPIFY);
        tokens.put(shop.id(), new DiscountAccess.Shopify("kettle-house.myshopify.com", new Secret("adminAccessToken", TOKEN)));
        // a valid answer, later than the deadline and sooner than the shops' client's own 5 s request timeout: only the
        // lookup's deadline can make it "try later" (awaited, it would be found), so no clock needs reading here
        server.answeringAfter(ShopifyReturnLookup.DEADLINE.plusSeconds(1)).answer(Answer.json(200, ORDERS_RETURNS));

        assertThat(lookup.locate(shop, DISPOSED)).isEqualTo(new ReturnLocator.Answer.TryLater());
    }

    @Test
    void givenAShopWithoutAnAdminApiTokenOrNotOnShopify_whenLookedUp_thenItCannotBeLocatedForWantOfATokenAndShopifyIsNotAsked() {
        tokens.put(new ShopId("generic-shop"), new DiscountAccess.Shopify("generic-shop.myshopify.com", new Secret("adminAccessToken", TOKEN)));

        assertThat(lookup.locate(shop("no-token", Platform.SHOPIFY), DISPOSED)).isEqualTo(new ReturnLocator.Answer.CannotBeLocated(Why.NO_TOKEN));
        assertThat(lookup.locate(shop("generic-shop", Platform.GENERIC), DISPOSED)).isEqualTo(new ReturnLocator.Answer.CannotBeLocated(Why.NO_TOKEN));
        assertThat(server.received()).isEmpty();
    }

    private Shop shopWithToken() {
        Shop shop = shop("kettle-house", Platform.SHOPIFY);
        tokens.put(shop.id(), new DiscountAccess.Shopify("kettle-house.myshopify.com", new Secret("adminAccessToken", TOKEN)));
        return shop;
    }

    private static Shop shop(String id, Platform platform) {
        var settings = new ShopSettings(platform, "Kettle House", new EmailAddress("hello@kettlehouse.example"),
                new EmailAddress("help@kettlehouse.example"), Language.EN, ZoneOffset.UTC, Duration.ofDays(60), Duration.ofDays(7),
                Duration.ofDays(4), Optional.empty(), Branding.DEFAULT, SupportSettings.defaults());
        Instant created = Instant.parse("2026-12-01T10:00:00Z");
        return new Shop(new ShopId(id), settings, WebhookSecrets.of(new Secret("kettle-house-webhook-secret")), created, created, 1);
    }
}
