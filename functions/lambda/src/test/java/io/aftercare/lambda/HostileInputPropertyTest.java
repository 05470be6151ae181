package io.aftercare.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.devkit.Fixtures;
import io.aftercare.devkit.LocalDynamoDb;
import io.aftercare.devkit.Mutations;
import io.aftercare.devkit.TemplateTable;
import io.aftercare.devkit.TestTable;
import io.aftercare.devkit.WebhookSigner;
import io.aftercare.domain.Limits;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The platforms' real payloads, mutated in hostile ways and signed as the platform would (so they reach the parser),
 * or not signed at all, through the real webhook handler: never a server error, and a rejected delivery writes nothing.
 */
class HostileInputPropertyTest {

    private static final List<String> SHOPIFY = List.of("orders-create.json", "fulfillments-create.json", "refunds-create.json",
            "fulfillment-events-create.json", "customers-create.json");
    private static final AtomicInteger WRITES = new AtomicInteger();
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private static LocalDynamoDb dynamoDb;
    private static Harness aftercare;

    @BeforeContainer
    static void start() {
        dynamoDb = LocalDynamoDb.inMemory();
        ExecutionInterceptor writes = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                if (!(context.request() instanceof GetItemRequest) && !(context.request() instanceof QueryRequest)) {
                    WRITES.incrementAndGet();
                }
            }
        };
        var client = dynamoDb.client(writes);
        TemplateTable.fromRepository().createIfAbsent(client, "hostile");
        aftercare = new Harness(new TestTable(dynamoDb, client, "hostile"), Instant.parse("2022-01-01T00:01:00Z"));
        aftercare.registerShop("hostile-shopify", "shopify");
        aftercare.registerShop("hostile-woo", "woocommerce");
        aftercare.registerShop("hostile-generic", "generic");
    }

    @AfterContainer
    static void stop() {
        dynamoDb.close();
    }

    @Property(tries = 600)
    void givenAShopifyPayloadMutatedAndSignedAsSent_whenDelivered_thenNeverAServerErrorAndARejectionWritesNothing(
            @ForAll("shopifyFixtures") String fixture, @ForAll Mutations.Kind kind, @ForAll long seed) {
        byte[] body = Mutations.mutate(Fixtures.shopify(fixture), kind, new SplittableRandom(seed));
        var headers = WebhookSigner.shopify(Harness.SECRET, body, topicOf(fixture), "hostile-" + seed, Instant.EPOCH);

        assertHandledSafely(() -> aftercare.webhook("shopify", "hostile-shopify", headers, body));
    }

    @Property(tries = 300)
    void givenAWooCommerceOrderMutatedAndSigned_whenDelivered_thenNeverAServerErrorAndARejectionWritesNothing(
            @ForAll Mutations.Kind kind, @ForAll long seed) {
        byte[] body = Mutations.mutate(Fixtures.wooCommerce("order-updated.json"), kind, new SplittableRandom(seed));
        var headers = WebhookSigner.wooCommerce(Harness.SECRET, body, "order.updated", "hostile-woo-" + seed);

        assertHandledSafely(() -> aftercare.webhook("woocommerce", "hostile-woo", headers, body));
    }

    @Property(tries = 300)
    void givenAnyBytesWithAnyContentTypeAndNoValidSignature_whenDelivered_thenUnauthorizedOrPingAndNothingWritten(
            @ForAll byte[] body, @ForAll("contentTypes") String contentType, @ForAll("platforms") String platform) {
        Map<String, String> headers = new HashMap<>(Map.of("Content-Type", contentType, "X-Shopify-Hmac-Sha256", "bm9wZQ==",
                "X-WC-Webhook-Signature", "bm9wZQ==", "X-Aftercare-Signature", "sha256=00"));
        WRITES.set(0);

        var response = aftercare.webhook(platform, platform.equals("shopify") ? "hostile-shopify" : "hostile-woo", headers, body);

        assertThat(response.status()).isIn(200, 401, 404, 413);
        assertThat(WRITES.get()).isZero();
    }

    /** A field of a generic event, where a value goes in, and the limit it is held to. */
    private record Sized(String type, String data, int limit) {
    }

    private static final Map<String, Sized> SIZED = Map.of(
            "envelope id", new Sized("refund.created", "{\"order_id\": \"9\", \"refund_id\": \"r1\", \"amount\": \"1.00\", \"currency\": \"PLN\"}", Limits.DELIVERY_ID_BYTES),
            "refund id", new Sized("refund.created", "{\"order_id\": \"9\", \"refund_id\": %s, \"amount\": \"1.00\", \"currency\": \"PLN\"}", Limits.ID_BYTES),
            "refund reason", new Sized("refund.created", "{\"order_id\": \"9\", \"refund_id\": \"r2\", \"amount\": \"1.00\", \"currency\": \"PLN\", \"reason\": %s}", Limits.TEXT_BYTES),
            "fulfilment id", new Sized("fulfillment.created", "{\"order_id\": \"9\", \"fulfillment_id\": %s, \"tracking\": {\"number\": %1$s}}", Limits.ID_BYTES),
            "return id", new Sized("return.updated", "{\"order_id\": \"9\", \"return_id\": %s, \"event\": \"requested\"}", Limits.ID_BYTES),
            "line title", new Sized("order.created", "{\"id\": \"9\", \"created_at\": \"2022-01-01T00:00:00Z\", \"currency\": \"PLN\", \"total\": \"1.00\", "
                    + "\"customer\": {\"email\": \"ola@example.pl\", \"name\": %s}, \"lines\": [{\"title\": %1$s, \"quantity\": 1, \"price\": \"1.00\"}]}", Limits.TEXT_BYTES),
            "complaint subject", new Sized("complaint.created", "{\"id\": \"k1\", \"subject\": %s, \"message\": \"Broken\", \"customer\": {\"email\": \"ola@example.pl\"}}", Limits.SUBJECT_BYTES),
            "complaint message", new Sized("complaint.created", "{\"id\": \"k2\", \"subject\": \"Broken\", \"message\": %s, \"customer\": {\"email\": \"ola@example.pl\"}}", Limits.MESSAGE_BYTES),
            "parcel message", new Sized("delivery.updated", "{\"order_id\": \"9\", \"fulfillment_id\": \"f1\", \"status\": \"in_transit\", \"message\": %s}", Limits.TEXT_BYTES));

    @Property(tries = 300)
    void givenAGenericEventWithAMultiByteValueAtOrAroundItsFieldsLimit_whenDelivered_thenNeverAServerErrorAndARejectionWritesNothing(
            @ForAll("sizedFields") String field, @ForAll("characters") String character, @ForAll @IntRange(min = -5, max = 5) int delta,
            @ForAll long seed) {
        Sized sized = SIZED.get(field);
        String value = json(ofBytes(character, sized.limit() + delta));
        String id = field.equals("envelope id") ? value : json("sized-" + seed);
        String body = "{\"schema\": \"aftercare.webhook.v1\", \"id\": " + id + ", \"type\": \"" + sized.type()
                + "\", \"occurred_at\": \"2022-01-01T00:00:00Z\", \"data\": " + sized.data().formatted(value) + "}";

        assertHandledSafely(() -> aftercare.generic("hostile-generic", body));
    }

    @Property(tries = 100)
    void givenATicketIdOfMultiByteCharactersAroundTheIdAndKeyLimits_whenReadThroughItsPath_thenA400OrA404(
            @ForAll("characters") String character, @ForAll("keyLimits") int limit, @ForAll @IntRange(min = -5, max = 5) int delta) {
        var response = aftercare.agent("GET /api/shops/{shop}/tickets/{ticketId}",
                Map.of("shop", "hostile-generic", "ticketId", ofBytes(character, limit + delta)), Map.of());

        assertThat(response.status()).as(response.body()).isIn(400, 404);
    }

    /** {@code character} repeated, padded with ASCII to exactly {@code bytes} bytes of UTF-8. */
    private static String ofBytes(String character, int bytes) {
        int width = Limits.utf8Length(character);
        return character.repeat(bytes / width) + "x".repeat(bytes % width);
    }

    private static String json(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Provide
    Arbitrary<String> sizedFields() {
        return Arbitraries.of(SIZED.keySet());
    }

    @Provide
    Arbitrary<String> characters() {
        return Arbitraries.of("a", "é", "€", "😀");
    }

    @Provide
    Arbitrary<Integer> keyLimits() {
        return Arbitraries.of(Limits.ID_BYTES, 1_024, 2_048);
    }

    private static void assertHandledSafely(java.util.function.Supplier<Harness.Response> deliver) {
        WRITES.set(0);
        var response = deliver.get();
        assertThat(response.status()).as(response.body()).isLessThan(500);
        assertThat(response.json().has("error") || response.json().has("status") || response.json().has("ignored")).isTrue();
        if (response.status() >= 400) {
            assertThat(WRITES.get()).as("writes for a rejected delivery: " + response.body()).isZero();
        }
    }

    private static String topicOf(String fixture) {
        return switch (fixture) {
            case "orders-create.json" -> "orders/updated";
            case "fulfillments-create.json" -> "fulfillments/update";
            case "refunds-create.json" -> "refunds/create";
            case "fulfillment-events-create.json" -> "fulfillment_events/create";
            default -> "customers/update";
        };
    }

    @Provide
    Arbitrary<String> shopifyFixtures() {
        return Arbitraries.of(SHOPIFY);
    }

    @Provide
    Arbitrary<String> contentTypes() {
        return Arbitraries.of("application/json", "application/x-www-form-urlencoded", "text/plain", "application/octet-stream", "");
    }

    @Provide
    Arbitrary<String> platforms() {
        return Arbitraries.of("shopify", "woocommerce", "generic");
    }

}
