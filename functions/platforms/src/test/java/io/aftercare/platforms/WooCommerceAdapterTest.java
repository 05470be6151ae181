package io.aftercare.platforms;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.devkit.Fixtures;
import io.aftercare.devkit.WebhookSigner;
import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.Money;
import io.aftercare.domain.event.OrderUpdate;
import io.aftercare.domain.order.FulfilmentStatus;
import io.aftercare.domain.order.Milestone;
import io.aftercare.domain.order.OrderFact;
import io.aftercare.domain.shop.Secret;
import io.aftercare.domain.webhook.WebhookDelivery;
import io.aftercare.platforms.woocommerce.WooCommerceAdapter;
import java.time.ZoneOffset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.params.ParameterizedTest;

class WooCommerceAdapterTest {

    private static final String SECRET = "woo-webhook-secret-0123456789";

    private final WooCommerceAdapter adapter = new WooCommerceAdapter();

    @Test
    void givenWooCommercesCreatedOrderSample_whenParsed_thenAPaidOrderIsPlacedAtItsGmtTime() {
        OrderUpdate update = parse("order-created.json", "order.created");

        assertThat(update.orderId().value()).isEqualTo("727");
        assertThat(update.announcesNewOrder()).isTrue();
        var snapshot = update.snapshot().orElseThrow();
        assertThat(snapshot.name()).isEqualTo("#727");
        assertThat(snapshot.total()).isEqualTo(Money.of("29.35", "USD"));
        assertThat(snapshot.lines()).extracting(l -> l.title() + " x" + l.quantity())
                .containsExactly("Woo Single #1 x2", "Ship Your Idea &ndash; Color: Black, Size: M Test x1");
        assertThat(snapshot.customer().orElseThrow().email()).isEqualTo(new EmailAddress("john.doe@example.com"));
        assertThat(snapshot.placedAt()).isEqualTo(Instant.parse("2017-03-22T19:28:02Z"));
        assertThat(update.facts()).containsExactly(
                new OrderFact.Placed(Instant.parse("2017-03-22T19:28:02Z")),
                new OrderFact.Paid(Instant.parse("2017-03-22T19:28:08Z")));
    }

    @Test
    void givenWooCommercesCompletedOrderSample_whenParsed_thenTheOrderIsShippedAsOneFulfilmentWithoutTracking() {
        OrderUpdate update = parse("order-updated.json", "order.updated");

        assertThat(update.announcesNewOrder()).isFalse();
        assertThat(update.sourceTime()).isEqualTo(Instant.parse("2017-03-22T19:30:35Z"));
        assertThat(update.facts()).filteredOn(OrderFact.FulfilmentChanged.class::isInstance).singleElement()
                .isInstanceOfSatisfying(OrderFact.FulfilmentChanged.class, f -> {
                    assertThat(f.status()).isEqualTo(FulfilmentStatus.SHIPPED);
                    assertThat(f.tracking().isEmpty()).isTrue();
                    assertThat(f.milestones()).containsExactly(Milestone.FULFILLED);
                });
    }

    @Test
    void givenAnOrderUpdatedListingRefunds_whenParsed_thenEachRefundIsAFactWithAPositiveAmount() {
        String body = new String(Fixtures.wooCommerce("order-updated.json"), StandardCharsets.UTF_8)
                .replace("\"refunds\": []", "\"refunds\": [{\"id\": 731, \"reason\": \"Broken mug\", \"total\": \"-10.00\"}]");

        OrderUpdate update = parse(body.getBytes(StandardCharsets.UTF_8), "order.updated");

        assertThat(update.facts()).filteredOn(OrderFact.Refunded.class::isInstance).singleElement()
                .isInstanceOfSatisfying(OrderFact.Refunded.class, r -> {
                    assertThat(r.refundId()).isEqualTo("731");
                    assertThat(r.amount()).isEqualTo(Money.of("10.00", "USD"));
                });
    }

    @Test
    void givenTheActivationPing_whenChecked_thenItIsAPingThatNeedsNoSignature() {
        var ping = Deliveries.of("woocommerce", Map.of("content-type", "application/x-www-form-urlencoded"),
                "webhook_id=17".getBytes(StandardCharsets.UTF_8));

        assertThat(adapter.isActivationPing(ping)).isTrue();
    }

    @Test
    void givenASignedDelivery_whenCheckedForAPing_thenItIsNot() {
        assertThat(adapter.isActivationPing(signed(Fixtures.wooCommerce("order-created.json"), "order.created"))).isFalse();
    }

    @Test
    void givenTheWebhooksSecret_whenVerified_thenTheSignatureMatchesAndAnotherSecretDoesNot() {
        WebhookDelivery delivery = signed(Fixtures.wooCommerce("order-created.json"), "order.created");

        assertThat(adapter.signatureMatches(delivery, new Secret(SECRET))).isTrue();
        assertThat(adapter.signatureMatches(delivery, new Secret("not-the-woo-secret-at-all"))).isFalse();
    }

    @Test
    void givenAnOrderDeletedTopic_whenParsed_thenItIsIgnored() {
        assertThat(adapter.parse(signed(Fixtures.wooCommerce("order-created.json"), "order.deleted"), ZoneOffset.UTC).event()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"order-created.json", "order-created.legacy-v3.json"})
    void givenAnOrderPlacedWithACoupon_whenParsed_thenItsCodeIsNamedForRedemption(String fixture) {
        // no genuine sample carries a coupon: its coupon_lines filled as the REST API docs' "coupon lines properties" describe
        byte[] body = new String(Fixtures.wooCommerce(fixture), StandardCharsets.UTF_8).replace("\"coupon_lines\": []",
                "\"coupon_lines\": [{\"id\": 3001, \"code\": \"thanks-abcd2345\", \"discount\": \"3.50\", \"discount_tax\": \"0.00\", \"meta_data\": []}]")
                .getBytes(StandardCharsets.UTF_8);

        var parsed = adapter.parse(signed(body, "order.created"), ZoneOffset.UTC);

        assertThat(parsed.discountCodes()).containsExactly("thanks-abcd2345");
    }

    private OrderUpdate parse(String fixture, String topic) {
        return parse(Fixtures.wooCommerce(fixture), topic);
    }

    private OrderUpdate parse(byte[] body, String topic) {
        return (OrderUpdate) adapter.parse(signed(body, topic), ZoneOffset.UTC).event().orElseThrow();
    }

    private static WebhookDelivery signed(byte[] body, String topic) {
        return Deliveries.of("woocommerce", WebhookSigner.wooCommerce(SECRET, body, topic, "delivery-" + topic), body);
    }
}
