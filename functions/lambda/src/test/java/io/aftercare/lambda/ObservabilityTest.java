package io.aftercare.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.devkit.CapturedOutput;
import io.aftercare.devkit.DynamoDbExtension;
import io.aftercare.devkit.Fixtures;
import io.aftercare.devkit.TestTable;
import io.aftercare.devkit.WebhookSigner;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What the functions write to their logs: EMF metrics and JSON log lines, never a secret or a customer's address. */
@ExtendWith(DynamoDbExtension.class)
class ObservabilityTest {

    @Test
    void givenAWebhookCarryingSecretsAndCustomerAddresses_whenHandled_thenTheLogsCountItButShowNoSecretAndNoAddress(TestTable table) throws Exception {
        var aftercare = new Harness(table, Instant.parse("2022-01-01T00:01:00Z"));
        aftercare.registerShop("observed", "shopify");
        byte[] order = Fixtures.shopify("orders-create.json");
        Map<String, String> headers = new HashMap<>(WebhookSigner.shopify(Harness.SECRET, order, "orders/create", "observed-1", Instant.EPOCH));
        headers.put("Authorization", "Bearer sk_live_topsecret_0123456789");
        String signature = headers.get("X-Shopify-Hmac-Sha256");

        String output = CapturedOutput.of(() -> {
            aftercare.webhook("shopify", "observed", headers, order);
            aftercare.webhook("shopify", "observed", WebhookSigner.shopify("wrong-secret-0123456789", order, "orders/create", "observed-2",
                    Instant.EPOCH), order);
        });

        assertThat(output).contains("\"WebhooksAccepted\"", "\"WebhooksRejected\"", "\"Reason\":\"unauthorized\"", "\"Namespace\":\"Aftercare\"");
        assertThat(output).contains("recorded delivery observed-1 (orders/create)", "\"shop\":\"observed\"", "rejected: unauthorized");
        assertThat(output).doesNotContain(Harness.SECRET, "sk_live_topsecret", signature, "jon@example.com", "john@example.com");
    }
}
