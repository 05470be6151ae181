package io.aftercare.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aftercare.devkit.DynamoDbExtension;
import io.aftercare.devkit.Fixtures;
import io.aftercare.devkit.TestTable;
import io.aftercare.devkit.WebhookSigner;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** WooCommerce's documented order objects, signed as WooCommerce signs them. */
@ExtendWith(DynamoDbExtension.class)
class WooCommerceWebhookTest {

    private static Harness aftercare;

    @BeforeAll
    static void registerShops(TestTable table) {
        aftercare = new Harness(table, Instant.parse("2017-03-22T19:29:00Z"));
        aftercare.registerShop("woo-created", "woocommerce");
        aftercare.registerShop("woo-refunds", "woocommerce");
        aftercare.registerShop("woo-ping", "woocommerce");
        aftercare.registerShop("woo-v1", "woocommerce");
        aftercare.registerShop("woo-v2", "woocommerce");
        aftercare.registerShop("woo-legacy", "woocommerce");
        aftercare.registerShop("woo-legacy-refunded", "woocommerce");
        aftercare.registerShop("woo-legacy-partial", "woocommerce");
        aftercare.registerShop("woo-floats", "woocommerce");
    }

    @Test
    void givenTheCreatedAndThenTheCompletedOrder_whenDelivered_thenTheOrderIsPaidThenFulfilledAndItsSurveyScheduled() {
        var created = aftercare.wooCommerce("woo-created", Fixtures.wooCommerce("order-created.json"), "order.created");
        assertThat(created.json().path("scheduled").toString()).contains("thank-you#727", "check-in#727");
        assertThat(aftercare.order("woo-created", "727").path("status").asText()).isEqualTo("paid");

        var completed = aftercare.wooCommerce("woo-created", Fixtures.wooCommerce("order-updated.json"), "order.updated");

        assertThat(completed.json().path("scheduled").toString()).contains("survey#727");
        assertThat(aftercare.order("woo-created", "727").path("status").asText()).isEqualTo("fulfilled");
    }

    @Test
    void givenARefundListedInOrderUpdated_whenTheOrderIsUpdatedAgainListingIt_thenTheRefundIsRecordedOnce() {
        byte[] refunded = withRefunds(Fixtures.wooCommerce("order-updated.json"), "[{\"id\": 731, \"reason\": \"Broken mug\", \"total\": \"-10.00\"}]");
        aftercare.wooCommerce("woo-refunds", Fixtures.wooCommerce("order-created.json"), "order.created");

        assertThat(aftercare.wooCommerce("woo-refunds", refunded, "order.updated").status()).isEqualTo(200);
        assertThat(aftercare.wooCommerce("woo-refunds", refunded, "order.updated").status()).isEqualTo(200);

        assertRefundedOnce("woo-refunds", "727", "partly_refunded", "10.00", "Refund of $10.00 (Broken mug)");
    }

    @Test
    void givenTheActivationPing_whenPosted_thenItGets200AndNothingIsWritten() {
        int items = aftercare.table.itemCount();

        var ping = aftercare.webhook("woocommerce", "woo-ping", Map.of("Content-Type", "application/x-www-form-urlencoded"),
                "webhook_id=17".getBytes(StandardCharsets.UTF_8));

        assertThat(ping.status()).isEqualTo(200);
        assertThat(aftercare.table.itemCount()).isEqualTo(items);
    }

    @Test
    void givenAWebhookSetToApiVersionOne_whenTheOrderArrivesWithLocalDatesOnly_thenItIsRecordedWithTheDatesInTheShopsTimeZone() {
        var created = aftercare.wooCommerce("woo-v1", Fixtures.wooCommerce("order-created.wp-api-v1.json"), "order.created");

        assertThat(created.status()).isEqualTo(200);
        assertThat(created.json().path("status").asText()).isEqualTo("recorded");
        JsonNode order = aftercare.order("woo-v1", "154");
        // the shop is in Europe/Warsaw: 22:35:16 there on 30 May 2016 (summer time, +02:00) is 20:35:16 UTC
        assertThat(order.path("milestones").path("placed").asText()).isEqualTo("2016-05-30T20:35:16Z");
        assertThat(order.path("milestones").path("paid").asText()).isEqualTo("2016-05-30T17:35:25Z");
        assertThat(order.path("total").path("amount").asText()).isEqualTo("37.95");
    }

