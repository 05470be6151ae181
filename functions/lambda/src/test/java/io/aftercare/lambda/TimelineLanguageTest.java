package io.aftercare.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aftercare.devkit.DynamoDbExtension;
import io.aftercare.devkit.TestTable;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The agent API words timelines in the caller's language: {@code ?lang=}, then Accept-Language, then the shop's. */
@ExtendWith(DynamoDbExtension.class)
class TimelineLanguageTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final String ROUTE = "GET /api/shops/{shop}/orders/{orderId}/timeline";
    private static final Map<String, String> ORDER = Map.of("shop", "words-shop", "orderId", "W-1");

    private static Harness aftercare;

    @BeforeAll
    static void recordAnOrderOfThreeKettles(TestTable table) {
        aftercare = new Harness(table, NOW);
        aftercare.registerShop("words-shop", "generic");
        var placed = aftercare.generic("words-shop", aftercare.genericEvent("order.created", "o-W-1", """
                {"id": "W-1", "created_at": "%s", "currency": "PLN", "total": "297.00",
                 "customer": {"email": "ola@example.pl", "locale": "pl"}, "lines": [{"title": "Kettle", "quantity": 3, "price": "99.00"}]}"""
                .formatted(NOW)));
        assertThat(placed.status()).as(placed.body()).isEqualTo(200);
    }

    @Test
    void givenNoLanguageAsked_whenTheTimelineIsRead_thenItIsInTheShopsLanguageWithItsPhraseAndParameters() {
        JsonNode placed = placed(aftercare.agent(ROUTE, ORDER, Map.of()).json());

        assertThat(placed.path("summary").asText()).isEqualTo("Zamówienie #W-1 złożone: 3 produkty, 297,00\u00a0zł");
        assertThat(placed.path("phrase").asText()).isEqualTo("order-placed");
        assertThat(placed.path("params").path("items").asLong()).isEqualTo(3);
        assertThat(placed.path("params").path("total").path("amount").asText()).isEqualTo("297.00");
        assertThat(placed.path("params").path("total").path("currency").asText()).isEqualTo("PLN");
    }

    @Test
    void givenALanguageAsked_whenTheTimelineIsRead_thenItIsWordedInIt() {
        assertThat(placed(aftercare.agent(ROUTE, ORDER, Map.of("lang", "ru")).json()).path("summary").asText())
                .isEqualTo("Заказ #W-1 оформлен: 3 товара, 297,00\u00a0PLN");
        assertThat(placed(aftercare.agent(ROUTE, ORDER, Map.of("lang", "en")).json()).path("summary").asText())
                .isEqualTo("Order #W-1 placed: 3 items, PLN297.00");
    }

    @Test
    void givenAnAcceptLanguageHeader_whenTheTimelineIsRead_thenItsFirstSupportedLanguageIsUsed() {
        var romanian = aftercare.agent(ROUTE, ORDER, Map.of(), Map.of("Accept-Language", "de-DE,de;q=0.9,ro;q=0.8,en;q=0.5"));
        var malformed = aftercare.agent(ROUTE, ORDER, Map.of(), Map.of("Accept-Language", ";;q=x,"));

        assertThat(placed(romanian.json()).path("summary").asText()).isEqualTo("Comanda #W-1 a fost plasată: 3 produse, 297,00\u00a0PLN");
        assertThat(placed(malformed.json()).path("summary").asText()).as("ignored: the shop's language").startsWith("Zamówienie #W-1");
    }

    @Test
    void givenAnUnsupportedLanguageAsked_whenTheTimelineIsRead_thenItIsRefusedWith400NamingLang() {
        var refused = aftercare.agent(ROUTE, ORDER, Map.of("lang", "de"));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("field").asText()).isEqualTo("lang");
    }

    private static JsonNode placed(JsonNode timeline) {
        for (JsonNode entry : timeline.path("items")) {
            if (entry.path("kind").asText().equals("order_placed")) {
                return entry;
            }
        }
        throw new AssertionError("no order_placed entry in " + timeline);
    }
}
