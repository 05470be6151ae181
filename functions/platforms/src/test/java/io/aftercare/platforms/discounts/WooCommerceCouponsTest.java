package io.aftercare.platforms.discounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aftercare.devkit.RepositoryRoot;
import io.aftercare.devkit.ShopApiServer;
import io.aftercare.devkit.ShopApiServer.Answer;
import io.aftercare.domain.discount.Creation;
import io.aftercare.domain.discount.DiscountAccess;
import io.aftercare.domain.discount.DiscountServiceBusy;
import io.aftercare.domain.shop.Secret;
import java.io.IOException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The WooCommerce adapter against a local server answering as WooCommerce's REST API v3 documents it. */
class WooCommerceCouponsTest {

    private static final String KEY = "ck_0123456789abcdef0123456789abcdef01234567";
    private static final String SECRET = "cs_0123456789abcdef0123456789abcdef01234567";
    private static final DiscountAccess.WooCommerce ACCESS = new DiscountAccess.WooCommerce("shop.example.com",
            new Secret("consumerKey", KEY), new Secret("consumerSecret", SECRET));
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ShopApiServer server = new ShopApiServer();
    private final ShopApis apis = new ShopApis(server);
    private final WooCommerceCoupons woo = new WooCommerceCoupons(apis.http);