    @Test
    void givenAWebhookSetToApiVersionTwo_whenTheOrderArrives_thenItIsRecordedWithItsGmtDates() {
        assertThat(aftercare.wooCommerce("woo-v2", Fixtures.wooCommerce("order-created.wp-api-v2.json"), "order.created").status()).isEqualTo(200);

        assertThat(aftercare.order("woo-v2", "727").path("milestones").path("placed").asText()).isEqualTo("2017-03-22T19:28:02Z");
    }

    @Test
    void givenALegacyApiWebhook_whenTheOrderArrivesInItsOrderEnvelope_thenItIsRecordedAsAPaidOrder() {
        var created = aftercare.wooCommerce("woo-legacy", Fixtures.wooCommerce("order-created.legacy-v3.json"), "order.created");

        assertThat(created.status()).isEqualTo(200);
        assertThat(created.json().path("status").asText()).isEqualTo("recorded");
        JsonNode order = aftercare.order("woo-legacy", "645");
        assertThat(order.path("status").asText()).isEqualTo("paid");
        assertThat(order.path("name").asText()).isEqualTo("#645");
        assertThat(order.path("total").path("amount").asText()).isEqualTo("79.87");
        assertThat(order.path("customer").path("name").asText()).isEqualTo("John Doe");
    }

    @Test
    void givenALegacyOrderMarkedRefundedWithoutRefunds_whenUpdatedTwice_thenItIsRefundedInFullOnce() {
        aftercare.wooCommerce("woo-legacy-refunded", Fixtures.wooCommerce("order-created.legacy-v3.json"), "order.created");
        byte[] refunded = legacy("\"status\": \"processing\"", "\"status\": \"refunded\"",
                "\"updated_at\": \"2015-01-26T20:00:21Z\"", "\"updated_at\": \"2015-01-27T09:00:00Z\"");

        assertThat(aftercare.wooCommerce("woo-legacy-refunded", refunded, "order.updated").status()).isEqualTo(200);
        assertThat(aftercare.wooCommerce("woo-legacy-refunded", refunded, "order.updated").status()).isEqualTo(200);

        // the refunded status is what skips check-in and survey
        assertRefundedOnce("woo-legacy-refunded", "645", "refunded", "79.87", "Refund of $79.87");
    }

    @Test
    void givenALegacyOrderListingARefund_whenUpdatedTwice_thenTheRefundIsRecordedOnceWithItsReason() {
        byte[] refunded = legacy("\"status\": \"processing\"", "\"refunds\": [{\"id\": 646, \"created_at\": \"2015-01-26T20:10:00Z\", "
                + "\"amount\": \"10.00\", \"reason\": \"Broken mug\"}], \"status\": \"processing\"");

        aftercare.wooCommerce("woo-legacy-partial", refunded, "order.updated");
        aftercare.wooCommerce("woo-legacy-partial", refunded, "order.updated");

        assertRefundedOnce("woo-legacy-partial", "645", "partly_refunded", "10.00", "Refund of $10.00 (Broken mug)");
    }

    @Test
    void givenPricesSentAsJsonNumbers_whenRecorded_thenEachAmountIsExactlyTheNumberSent() {
        String order = new String(Fixtures.wooCommerce("order-created.json"), StandardCharsets.UTF_8)
                .replace("\"price\": 3", "\"price\": 10.799999999999999999").replace("\"price\": 12", "\"price\": 12.50")
                .replace("\"total\": \"29.35\"", "\"total\": 1234567890123.4567");

        assertThat(aftercare.wooCommerce("woo-floats", order.getBytes(StandardCharsets.UTF_8), "order.created").status()).isEqualTo(200);

        JsonNode recorded = aftercare.order("woo-floats", "727");
        assertThat(recorded.path("total").path("amount").asText()).isEqualTo("1234567890123.4567");
        assertThat(recorded.path("lines")).extracting(l -> l.path("unitPrice").path("amount").asText())
                .containsExactly("10.799999999999999999", "12.50");
    }

