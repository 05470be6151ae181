package io.aftercare.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aftercare.devkit.DynamoDbExtension;
import io.aftercare.devkit.TestTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DynamoDbExtension.class)
class AgentApiTest {

    private static Harness aftercare;

    @BeforeAll
    static void recordAnOrderWithManyRefunds(TestTable table) {
        aftercare = new Harness(table, Instant.parse("2026-11-23T10:00:00Z"));
        aftercare.registerShop("agents-shop", "generic");
        aftercare.registerShop("other-shop", "generic");
        aftercare.generic("agents-shop", """
                {"schema": "aftercare.webhook.v1", "id": "e-1", "type": "order.created", "occurred_at": "2026-11-23T09:59:00Z",
                 "data": {"id": "77", "created_at": "2026-11-23T09:59:00Z", "currency": "PLN", "total": "90.00",
                          "customer": {"email": "ola@example.pl", "name": "Ola"}, "lines": []}}""");
        for (int i = 0; i < 7; i++) {
            aftercare.generic("agents-shop", """
                    {"schema": "aftercare.webhook.v1", "id": "r-%1$d", "type": "refund.created", "occurred_at": "2026-11-23T10:0%1$d:00Z",
                     "data": {"order_id": "77", "refund_id": "%1$d", "amount": "0.00", "currency": "PLN"}}""".formatted(i)); // restocks: no refund email
        }
    }

    @Test
    void givenALongTimeline_whenReadWithPageTokens_thenAllEntriesComeNewestFirstWithoutRepeats() {
        List<String> ids = new ArrayList<>();
        String token = null;
        do {
            Map<String, String> query = new HashMap<>(Map.of("limit", "3"));
            if (token != null) {
                query.put("pageToken", token);
            }
            JsonNode page = aftercare.agent("GET /api/shops/{shop}/orders/{orderId}/timeline", Map.of("shop", "agents-shop", "orderId", "77"), query).json();
            page.path("items").forEach(e -> ids.add(e.path("id").asText()));
            token = page.hasNonNull("nextPageToken") ? page.path("nextPageToken").asText() : null;
        } while (token != null);

        // the order's entries and the customer effort survey its refunds scheduled
        assertThat(ids).hasSize(11).doesNotHaveDuplicates().endsWith("placed").anyMatch(id -> id.contains("ces-survey"));
        assertThat(ids).filteredOn(id -> id.startsWith("refund-")).first().isEqualTo("refund-6");
    }

    @Test
    void givenAnotherShopsUrl_whenTheOrderIsAskedFor_thenItIsNotFound() {
        var response = aftercare.agent("GET /api/shops/{shop}/orders/{orderId}", Map.of("shop", "other-shop", "orderId", "77"), Map.of());

        assertThat(response.status()).isEqualTo(404);
    }

    @Test
    void givenTheCustomersAddress_whenTheirSummaryIsAskedFor_thenTheirOrdersAreCounted() {
        JsonNode customer = aftercare.agent("GET /api/shops/{shop}/customers/{email}", Map.of("shop", "agents-shop", "email", "Ola@Example.pl"), Map.of()).json();

        assertThat(customer.path("orderCount").asInt()).isEqualTo(1);
        assertThat(customer.path("totalSpent").get(0).path("amount").asText()).isEqualTo("90.00");
    }

    @Test
    void givenBadInput_whenAsked_thenTheAnswerIsA400() {
        assertThat(aftercare.agent("GET /api/shops/{shop}/customers/{email}", Map.of("shop", "agents-shop", "email", "not-an-address"), Map.of()).status())
                .isEqualTo(400);
        assertThat(aftercare.agent("GET /api/shops/{shop}/orders/{orderId}/timeline", Map.of("shop", "agents-shop", "orderId", "77"),
                Map.of("limit", "0")).status()).isEqualTo(400);
    }
}