    WooCommerceCouponsTest() throws IOException {
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void givenWooCommercesCouponSchema_whenAftercareSendsACoupon_thenEveryFieldIsAWritablePropertyOfTheRightType() throws IOException {
        String docs = Files.readString(RepositoryRoot.fixtures().resolve("discounts/woocommerce-rest-api-docs.wp-api-v3.coupons.md"));
        // the "Coupon properties" table: | `name` | type | description |
        Map<String, String> types = new java.util.HashMap<>();
        Set<String> readOnly = new HashSet<>();
        var row = Pattern.compile("^\\| `([a-z_]+)`\\s*\\| ([a-z-]+)\\s*\\|(.*)\\|$", Pattern.MULTILINE).matcher(docs.substring(0, docs.indexOf("### Coupon - Meta data")));
        while (row.find()) {
            types.put(row.group(1), row.group(2));
            if (row.group(3).contains("read-only")) {
                readOnly.add(row.group(1));
            }
        }
        assertThat(types).as("the properties table was read").containsKeys("code", "email_restrictions", "usage_limit");

        var coupon = WooCommerceCoupons.coupon(ShopApis.offer("THANKS-ABCD2345"));
        coupon.fieldNames().forEachRemaining(field -> {
            assertThat(types).as("documented property " + field).containsKey(field);
            assertThat(readOnly).as("writable " + field).doesNotContain(field);
            var value = coupon.get(field);
            switch (types.get(field)) {
                case "string", "date-time" -> assertThat(value.isTextual()).as(field + " is a string").isTrue();
                case "integer" -> assertThat(value.isInt()).as(field + " is an integer").isTrue();
                case "boolean" -> assertThat(value.isBoolean()).as(field + " is a boolean").isTrue();
                case "array" -> assertThat(value.isArray()).as(field + " is an array").isTrue();
                default -> throw new AssertionError("type " + types.get(field) + " of " + field);
            }
        });
        assertThat(coupon.get("discount_type").asText()).isIn("percent", "fixed_cart", "fixed_product");
    }

    @Test
    void givenWooCommerceCreatesTheCoupon_whenAsked_thenItIsForThatCustomerOnceUntilTheOffersEndOverHttpsWithTheKey() throws IOException {
        server.answer(Answer.json(201, "{\"id\":719,\"code\":\"thanks-abcd2345\",\"amount\":\"10.00\",\"discount_type\":\"percent\"}"));

        assertThat(woo.create(ACCESS, ShopApis.offer("THANKS-ABCD2345"))).isEqualTo(new Creation.Created("THANKS-ABCD2345"));

        assertThat(server.asked()).containsExactly(URI.create("https://shop.example.com/wp-json/wc/v3/coupons"));
        var request = server.received().get(0);
        assertThat(request.header("Authorization")).isEqualTo("Basic " + Base64.getEncoder().encodeToString((KEY + ":" + SECRET).getBytes(StandardCharsets.UTF_8)));
        var sent = JSON.readTree(request.body());
        assertThat(sent.path("email_restrictions").get(0).asText()).isEqualTo("jon@example.com");
        assertThat(sent.path("usage_limit").asInt()).isEqualTo(1);
        assertThat(sent.path("amount").asText()).isEqualTo("10");
        assertThat(sent.path("date_expires_gmt").asText()).isEqualTo("2026-12-31T10:00:00");
    }

    @Test
    void givenAnEarlierTryOfTheActionMadeTheCoupon_whenWooCommerceAnswers400ForADuplicateCode_thenItIsTheActionsCode() {
        server.answer(Answer.json(400, "{\"code\":\"woocommerce_rest_coupon_code_already_exists\",\"message\":\"The coupon code already exists\","
                + "\"data\":{\"status\":400}}"));

        assertThat(woo.create(ACCESS, ShopApis.offer("THANKS-ABCD2345"))).isEqualTo(new Creation.Created("THANKS-ABCD2345"));
    }

    @Test
    void givenARevokedKey_whenWooCommerceAnswers401_thenItIsARefusalForGoodWithoutTheKey() {
        server.answer(Answer.json(401, "{\"code\":\"woocommerce_rest_cannot_create\",\"message\":\"Sorry, you are not allowed to create resources.\","
                + "\"data\":{\"status\":401}}"));

        var refused = woo.create(ACCESS, ShopApis.offer("THANKS-ABCD2345"));

        assertThat(refused).isInstanceOfSatisfying(Creation.Refused.class, r ->
                assertThat(r.why()).contains("401", "woocommerce_rest_cannot_create").doesNotContain(KEY, SECRET));
    }

    @Test
    void givenAnotherBadRequest_whenWooCommerceAnswers400_thenItIsARefusalNamingItsCode() {
        server.answer(Answer.json(400, "{\"code\":\"rest_invalid_param\",\"message\":\"Invalid parameter(s): email_restrictions\",\"data\":{\"status\":400}}"));

        assertThat(woo.create(ACCESS, ShopApis.offer("THANKS-ABCD2345"))).isEqualTo(new Creation.Refused("WooCommerce refused the coupon (400, rest_invalid_param)"));
    }

    @Test
    void givenWooCommercesServerIsBusy_whenItAsksForAShortWait_thenAftercareWaitsAndAsksAgain() {
        server.answer(new Answer(429, "{}", Map.of("Retry-After", "2")), Answer.json(201, "{\"id\":720}"));

        assertThat(woo.create(ACCESS, ShopApis.offer("THANKS-ABCD2345"))).isEqualTo(new Creation.Created("THANKS-ABCD2345"));
        assertThat(apis.pauses).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void givenWooCommercesServerFails_whenItAsksForALongWait_thenTheActionIsLeftToItsRetry() {
        server.answer(new Answer(503, "{}", Map.of("Retry-After", "120")));

        assertThatThrownBy(() -> woo.create(ACCESS, ShopApis.offer("THANKS-ABCD2345"))).isInstanceOf(DiscountServiceBusy.class);
        assertThat(apis.pauses).isEmpty();
    }
    @Test
    void givenAStoreHostResolvingInsideTheNetwork_whenACouponIsAsked_thenItIsRefusedWithoutARequestSoTheKeyGoesNowhere() {
        for (String inside : List.of("127.0.0.1", "10.1.2.3", "172.16.0.9", "192.168.1.1", "169.254.169.254", "100.64.0.1",
                "::1", "fe80::1", "fd00:ec2::254", "::ffff:10.0.0.1")) {
            apis.address = inside;

            var created = woo.create(ACCESS, ShopApis.offer("THANKS-ABCD2345"));

            assertThat(created).as(inside).isInstanceOfSatisfying(Creation.Refused.class,
                    refused -> assertThat(refused.why()).contains("loopback, private, link-local or unique-local"));
        }
        assertThat(server.received()).isEmpty();
    }

    @Test
    void givenAStoreHostThatDoesNotResolveNow_whenACouponIsAsked_thenTheShopIsBusySoTheActionIsRetried() {
        var unresolved = new WooCommerceCoupons(new PlatformHttp(HttpClient.newHttpClient(), server::local, apis.pauses::add,
                host -> {
                    throw new UnknownHostException(host);
                }));

        assertThatThrownBy(() -> unresolved.create(ACCESS, ShopApis.offer("THANKS-ABCD2345"))).isInstanceOf(DiscountServiceBusy.class);
        assertThat(server.received()).isEmpty();
    }
}
