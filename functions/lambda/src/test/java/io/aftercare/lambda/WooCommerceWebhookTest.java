package io.aftercare.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.devkit.DynamoDbExtension;
import io.aftercare.devkit.Fixtures;
import io.aftercare.devkit.TestTable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
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

        var order = aftercare.order("woo-refunds", "727");
        assertThat(order.path("status").asText()).isEqualTo("partly_refunded");
        assertThat(order.path("refunded").path("amount").asText()).isEqualTo("10.00");
        assertThat(aftercare.orderTimeline("woo-refunds", "727").path("items"))
                .filteredOn(e -> e.path("kind").asText().equals("order_refunded")).singleElement()
                .satisfies(e -> assertThat(e.path("summary").asText()).isEqualTo("Refund of 10.00 USD (Broken mug)"));
    }

    @Test
    void givenTheActivationPing_whenPosted_thenItGets200AndNothingIsWritten() {
        int items = aftercare.table.itemCount();

        var ping = aftercare.webhook("woocommerce", "woo-ping", Map.of("Content-Type", "application/x-www-form-urlencoded"),
                "webhook_id=17".getBytes(StandardCharsets.UTF_8));

        assertThat(ping.status()).isEqualTo(200);
        assertThat(aftercare.table.itemCount()).isEqualTo(items);
    }

    private static byte[] withRefunds(byte[] order, String refunds) {
        return new String(order, StandardCharsets.UTF_8).replace("\"refunds\": []", "\"refunds\": " + refunds).getBytes(StandardCharsets.UTF_8);
    }
}
