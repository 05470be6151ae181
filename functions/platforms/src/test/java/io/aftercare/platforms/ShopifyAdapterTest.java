package io.aftercare.platforms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aftercare.devkit.Fixtures;
import io.aftercare.devkit.WebhookSigner;
import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.Money;
import io.aftercare.domain.event.CustomerUpdate;
import io.aftercare.domain.event.OrderUpdate;
import io.aftercare.domain.order.FulfilmentStatus;
import io.aftercare.domain.order.OrderFact;
import io.aftercare.domain.event.ReturnProgress;
import io.aftercare.domain.order.ReturnDisposition;
import io.aftercare.domain.order.ReturnEvent;
import io.aftercare.domain.order.ReturnReference;
import io.aftercare.domain.order.Tracking;
import io.aftercare.domain.order.ShipmentStatus;
import io.aftercare.domain.shop.Secret;
import io.aftercare.domain.webhook.MalformedDelivery;
import io.aftercare.domain.webhook.ParsedDelivery;
import io.aftercare.domain.webhook.WebhookDelivery;
import io.aftercare.platforms.shopify.ShopifyAdapter;
import java.time.ZoneOffset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShopifyAdapterTest {

    private static final String SECRET = "shpss_0123456789abcdef0123456789abcdef";
    private static final Instant TRIGGERED = Instant.parse("2022-01-01T00:00:05Z");

    private final ShopifyAdapter adapter = new ShopifyAdapter(Clock.fixed(TRIGGERED, ZoneOffset.UTC));

    @Test
    void givenShopifysOrdersCreateSample_whenParsed_thenTheOrderItsCustomerAndItsCancellationAreUnderstood() {
        OrderUpdate update = orderUpdate(parse("orders-create.json", "orders/create"));

        assertThat(update.orderId().value()).isEqualTo("820982911946154508");
        assertThat(update.announcesNewOrder()).isTrue();
        assertThat(update.sourceTime()).isEqualTo(TRIGGERED);
        var snapshot = update.snapshot().orElseThrow();
        assertThat(snapshot.name()).isEqualTo("#9999");
        assertThat(snapshot.total()).isEqualTo(Money.of("404.95", "USD"));
        assertThat(snapshot.lines()).hasSize(5).first().satisfies(line -> {
            assertThat(line.title()).isEqualTo("Aviator sunglasses");
            assertThat(line.unitPrice()).isEqualTo(Money.of("89.99", "USD"));
        });
        // The order's own email, where Shopify sends order mail, wins over the account's (john@).
        var customer = snapshot.customer().orElseThrow();
        assertThat(customer.email()).isEqualTo(new EmailAddress("jon@example.com"));
        assertThat(customer.name()).contains("John Smith");
        assertThat(customer.locale()).contains("en");
        assertThat(customer.platformId()).as("Shopify's customer.id: a personal code is limited to it").contains("115310627314723954");
        // The sample is voided and cancelled: placed and cancelled, never paid.
        assertThat(update.facts()).extracting(OrderFact::key).containsExactly("placed", "cancelled");
        assertThat(update.facts().get(1)).isEqualTo(new OrderFact.Cancelled(Instant.parse("2022-01-01T00:00:00Z"), Optional.of("customer")));
    }

    @Test
    void givenTheSameBodyAsOrdersUpdated_whenParsed_thenItDoesNotAnnounceANewOrder() {
        assertThat(orderUpdate(parse("orders-create.json", "orders/updated")).announcesNewOrder()).isFalse();
    }

    @Test
    void givenShopifysFulfillmentSample_whenParsed_thenAPendingFulfilmentWithUpsTrackingIsRecordedForTheOrdersEmail() {
        OrderUpdate update = orderUpdate(parse("fulfillments-create.json", "fulfillments/create"));

        assertThat(update.orderId().value()).isEqualTo("820982911946154508");
        assertThat(update.customerEmail()).contains(new EmailAddress("jon@example.com"));
        assertThat(update.facts()).singleElement().isInstanceOfSatisfying(OrderFact.FulfilmentChanged.class, f -> {
            assertThat(f.fulfilmentId()).isEqualTo("123456");
            assertThat(f.status()).isEqualTo(FulfilmentStatus.PENDING);
            assertThat(f.tracking().describe()).isEqualTo("UPS 1z827wk74630");
            assertThat(f.milestones()).isEmpty();
        });
    }

    @Test
    void givenShopifysTrackingEventSample_whenParsed_thenTheParcelIsInTransit() {
        OrderUpdate update = orderUpdate(parse("fulfillment-events-create.json", "fulfillment_events/create"));

        assertThat(update.facts()).singleElement().isEqualTo(new OrderFact.ShipmentProgressed("123456", ShipmentStatus.IN_TRANSIT,
                Instant.parse("2022-01-01T00:00:00Z"), Optional.of("Item is now in transit")));
    }

    @Test
    void givenShopifysRefundSample_whenParsed_thenTheRefundIsTheSumOfItsSuccessfulRefundTransactionsInTheLineItemsCurrency() {
        OrderUpdate update = orderUpdate(parse("refunds-create.json", "refunds/create"));

        assertThat(update.facts()).singleElement().isInstanceOfSatisfying(OrderFact.Refunded.class, r -> {
            assertThat(r.refundId()).isEqualTo("890088186047892319");
            assertThat(r.amount()).isEqualTo(Money.of("85.00", "USD"));
            assertThat(r.reason()).contains("Things were damaged");
        });
    }

    @Test
    void givenShopifysCustomerSample_whenParsed_thenItIsTheCustomersProfile() {
        ParsedDelivery parsed = parse("customers-create.json", "customers/create");

        assertThat(parsed.event()).get().isInstanceOfSatisfying(CustomerUpdate.class, c -> {
            assertThat(c.contact().email()).isEqualTo(new EmailAddress("bob@biller.com"));
            assertThat(c.contact().name()).contains("Bob Biller");
            assertThat(c.contact().platformId()).contains("706405506930370084");
        });
    }

    @Test
    void givenTheLegacy2014FulfillmentFixture_whenParsed_thenItsTrackingNumberIsRead() {
        OrderUpdate update = orderUpdate(parse("fulfillments-create.legacy-2014-shopify-fulfillment-integration.json", "fulfillments/create"));

        assertThat(update.orderId().value()).isEqualTo("450789469");
        assertThat(((OrderFact.FulfilmentChanged) update.facts().get(0)).tracking().number()).contains("1Z2345");
    }

    @ParameterizedTest
    @CsvSource({"request, REQUESTED", "approve, APPROVED", "decline, DECLINED", "cancel, CANCELLED", "close, CLOSED", "reopen, REOPENED"})
    void givenShopifysReturnSamples_whenParsed_thenEachIsAStepOfReturn123134564567890OnItsOrderAtTheTriggerTimeADeclineWithItsNote(String step, ReturnEvent event) {
        OrderUpdate update = orderUpdate(parse("returns-" + step + ".json", "returns/" + step));

        assertThat(update.orderId().value()).isEqualTo("4783296544821");
        Optional<String> note = event == ReturnEvent.DECLINED ? Optional.of("As discussed on the phone, the 30-day return window has ended.")
                : Optional.empty();
        assertThat(update.facts()).containsExactly(new OrderFact.ReturnChanged("123134564567890", event, TRIGGERED, note,
                Optional.empty(), Map.of(), Set.of(ReturnReference.ofReturn("123134564567890"))));
    }

    @Test
    void givenShopifysAttachDeliverableSample_whenParsed_thenReturn123134564567890IsOnItsWayBackWithUspsTrackingAtTheTriggerTime() {
        var progress = (ReturnProgress) parse("reverse-deliveries-attach-deliverable.2025-01.json", "reverse_deliveries/attach_deliverable")
                .event().orElseThrow();

        assertThat(progress).isEqualTo(new ReturnProgress(ReturnReference.ofReturn("123134564567890"), ReturnEvent.IN_TRANSIT, TRIGGERED,
                Optional.of(new Tracking(Optional.of("USPS"), Optional.of("123345345"), Optional.empty())), Map.of()));
    }

    @Test
    void givenShopifysDisposeSample_whenParsed_thenReverseFulfilmentOrder11111111IsReceivedWithTwoItemsRestocked() {
        var progress = (ReturnProgress) parse("reverse-fulfillment-orders-dispose.2025-01.json", "reverse_fulfillment_orders/dispose")
                .event().orElseThrow();

        assertThat(progress).isEqualTo(new ReturnProgress(new ReturnReference(ReturnReference.Kind.REVERSE_FULFILMENT_ORDER, "11111111"),
                ReturnEvent.RECEIVED, TRIGGERED, Optional.empty(), Map.of(ReturnDisposition.RESTOCKED, 2)));
    }

    @Test
    void givenAReverseDeliveryTopicWithoutItsTriggerTime_whenParsed_thenItIsRefusedAsMissingTheHeader() {
        byte[] body = Fixtures.shopify("reverse-fulfillment-orders-dispose.2025-01.json");
        Map<String, String> headers = new HashMap<>(WebhookSigner.shopify(SECRET, body, "reverse_fulfillment_orders/dispose", "webhook-dispose", TRIGGERED));
        headers.keySet().removeIf(name -> name.equalsIgnoreCase("X-Shopify-Triggered-At"));

        assertThatThrownBy(() -> adapter.parse(Deliveries.of("shopify", headers, body), ZoneOffset.UTC))
                .isInstanceOf(MalformedDelivery.class).hasMessageContaining("X-Shopify-Triggered-At");
    }

    @Test
    void givenReturnsProcessWhichShopifyPublishesWithoutAPayload_whenParsed_thenItIsIgnored() {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        var parsed = adapter.parse(Deliveries.of("shopify", WebhookSigner.shopify(SECRET, body, "returns/process", "webhook-process", TRIGGERED), body),
                ZoneOffset.UTC);

        assertThat(parsed.event()).isEmpty();
    }

    @Test
    void givenATopicAftercareDoesNotUse_whenParsed_thenItIsIgnored() {
        ParsedDelivery parsed = parse("returns-update.json", "returns/update");

        assertThat(parsed.topic()).isEqualTo("returns/update");
        assertThat(parsed.event()).isEmpty();
    }

    @Test
    void givenTheSecretUsedToSign_whenVerified_thenTheSignatureMatches() {
        assertThat(adapter.signatureMatches(signed("orders-create.json", "orders/create"), new Secret(SECRET))).isTrue();
    }

    @Test
    void givenAnotherSecret_whenVerified_thenTheSignatureDoesNotMatch() {
        assertThat(adapter.signatureMatches(signed("orders-create.json", "orders/create"), new Secret("another-secret-of-enough-length"))).isFalse();
    }

    @Test
    void givenOneByteOfTheBodyChanged_whenVerified_thenTheSignatureDoesNotMatch() {
        WebhookDelivery signed = signed("orders-create.json", "orders/create");
        byte[] tampered = signed.body().clone();
        tampered[10] ^= 1;

        assertThat(adapter.signatureMatches(new WebhookDelivery("shopify", "kettle-house", signed.headers(), tampered), new Secret(SECRET))).isFalse();
    }

    @Test
    void givenNoSignatureOrOneThatIsNotBase64_whenVerified_thenItDoesNotMatch() {
        byte[] body = Fixtures.shopify("orders-create.json");
        assertThat(adapter.signatureMatches(Deliveries.of("shopify", Map.of(), body), new Secret(SECRET))).isFalse();
        assertThat(adapter.signatureMatches(Deliveries.of("shopify", Map.of("X-Shopify-Hmac-Sha256", "%%%not base64"), body), new Secret(SECRET))).isFalse();
    }

    @Test
    void givenShopifysNewUnprefixedHeaders_whenParsed_thenTheyAreReadToo() {
        byte[] body = Fixtures.shopify("orders-create.json");
        var headers = Map.of("shopify-topic", "orders/paid", "shopify-webhook-id", "w-1");

        assertThat(adapter.parse(Deliveries.of("shopify", headers, body), ZoneOffset.UTC).topic()).isEqualTo("orders/paid");
    }

    @Test
    void givenNoWebhookIdHeader_whenParsed_thenTheDeliveryIsMalformedNamingTheHeader() {
        var headers = new HashMap<>(signed("orders-create.json", "orders/create").headers());
        headers.remove("x-shopify-webhook-id");

        assertThatThrownBy(() -> adapter.parse(Deliveries.of("shopify", headers, Fixtures.shopify("orders-create.json")), ZoneOffset.UTC))
                .isInstanceOfSatisfying(MalformedDelivery.class, e -> assertThat(e.problem()).isEqualTo(MalformedDelivery.Problem.MISSING_HEADER))
                .hasMessageContaining("X-Shopify-Webhook-Id");
    }

    @Test
    void givenAnOrderWithoutItsId_whenParsed_thenTheDeliveryIsInvalidNamingTheField() {
        String body = new String(Fixtures.shopify("orders-create.json"), StandardCharsets.UTF_8).replaceFirst("\"id\": 820982911946154508,", "");

        assertThatThrownBy(() -> adapter.parse(Deliveries.of("shopify",
                Map.of("X-Shopify-Topic", "orders/create", "X-Shopify-Webhook-Id", "w-2"), body.getBytes(StandardCharsets.UTF_8)), ZoneOffset.UTC))
                .isInstanceOf(MalformedDelivery.class)
                .hasMessage("Field 'id' is required.");
    }

    @Test
    void givenAGenuineOrderPlacedWithADiscountCode_whenParsed_thenItsCodeIsNamedForRedemption() {
        byte[] body = Fixtures.read("webhooks/corpus/shopify/shopify-tax-receipts.order_webhook.json");
        var parsed = adapter.parse(Deliveries.of("shopify", WebhookSigner.shopify(SECRET, body, "orders/create", "webhook-codes", TRIGGERED), body),
                ZoneOffset.UTC);

        assertThat(parsed.discountCodes()).containsExactly("TENOFF");
    }

    private ParsedDelivery parse(String fixture, String topic) {
        return adapter.parse(signed(fixture, topic), ZoneOffset.UTC);
    }

    private static WebhookDelivery signed(String fixture, String topic) {
        byte[] body = Fixtures.shopify(fixture);
        return Deliveries.of("shopify", WebhookSigner.shopify(SECRET, body, topic, "webhook-" + fixture, TRIGGERED), body);
    }

    private static OrderUpdate orderUpdate(ParsedDelivery parsed) {
        return (OrderUpdate) parsed.event().orElseThrow();
    }
}
