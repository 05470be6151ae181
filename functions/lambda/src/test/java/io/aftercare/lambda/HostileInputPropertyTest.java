package io.aftercare.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.devkit.Fixtures;
import io.aftercare.devkit.LocalDynamoDb;
import io.aftercare.devkit.Mutations;
import io.aftercare.devkit.TemplateTable;
import io.aftercare.devkit.TestTable;
import io.aftercare.devkit.WebhookSigner;
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
