package io.aftercare.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aftercare.devkit.DynamoDbExtension;
import io.aftercare.devkit.Fixtures;
import io.aftercare.devkit.TestTable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/** Shopify's own sample payloads, signed as Shopify signs them, through the webhook handler into DynamoDB Local. */
@ExtendWith(DynamoDbExtension.class)
class ShopifyWebhookTest {

    // Shopify's samples are all dated 2021-12-31T19:00:00-05:00; the test lives just after.
    private static final Instant JUST_AFTER_THE_SAMPLES = Instant.parse("2022-01-01T00:01:00Z");
    private static final String ORDER = "820982911946154508";
    /** Shopify's return samples are about another order than its order samples. */
    private static final String RETURNED_ORDER = "4783296544821";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Harness aftercare;

    private String shop;

    @BeforeAll
    static void start(TestTable table) {
        aftercare = new Harness(table, JUST_AFTER_THE_SAMPLES);
    }

    /** A shop of its own for each test: the samples all describe the same order. */
    @BeforeEach
    void registerShop(TestInfo test) {
        shop = "shop-" + Integer.toHexString(test.getDisplayName().hashCode());
        assertThat(aftercare.registerShop(shop, "shopify").status()).isEqualTo(201);
    }

    @Test
    void givenAnOrderPaidInEurosAtAShopKeepingDollars_whenCreated_thenItsTotalAndLinesAreInEurosWithTheDollarsKeptBeside() {
        assertThat(aftercare.shopify(shop, Fixtures.shopify("orders-create.multi-currency.json"), "orders/create").status()).isEqualTo(200);

        JsonNode order = aftercare.order(shop, "6134457074006");
        assertThat(order.path("total").toString()).isEqualTo("{\"amount\":\"115.90\",\"currency\":\"EUR\"}");
        assertThat(order.path("shopTotal").toString()).isEqualTo("{\"amount\":\"124.36\",\"currency\":\"USD\"}");
        assertThat(order.path("lines")).extracting(l -> l.path("unitPrice").path("amount").asText() + " " + l.path("unitPrice").path("currency").asText())
                .containsExactly("41.95 EUR", "73.95 EUR");
    }

    @Test
    void givenARefundOfAnOrderPaidInEuros_whenItsTransactionsNameNoCurrency_thenTheRefundIsInEuros() {
        String refund = new String(Fixtures.shopify("refunds-create.json"), StandardCharsets.UTF_8)
                .replaceAll("(\"presentment_money\": \\{\\s*\"amount\": \"[0-9.]+\",\\s*\"currency_code\": )\"USD\"", "$1\"EUR\"");

        assertThat(aftercare.shopify(shop, refund.getBytes(StandardCharsets.UTF_8), "refunds/create").status()).isEqualTo(200);

        assertThat(summaries()).anyMatch(s -> s.startsWith("Refund of") && s.contains("€"));
    }

    @Test
    void givenAnOrderPaidInEurosWhosePresentmentTotalIsMissing_whenCreated_thenItIsRecordedWholeInTheShopsMoney() throws Exception {
        ObjectNode order = (ObjectNode) JSON.readTree(Fixtures.shopify("orders-create.multi-currency.json"));
        order.remove("total_price_set");

        assertThat(aftercare.shopify(shop, JSON.writeValueAsBytes(order), "orders/create").status()).isEqualTo(200);

        JsonNode recorded = aftercare.order(shop, "6134457074006");
        assertThat(recorded.path("total").toString()).isEqualTo("{\"amount\":\"124.36\",\"currency\":\"USD\"}");
        assertThat(recorded.path("shopTotal").toString()).isEqualTo("{\"amount\":\"124.36\",\"currency\":\"USD\"}");
        assertThat(recorded.path("lines")).extracting(l -> l.path("unitPrice").path("amount").asText() + " " + l.path("unitPrice").path("currency").asText())
                .containsExactly("45.01 USD", "79.35 USD"); // one currency per order: the lines follow the total
    }