    @Test
    void givenATotalNoDatabaseCouldStore_whenDelivered_thenItIsRefusedWith400AndNothingIsWritten() {
        byte[] order = new String(Fixtures.wooCommerce("order-created.json"), StandardCharsets.UTF_8)
                .replace("\"total\": \"29.35\"", "\"total\": 1e309").getBytes(StandardCharsets.UTF_8);
        int items = aftercare.table.itemCount();

        var response = aftercare.wooCommerce("woo-floats", order, "order.created");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("total");
        assertThat(aftercare.table.itemCount()).isEqualTo(items);
    }

    @Test
    void givenSecretsThatBeginOrEndWithASpace_whenRegisteredAndRotated_thenDeliveriesSignedWithExactlyThemAreAccepted() {
        String generated = " ck_9f3b k2#Lq0 z8 ";
        String rotated = "  Wc secret: 7h*Qp ";
        assertThat(aftercare.admin("POST /admin/shops", Map.of(), """
                {"id": "woo-spaced", "platform": "woocommerce", "webhookSecret": "%s", "brandName": "Kettle House",
                 "senderEmail": "hello@kettlehouse.example"}""".formatted(generated)).status()).isEqualTo(201);
        byte[] order = Fixtures.wooCommerce("order-created.json");

        var signedWithIt = aftercare.webhook("woocommerce", "woo-spaced", WebhookSigner.wooCommerce(generated, order, "order.created", "d-1"), order);
        var signedTrimmed = aftercare.webhook("woocommerce", "woo-spaced", WebhookSigner.wooCommerce(generated.trim(), order, "order.created", "d-2"), order);
        assertThat(aftercare.admin("POST /admin/shops/{shop}/webhook-secret", Map.of("shop", "woo-spaced"),
                "{\"webhookSecret\": \"%s\", \"previousValidForHours\": 0}".formatted(rotated)).status()).isEqualTo(200);
        aftercare.clock.advance(Duration.ofMinutes(2)); // past the shop cache
        var signedWithTheRotated = aftercare.webhook("woocommerce", "woo-spaced", WebhookSigner.wooCommerce(rotated, order, "order.updated", "d-3"), order);

        assertThat(signedWithIt.status()).isEqualTo(200);
        assertThat(signedTrimmed.status()).isEqualTo(401);
        assertThat(signedWithTheRotated.status()).isEqualTo(200);
    }

    @Test
    void givenASecretOfOnlySpacesOrShorterThanSixteenCharacters_whenRegistered_thenItIsRefused() {
        for (String secret : List.of("                ", " too short ", "")) {
            assertThat(aftercare.admin("POST /admin/shops", Map.of(), """
                    {"id": "woo-weak", "platform": "woocommerce", "webhookSecret": "%s", "brandName": "Kettle House",
                     "senderEmail": "hello@kettlehouse.example"}""".formatted(secret)).status()).as("secret '%s'", secret).isEqualTo(400);
        }
    }

    /** The order stands {@code status} with {@code amount} refunded, and its timeline shows exactly one refund. */
    private static void assertRefundedOnce(String shop, String orderId, String status, String amount, String summary) {
        JsonNode order = aftercare.order(shop, orderId);
        assertThat(order.path("status").asText()).isEqualTo(status);
        assertThat(order.path("refunded").path("amount").asText()).isEqualTo(amount);
        assertThat(aftercare.orderTimeline(shop, orderId).path("items"))
                .filteredOn(e -> e.path("kind").asText().equals("order_refunded")).singleElement()
                .satisfies(e -> assertThat(e.path("summary").asText()).isEqualTo(summary));
    }

    /** The legacy order with each given field text replaced by the text after it. */
    private static byte[] legacy(String... fieldThenReplacement) {
        String order = new String(Fixtures.wooCommerce("order-created.legacy-v3.json"), StandardCharsets.UTF_8);
        for (int i = 0; i < fieldThenReplacement.length; i += 2) {
            assertThat(order).contains(fieldThenReplacement[i]);
            order = order.replace(fieldThenReplacement[i], fieldThenReplacement[i + 1]);
        }
        return order.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] withRefunds(byte[] order, String refunds) {
        return new String(order, StandardCharsets.UTF_8).replace("\"refunds\": []", "\"refunds\": " + refunds).getBytes(StandardCharsets.UTF_8);
    }
}
