package io.aftercare.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aftercare.devkit.DynamoDbExtension;
import io.aftercare.devkit.Fixtures;
import io.aftercare.devkit.TestTable;
import io.aftercare.devkit.WebhookSigner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Payloads gathered from public repositories and documentation (infrastructure/fixtures/webhooks/corpus, with
 * SOURCES.md), each signed as its platform signs it, sent through the webhook handler into DynamoDB Local, and the
 * stored order compared with what the platform's manifest says it must be.
 */
@ExtendWith(DynamoDbExtension.class)
class GenuinePayloadCorpusTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    // After the newest payload in the corpus (October 2026).
    private static final Instant AFTER_THE_CORPUS = Instant.parse("2026-11-01T00:00:00Z");
    private static final AtomicInteger SHOPS = new AtomicInteger();

    private static Harness aftercare;

    @BeforeAll
    static void start(TestTable table) {
        aftercare = new Harness(table, AFTER_THE_CORPUS);
    }

    /** One file of the corpus, the headers its manifest says to send it with, and the order it must leave behind. */
    record Case(String platform, String file, String topic, String apiVersion, JsonNode expect) {

        byte[] body() {
            return Fixtures.read("webhooks/corpus/" + platform + "/" + file);
        }

        @Override
        public String toString() {
            return platform + "/" + file + " as " + topic + " (" + apiVersion + ")";
        }
    }

    static Stream<Case> shopifyCases() {
        return cases("shopify");
    }

    static Stream<Case> wooCommerceCases() {
        return cases("woocommerce");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shopifyCases")
    void givenAGenuineShopifyPayload_whenDeliveredSigned_thenItIsRecordedAndTheOrderIsAsItsManifestSays(Case sample) {
        String shop = newShop("shopify");
        byte[] body = sample.body();
        Map<String, String> headers = WebhookSigner.shopify(Harness.SECRET, body, sample.topic(), UUID.randomUUID().toString(),
                aftercare.clock.instant());
        headers.put("X-Shopify-API-Version", sample.apiVersion());

        assertRecordedAsExpected(shop, aftercare.webhook("shopify", shop, headers, body), sample);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wooCommerceCases")
    void givenAGenuineWooCommercePayload_whenDeliveredSigned_thenItIsRecordedAndTheOrderIsAsItsManifestSays(Case sample) {
        String shop = newShop("woocommerce");

        assertRecordedAsExpected(shop, aftercare.wooCommerce(shop, sample.body(), sample.topic()), sample);
    }

    private static void assertRecordedAsExpected(String shop, Harness.Response response, Case sample) {
        assertThat(response.status()).as("HTTP status, answer %s", response.body()).isEqualTo(200);
        assertThat(response.json().path("status").asText()).as("answer").isEqualTo("recorded");

        JsonNode expect = sample.expect();
        String orderId = expect.path("orderId").asText();
        JsonNode order = aftercare.order(shop, orderId);
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(order.path("id").asText()).as("order id").isEqualTo(orderId);
        soft.assertThat(order.path("name").asText()).as("order number").isEqualTo(expect.path("name").asText());
        soft.assertThat(order.path("total").path("currency").asText()).as("currency").isEqualTo(expect.path("currency").asText());
        soft.assertThat(order.path("total").path("amount").asText()).as("total, exactly").isEqualTo(expect.path("total").asText());
        soft.assertThat(order.path("customer").path("email").asText().isEmpty()).as("customer email missing")
                .isEqualTo(!expect.path("customerEmail").asBoolean());
        soft.assertThat(order.path("lines")).as("lines").hasSize(expect.path("lines").asInt());
        soft.assertThat(order.path("status").asText()).as("status").isEqualTo(expect.path("status").asText());
        JsonNode refunds = expect.path("refunds");
        soft.assertThat(new BigDecimal(order.path("refunded").path("amount").asText("0")))
                .as("refunded amount").isEqualByComparingTo(refunds.path("amount").asText());
        soft.assertThat(aftercare.orderTimeline(shop, orderId).path("items"))
                .as("refunds on the timeline").filteredOn(e -> e.path("kind").asText().equals("order_refunded"))
                .hasSize(refunds.path("count").asInt());
        soft.assertAll();
    }

    /** The corpus holds the same order id more than once (samples of one order at two moments): a shop for each case. */
    private static String newShop(String platform) {
        String shop = "corpus-" + SHOPS.incrementAndGet();
        assertThat(aftercare.registerShop(shop, platform).status()).isEqualTo(201);
        return shop;
    }

    private static Stream<Case> cases(String platform) {
        JsonNode manifest = manifest(platform);
        List<Case> cases = new ArrayList<>();
        for (JsonNode entry : manifest.path("cases")) {
            cases.add(new Case(platform, entry.path("file").asText(), entry.path("topic").asText(),
                    entry.path("apiVersion").asText(), entry.path("expect")));
        }
        return cases.stream();
    }

    private static JsonNode manifest(String platform) {
        try {
            return JSON.readTree(Fixtures.read("webhooks/corpus/" + platform + "/corpus.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
