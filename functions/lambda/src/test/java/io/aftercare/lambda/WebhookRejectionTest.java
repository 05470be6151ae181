package io.aftercare.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.devkit.DynamoDbExtension;
import io.aftercare.devkit.Fixtures;
import io.aftercare.devkit.TestTable;
import io.aftercare.devkit.WebhookSigner;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Bad input gets a clear 4xx JSON error and writes nothing: the table's item count is the same before and after. */
@ExtendWith(DynamoDbExtension.class)
class WebhookRejectionTest {

    private static final byte[] ORDER = Fixtures.shopify("orders-create.json");
    private static Harness aftercare;

    @BeforeAll
    static void registerShop(TestTable table) {
        aftercare = new Harness(table, Instant.parse("2022-01-01T00:01:00Z"));
        aftercare.registerShop("guarded", "shopify");
        aftercare.registerShop("woo-guarded", "woocommerce");
        aftercare.registerShop("generic-guarded", "generic");
    }

    @Test
    void givenASignatureMadeWithAnotherSecret_whenPosted_thenItIsUnauthorized() {
        var headers = WebhookSigner.shopify("someone-elses-secret-0123", ORDER, "orders/create", "w-1", Instant.EPOCH);

        assertRejected(() -> aftercare.webhook("shopify", "guarded", headers, ORDER), 401, "unauthorized");
    }

    @Test
    void givenAnUnknownShop_whenPostedWithAValidLookingSignature_thenTheAnswerIsExactlyThatOfAWrongSignature() {
        var wrongSignature = aftercare.webhook("shopify", "guarded",
                WebhookSigner.shopify("someone-elses-secret-0123", ORDER, "orders/create", "w-2", Instant.EPOCH), ORDER);
        var unknownShop = written(() -> aftercare.shopify("no-such-shop", ORDER, "orders/create"));
        var invalidShopId = written(() -> aftercare.shopify("NO_SUCH/SHOP", ORDER, "orders/create"));

        assertThat(unknownShop).isEqualTo(wrongSignature);
        assertThat(invalidShopId).isEqualTo(wrongSignature);
    }

    @Test
    void givenAShopOfAnotherPlatform_whenPostedToTheShopifyUrl_thenItIsUnauthorized() {
        assertRejected(() -> aftercare.shopify("woo-guarded", ORDER, "orders/create"), 401, "unauthorized");
    }

    @Test
    void givenNoSignatureAtAll_whenPosted_thenItIsUnauthorized() {
        assertRejected(() -> aftercare.webhook("shopify", "guarded", Map.of("X-Shopify-Topic", "orders/create", "X-Shopify-Webhook-Id", "w-3"), ORDER),
                401, "unauthorized");
    }

    @Test
    void givenASignedBodyThatIsNotJson_whenPosted_thenItIsMalformedJson() {
        byte[] body = "{\"id\": 1, oops".getBytes(StandardCharsets.UTF_8);

        assertRejected(() -> aftercare.shopify("guarded", body, "orders/create"), 400, "malformed_json");
    }

    @Test
    void givenATruncatedBodySignedAsSent_whenPosted_thenItIsMalformedJson() {
        byte[] truncated = Arrays.copyOf(ORDER, ORDER.length / 2);

        assertRejected(() -> aftercare.shopify("guarded", truncated, "orders/create"), 400, "malformed_json");
    }

    @Test
    void givenABodyTruncatedAfterSigning_whenPosted_thenItIsUnauthorized() {
        var headers = WebhookSigner.shopify(Harness.SECRET, ORDER, "orders/create", "w-4", Instant.EPOCH);

        assertRejected(() -> aftercare.webhook("shopify", "guarded", headers, Arrays.copyOf(ORDER, ORDER.length - 10)), 401, "unauthorized");
    }

    @Test
    void givenAnOrderMissingARequiredField_whenPosted_thenTheErrorNamesTheField() {
        byte[] noCurrency = new String(ORDER, StandardCharsets.UTF_8).replace("\"currency\": \"USD\",", "").getBytes(StandardCharsets.UTF_8);

        var response = assertRejected(() -> aftercare.shopify("guarded", noCurrency, "orders/create"), 400, "invalid_payload");
        assertThat(response.json().path("message").asText()).isEqualTo("Field 'currency' is required.");
    }

    @Test
    void givenABodyOverOneMebibyte_whenPosted_thenItIsTooLarge() {
        byte[] huge = new byte[1024 * 1024 + 1];
        Arrays.fill(huge, (byte) ' ');

        assertRejected(() -> aftercare.shopify("guarded", huge, "orders/create"), 413, "payload_too_large");
    }

    @Test
    void givenMissingTopicOrWebhookIdHeaders_whenPostedSigned_thenTheErrorNamesTheHeader() {
        for (String header : new String[] {"X-Shopify-Topic", "X-Shopify-Webhook-Id"}) {
            var headers = new HashMap<>(WebhookSigner.shopify(Harness.SECRET, ORDER, "orders/create", "w-5", Instant.EPOCH));
            headers.remove(header);
            var response = assertRejected(() -> aftercare.webhook("shopify", "guarded", headers, ORDER), 400, "missing_header");
            assertThat(response.json().path("message").asText()).contains(header);
        }
    }

    @Test
    void givenAShopifyReturnStepWithoutItsTriggerTime_whenPosted_thenTheErrorNamesTheHeaderItNeeds() {
        byte[] close = Fixtures.shopify("returns-close.json");
        var headers = new HashMap<>(WebhookSigner.shopify(Harness.SECRET, close, "returns/close", "w-6", Instant.EPOCH));
        headers.remove("X-Shopify-Triggered-At");

        var response = assertRejected(() -> aftercare.webhook("shopify", "guarded", headers, close), 400, "missing_header");
        assertThat(response.json().path("message").asText()).contains("X-Shopify-Triggered-At");
    }

    @Test
    void givenAGenericReturnWithAnEventItDoesNotKnow_whenPosted_thenTheErrorListsTheEvents() {
        String body = """
                {"schema": "aftercare.webhook.v1", "id": "ret-bad", "type": "return.updated", "occurred_at": "2022-01-01T00:00:00Z",
                 "data": {"order_id": "1", "return_id": "r1", "event": "lost"}}""";

        var response = assertRejected(() -> aftercare.generic("generic-guarded", body), 400, "invalid_payload");
        assertThat(response.json().path("message").asText()).contains("'event'").contains("requested");
    }

    @Test
    void givenAnUnknownPlatform_whenPosted_thenItIsNotFound() {
        assertRejected(() -> aftercare.webhook("magento", "guarded", Map.of(), ORDER), 404, "unknown_platform");
    }

    private static Harness.Response assertRejected(java.util.function.Supplier<Harness.Response> post, int status, String error) {
        Harness.Response response = written(post);
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.json().path("error").asText()).isEqualTo(error);
        assertThat(response.json().path("message").asText()).isNotBlank();
        return response;
    }

    /** Posts and proves that nothing was written. */
    private static Harness.Response written(java.util.function.Supplier<Harness.Response> post) {
        int before = aftercare.table.itemCount();
        Harness.Response response = post.get();
        assertThat(aftercare.table.itemCount()).as("items in the table").isEqualTo(before);
        return response;
    }
}