    /**
     * Shopify's refund sample made multi-currency as Shopify's refund object describes it (no genuine capture found):
     * the customer paid in euros; one transaction carries its money in {@code amount_set} (shop dollars in
     * {@code amount}), the other went back in the shop's dollars and says so in its own {@code currency}.
     */
    @Test
    void givenARefundWhoseTransactionsCarryTheirOwnMoney_whenDelivered_thenEachIsRefundedInItsOwnCurrencyAndAmount() throws Exception {
        ObjectNode refund = (ObjectNode) JSON.readTree(new String(Fixtures.shopify("refunds-create.json"), StandardCharsets.UTF_8)
                .replaceAll("(\"presentment_money\": \\{\\s*\"amount\": \"[0-9.]+\",\\s*\"currency_code\": )\"USD\"", "$1\"EUR\""));
        ObjectNode inEuros = (ObjectNode) refund.path("transactions").get(0);
        inEuros.put("amount", "81.00");
        inEuros.set("amount_set", JSON.readTree("""
                {"shop_money": {"amount": "81.00", "currency_code": "USD"}, "presentment_money": {"amount": "75.00", "currency_code": "EUR"}}"""));
        ((ObjectNode) refund.path("transactions").get(1)).put("currency", "USD");

        assertThat(aftercare.shopify(shop, JSON.writeValueAsBytes(refund), "refunds/create").status()).isEqualTo(200);

        assertThat(summaries()).filteredOn(s -> s.startsWith("Refund of"))
                .containsExactlyInAnyOrder("Refund of €75.00 (Things were damaged)", "Refund of $10.00 (Things were damaged)");
    }

    @Test
    void givenShopifysOrderSamples_whenEachOrderTopicDelivers_thenTheOrderIsRecordedOnceWithItsCustomerAndItsEmailsScheduled() {
        var created = aftercare.shopify(shop, Fixtures.shopify("orders-create.json"), "orders/create");
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.json().path("scheduled")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("thank-you#" + ORDER, "check-in#" + ORDER);
        for (String topic : List.of("orders/updated", "orders/paid", "orders/cancelled")) {
            var again = aftercare.shopify(shop, Fixtures.shopify("orders-create.json"), topic);
            assertThat(again.json().path("status").asText()).as(topic).isEqualTo("recorded");
            assertThat(again.json().path("scheduled")).as(topic).isEmpty();
        }

        JsonNode order = aftercare.order(shop, ORDER);
        assertThat(order.path("name").asText()).isEqualTo("#9999");
        assertThat(order.path("status").asText()).isEqualTo("cancelled");
        assertThat(order.path("total").path("amount").asText()).isEqualTo("404.95");
        assertThat(order.path("lines")).hasSize(5);
        assertThat(order.path("customer").path("email").asText()).isEqualTo("jon@example.com");
        assertThat(entryIds()).contains("placed", "cancelled", "scheduled-thank-you#" + ORDER, "scheduled-check-in#" + ORDER)
                .doesNotHaveDuplicates();
    }

    @Test
    void givenShopifysFulfilmentAndTrackingSamples_whenDelivered_thenTheTimelineShowsEachStepOnce() {
        aftercare.shopify(shop, Fixtures.shopify("orders-create.json"), "orders/create");
        aftercare.shopify(shop, Fixtures.shopify("fulfillments-create.json"), "fulfillments/create");
        aftercare.shopify(shop, Fixtures.shopify("fulfillments-update.json"), "fulfillments/update");
        aftercare.shopify(shop, Fixtures.shopify("fulfillment-events-create.json"), "fulfillment_events/create");

        assertThat(summaries()).contains("Fulfilment 123456 pending with UPS 1z827wk74630", "Parcel 123456 in transit: Item is now in transit");
        assertThat(entryIds()).filteredOn(id -> id.startsWith("fulfilment-123456")).containsExactly("fulfilment-123456-pending");
        assertThat(aftercare.order(shop, ORDER).path("milestones").has("fulfilled")).isTrue();
    }

    @Test
    void givenShopifysRefundSample_whenDelivered_thenTheRefundIsOnTheOrderAndOnTheCustomersTimeline() {
        aftercare.shopify(shop, Fixtures.shopify("orders-create.json"), "orders/create");
        assertThat(aftercare.shopify(shop, Fixtures.shopify("refunds-create.json"), "refunds/create").status()).isEqualTo(200);

        assertThat(aftercare.order(shop, ORDER).path("refunded").path("amount").asText()).isEqualTo("85.00");
        JsonNode customerTimeline = aftercare.agent("GET /api/shops/{shop}/customers/{email}/timeline",
                Map.of("shop", shop, "email", "jon@example.com"), Map.of("lang", "en")).json();
        assertThat(customerTimeline.path("items")).extracting(e -> e.path("summary").asText())
                .contains("Refund of $85.00 (Things were damaged)");
    }

