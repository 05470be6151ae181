package io.aftercare.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aftercare.devkit.DynamoDbExtension;
import io.aftercare.devkit.Fixtures;
import io.aftercare.devkit.TestTable;
import io.aftercare.domain.Limits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * DynamoDB counts bytes (keys of 2,048 and 1,024, items of 400 KB); characters of other scripts take up to four. Input
 * past a limit is refused with a 4xx and writes nothing, or, for an order's line titles, kept shortened with a note:
 * never a 500, which platforms retry and then answer by dropping the subscription.
 */
@ExtendWith(DynamoDbExtension.class)
class SizeLimitsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SHOP = "limits-shop";
    private static final String GENERIC = "limits-generic";
    private static Harness aftercare;

    @BeforeAll
    static void registerShops(TestTable table) {
        aftercare = new Harness(table, Instant.parse("2022-01-01T00:01:00Z"));
        aftercare.registerShop(SHOP, "shopify");
        aftercare.registerShop(GENERIC, "generic");
        aftercare.generic(GENERIC, """
                {"schema": "aftercare.webhook.v1", "id": "o-1", "type": "order.created", "occurred_at": "2022-01-01T00:00:00Z",
                 "data": {"id": "9", "created_at": "2022-01-01T00:00:00Z", "currency": "PLN", "total": "9.00",
                          "customer": {"email": "ola@example.pl"}, "lines": []}}""");
        for (int i = 0; i < 3; i++) {
            aftercare.generic(GENERIC, """
                    {"schema": "aftercare.webhook.v1", "id": "c-%1$d", "type": "complaint.created", "occurred_at": "2022-01-01T00:00:00Z",
                     "data": {"id": "k%1$d", "subject": "Broken", "message": "It broke", "customer": {"email": "ola@example.pl"}}}""".formatted(i));
        }
    }

    @Test
    void givenAShopifyRefundWhoseIdIs1500MultiByteCharacters_whenPosted_thenItIsRefusedAndNothingIsWritten() throws IOException {
        ObjectNode refund = (ObjectNode) JSON.readTree(Fixtures.shopify("refunds-create.json"));
        refund.put("id", "é".repeat(1500));
        byte[] body = JSON.writeValueAsBytes(refund);

        var response = unwritten(() -> aftercare.shopify(SHOP, body, "refunds/create"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("message").asText()).contains("'id'").contains(Limits.ID_BYTES + " bytes");
    }

    @Test
    void givenARefundIdOfExactlyTheLimitInMultiByteCharacters_whenPosted_thenItIsRecorded() throws IOException {
        ObjectNode refund = (ObjectNode) JSON.readTree(Fixtures.shopify("refunds-create.json"));
        refund.put("id", "€".repeat(Limits.ID_BYTES / 3) + "x".repeat(Limits.ID_BYTES % 3));

        var response = aftercare.shopify(SHOP, JSON.writeValueAsBytes(refund), "refunds/create");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    @Test
    void givenAnOrderOf100LinesWith2000CharacterEuroTitles_whenPosted_thenItIsRecordedWithShortenedTitlesAndANoteOnItsTimeline()
            throws IOException {
        ObjectNode order = (ObjectNode) JSON.readTree(Fixtures.shopify("orders-create.json"));
        var lines = order.putArray("line_items");
        for (int i = 0; i < 100; i++) {
            lines.addObject().put("title", "€".repeat(2000)).put("quantity", 1).put("price", "1.00");
        }

        var response = aftercare.shopify(SHOP, JSON.writeValueAsBytes(order), "orders/create");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        String orderId = order.path("id").asText();
        var stored = aftercare.order(SHOP, orderId).path("lines");
        assertThat(stored).hasSize(100);
        stored.forEach(line -> {
            String title = line.path("title").asText();
            assertThat(title.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(Limits.TITLE_BYTES);
            assertThat(title).startsWith("€€€").endsWith("…");
        });
        assertThat(aftercare.orderTimeline(SHOP, orderId).path("items").findValuesAsText("summary"))
                .anySatisfy(summary -> assertThat(summary).contains("100 line titles shortened"));
    }

    @Test
    void givenATicketIdOf3000Characters_whenItIsReadOrChangedThroughItsPath_thenA400AndNothingIsWritten() {
        Map<String, String> path = Map.of("shop", GENERIC, "ticketId", "c-" + "k".repeat(2998));

        for (var response : new Harness.Response[] {
                unwritten(() -> aftercare.agent("GET /api/shops/{shop}/tickets/{ticketId}", path, Map.of())),
                unwritten(() -> aftercare.agentBody("PATCH /api/shops/{shop}/tickets/{ticketId}", path, "{\"version\": 1, \"status\": \"pending\"}")),
                unwritten(() -> aftercare.agentBody("POST /api/shops/{shop}/tickets/{ticketId}/replies", path, "{\"version\": 1, \"message\": \"Hi\"}")),
                unwritten(() -> aftercare.agentBody("POST /api/shops/{shop}/tickets/{ticketId}/notes", path, "{\"version\": 1, \"note\": \"Hm\"}"))}) {
            assertThat(response.status()).as(response.body()).isEqualTo(400);
            assertThat(response.json().path("field").asText()).isEqualTo("ticketId");
        }
    }

    @Test
    void givenATicketIdOfExactlyTheLimitThatNoTicketHas_whenRead_thenItIsNotFound() {
        var response = aftercare.agent("GET /api/shops/{shop}/tickets/{ticketId}",
                Map.of("shop", GENERIC, "ticketId", "ü".repeat(Limits.ID_BYTES / 2)), Map.of());

        assertThat(response.status()).isEqualTo(404);
    }

    @Test
    void givenAPageTokenThatDecodesToAKeyWithEmptyValues_whenUsed_thenA400() {
        String empty = token("LSI1SK", "", "PK", "SHOP#" + GENERIC + "#ORDER#9", "SK", "");

        assertRefusedToken(orderTimeline(empty));
    }

    @Test
    void givenAPageTokenThatDecodesToNothing_whenUsed_thenA400() {
        assertRefusedToken(orderTimeline(Base64.getUrlEncoder().encodeToString(new byte[] {0})));
        assertRefusedToken(orderTimeline("AA"));
    }

    @Test
    void givenAPageTokenWhoseSortKeyIsLongerThanDynamoDbTakes_whenUsed_thenA400() {
        String huge = token("LSI1SK", "2022-01-01T00:00:00.000Z#" + "x".repeat(1100), "PK", "SHOP#" + GENERIC + "#ORDER#9", "SK", "EVENT#placed");

        assertRefusedToken(orderTimeline(huge));
    }

    @Test
    void givenAPageTokenPointingIntoAnotherShopsItems_whenUsedForTheTicketQueueOrACustomerTimeline_thenA400() {
        String queue = token("GSI1PK", "SHOP#" + GENERIC + "#TICKETS", "GSI1SK", "~#c-k1", "PK", "SHOP#" + SHOP + "#TICKET#c-k1", "SK", "TICKET");
        String customer = token("GSI1PK", "SHOP#" + GENERIC + "#CUSTOMER#0", "GSI1SK", "2022-01-01T00:00:00.000Z#ORDER#9#placed",
                "PK", "SHOP#" + SHOP + "#ORDER#9", "SK", "EVENT#placed");

        assertRefusedToken(aftercare.agent("GET /api/shops/{shop}/tickets", Map.of("shop", GENERIC), Map.of("limit", "1", "pageToken", queue)));
        assertRefusedToken(aftercare.agent("GET /api/shops/{shop}/customers/{email}/timeline", Map.of("shop", GENERIC, "email", "ola@example.pl"),
                Map.of("pageToken", customer.replace("CUSTOMER#0", "CUSTOMER#" + new io.aftercare.domain.EmailAddress("ola@example.pl").hash()))));
    }

    @Test
    void givenAnOrderTimelinePageTokenOfAnotherShopsOrder_whenUsed_thenA400() {
        String byTime = token("LSI1SK", "2022-01-01T00:00:00.000Z#placed", "PK", "SHOP#" + SHOP + "#ORDER#9", "SK", "EVENT#placed");
        String inTableOrder = token("PK", "SHOP#" + SHOP + "#ORDER#9", "SK", "EVENT#placed");

        assertRefusedToken(orderTimeline(byTime));
        assertRefusedToken(orderTimeline(inTableOrder));
    }

    @Test
    void givenGarbagePageTokens_whenUsed_thenA400() {
        for (String garbage : new String[] {"%%%", "bm9wZQ", Base64.getUrlEncoder().encodeToString(new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 0})}) {
            assertRefusedToken(orderTimeline(garbage));
        }
    }

    @Test
    void givenThePageTokenTheQueueHandsOut_whenUsed_thenTheNextPageComes() {
        var first = aftercare.agent("GET /api/shops/{shop}/tickets", Map.of("shop", GENERIC), Map.of("limit", "1")).json();
        var second = aftercare.agent("GET /api/shops/{shop}/tickets", Map.of("shop", GENERIC),
                Map.of("limit", "1", "pageToken", first.path("nextPageToken").asText()));

        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().path("items").path(0).path("id").asText()).isNotEqualTo(first.path("items").path(0).path("id").asText());
    }

    private static Harness.Response orderTimeline(String token) {
        return aftercare.agent("GET /api/shops/{shop}/orders/{orderId}/timeline", Map.of("shop", GENERIC, "orderId", "9"),
                Map.of("limit", "1", "pageToken", token));
    }

    private static void assertRefusedToken(Harness.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().path("field").asText()).isEqualTo("pageToken");
    }

    /** A token as a forger would make one: attribute names and values, NUL-separated, base64url. */
    private static String token(String... namesAndValues) {
        var text = new StringBuilder();
        for (String part : namesAndValues) {
            text.append(part).append('\u0000');
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Calls, and proves that nothing was written. */
    private static Harness.Response unwritten(Supplier<Harness.Response> call) {
        int before = aftercare.table.itemCount();
        var response = call.get();
        assertThat(aftercare.table.itemCount()).as("items in the table").isEqualTo(before);
        return response;
    }
}