    @Test
    void givenShopifysCustomerSamples_whenDelivered_thenTheCustomersProfileIsKept() {
        assertThat(aftercare.shopify(shop, Fixtures.shopify("customers-create.json"), "customers/create").status()).isEqualTo(200);
        assertThat(aftercare.shopify(shop, Fixtures.shopify("customers-update.json"), "customers/update").status()).isEqualTo(200);

        JsonNode customer = aftercare.agent("GET /api/shops/{shop}/customers/{email}",
                Map.of("shop", shop, "email", "bob@biller.com"), Map.of()).json();
        assertThat(customer.path("contact").path("name").asText()).isEqualTo("Bob Biller");
        assertThat(customer.path("orderCount").asInt()).isZero();
    }

    @Test
    void givenTheLegacyFulfilmentFixtureForAnOrderNeverSeen_whenDelivered_thenItStartsThatOrdersTimeline() {
        var response = aftercare.shopify(shop,
                Fixtures.shopify("fulfillments-create.legacy-2014-shopify-fulfillment-integration.json"), "fulfillments/create");

        assertThat(response.status()).isEqualTo(200);
        assertThat(aftercare.orderTimeline(shop, "450789469").path("items")).extracting(e -> e.path("summary").asText())
                .containsExactly("Fulfilment 255858046 pending with 1Z2345");
    }

    @Test
    void givenShopifysReturnSamples_whenARequestIsApprovedClosedAndReopened_thenEachStepIsOnTheOrderAndTheReturnStandsReopened() {
        Instant at = aftercare.clock.instant().minus(Duration.ofHours(5)); // steps in the past: a future trigger time is not trusted
        for (String step : List.of("request", "approve", "close", "reopen")) {
            at = at.plus(Duration.ofHours(1));
            var response = aftercare.shopify(shop, Fixtures.shopify("returns-" + step + ".json"), "returns/" + step, "return-" + step, at);
            assertThat(response.status()).isEqualTo(200);
        }

        assertThat(summaries(RETURNED_ORDER)).filteredOn(s -> !s.contains(" scheduled for ")).containsExactly("Return 123134564567890 reopened", "Return 123134564567890 closed",
                "Return 123134564567890 approved", "Return 123134564567890 requested");
        JsonNode returns = aftercare.order(shop, RETURNED_ORDER).path("returns");
        assertThat(returns).hasSize(1);
        assertThat(returns.get(0).path("status").asText()).isEqualTo("reopened");
    }

    @Test
    void givenADeclineDeliveredBeforeTheRequestItAnswers_whenBothArrive_thenTheReturnStandsDeclined() {
        Instant requested = aftercare.clock.instant();
        Instant declined = requested.plus(Duration.ofHours(2));
        aftercare.shopify(shop, Fixtures.shopify("returns-decline.json"), "returns/decline", "late-1", declined);
        aftercare.shopify(shop, Fixtures.shopify("returns-request.json"), "returns/request", "late-2", requested);

        assertThat(aftercare.order(shop, RETURNED_ORDER).path("returns").get(0).path("status").asText()).isEqualTo("declined");
    }

    @Test
    void givenShopifysReturnUpdateAndReturnProcess_whenDelivered_thenEachIsAcknowledgedAsIgnoredAndNothingIsWritten() {
        int items = aftercare.table.itemCount();
        // returns/process: Shopify publishes its sample as an empty object (infrastructure/fixtures/webhooks/SOURCES.md, S3)
        for (var topic : Map.of("returns/update", Fixtures.shopify("returns-update.json"), "returns/process", "{}".getBytes(StandardCharsets.UTF_8)).entrySet()) {
            var response = aftercare.shopify(shop, topic.getValue(), topic.getKey());
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.json().path("ignored").asText()).isEqualTo(topic.getKey());
        }
        assertThat(aftercare.table.itemCount()).isEqualTo(items);
    }

    private List<String> entryIds() {
        List<String> ids = new ArrayList<>();
        aftercare.orderTimeline(shop, ORDER).path("items").forEach(e -> ids.add(e.path("id").asText()));
        return ids;
    }

    private List<String> summaries() {
        return summaries(ORDER);
    }

    private List<String> summaries(String order) {
        List<String> summaries = new ArrayList<>();
        aftercare.orderTimeline(shop, order).path("items").forEach(e -> summaries.add(e.path("summary").asText()));
        return summaries;
    }
}
