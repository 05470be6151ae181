package io.aftercare.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aftercare.devkit.DynamoDbExtension;
import io.aftercare.devkit.TestTable;
import io.aftercare.migrate.SearchIndexMigration;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Records written before search existed (here: every search term deleted) are found again once the backfill has run
 * over the table, page by page from where the last page ended; running it again writes nothing new.
 */
@ExtendWith(DynamoDbExtension.class)
class SearchBackfillTest {

    private static final String SHOP = "backfill-shop";

    @Test
    void givenCustomersOrdersAndTicketsFromBeforeSearch_whenBackfilledInSmallPages_thenEachIsFoundAndARepeatChangesNothing(TestTable table) {
        var aftercare = new Harness(table, Instant.parse("2026-11-23T10:00:00Z"));
        aftercare.registerShop(SHOP, "generic");
        assertThat(aftercare.generic(SHOP, """
                {"schema": "aftercare.webhook.v1", "id": "o-7001", "type": "order.created", "occurred_at": "2026-11-23T09:00:00Z",
                 "data": {"id": "7001", "created_at": "2026-11-23T09:00:00Z", "currency": "EUR", "total": "10.00",
                          "customer": {"email": "marta@example.pl", "name": "Marta Wiśniewska"}, "lines": []}}""").status()).isEqualTo(200);
        var ticket = aftercare.agentBody("POST /api/shops/{shop}/tickets", Map.of("shop", SHOP), """
                {"customer": {"email": "piotr@example.com", "name": "Piotr Zieliński"}, "subject": "Dented box", "message": "Help"}""").json();
        aftercare.agentBody("POST /api/shops/{shop}/tickets", Map.of("shop", SHOP), """
                {"customer": {"email": "marta@example.pl", "name": "Marta Wiśniewska"}, "subject": "Same customer", "message": "Again"}""");
        var resolved = aftercare.agentBody("PATCH /api/shops/{shop}/tickets/{ticketId}", Map.of("shop", SHOP, "ticketId", ticket.path("id").asText()),
                "{\"version\": %d, \"status\": \"resolved\"}".formatted(ticket.path("version").asLong()));
        assertThat(resolved.status()).as("a resolved ticket is no queue's, but search finds it").isEqualTo(200);
        String number = ticket.path("number").asText();
        deleteSearchTerms(table);
        assertThat(found(aftercare, "wiśn", "customers")).as("a whole address reads the profile: names need terms").isEmpty();
        assertThat(found(aftercare, "7001", "orders")).isEmpty();
        assertThat(found(aftercare, number, "tickets")).isEmpty();

        var progress = new ByteArrayOutputStream();
        var counts = SearchIndexMigration.run(table.client(), table.name(), Optional.empty(), 4, new PrintStream(progress, true, StandardCharsets.UTF_8));
        long pages = progress.toString(StandardCharsets.UTF_8).lines().filter(line -> line.startsWith("next page: --from ")).count() + 1;
        int customers = counts.customers();
        int orders = counts.orders();
        int tickets = counts.tickets();

        assertThat(pages).as("resumed from where each page ended").isGreaterThan(1);
        assertThat(List.of(customers, orders, tickets)).containsExactly(2, 1, 2);
        assertThat(found(aftercare, "marta@example.pl", "customers")).containsExactly("marta@example.pl");
        assertThat(found(aftercare, "wiśn", "customers")).containsExactly("marta@example.pl");
        assertThat(found(aftercare, "zieli", "customers")).containsExactly("piotr@example.com");
        assertThat(found(aftercare, "#7001", "orders")).containsExactly("7001");
        assertThat(found(aftercare, number, "tickets")).containsExactly(ticket.path("id").asText());
        assertThat(searchTerms(table)).allSatisfy(item -> assertThat(item.get("PK").s() + item.get("SK").s()).doesNotContain("@"));

        int items = table.itemCount();
        // one page holds them all: a customer's terms from their profile and their ticket are one key each
        SearchIndexMigration.run(table.client(), table.name(), Optional.empty(), 1_000, new PrintStream(OutputStream.nullOutputStream()));
        assertThat(table.itemCount()).isEqualTo(items);
    }

    private static void deleteSearchTerms(TestTable table) {
        searchTerms(table).forEach(item -> table.client().deleteItem(b -> b.tableName(table.name())
                .key(Map.of("PK", item.get("PK"), "SK", item.get("SK")))));
        assertThat(searchTerms(table)).isEmpty();
    }

    private static List<Map<String, AttributeValue>> searchTerms(TestTable table) {
        return table.allItems().stream().filter(item -> item.containsKey("type") && "SEARCH_TERM".equals(item.get("type").s())).toList();
    }

    /** The ids (emails for customers) a search lists. */
    private static List<String> found(Harness aftercare, String q, String kind) {
        var response = aftercare.agent("GET /api/shops/{shop}/search", Map.of("shop", SHOP), Map.of("q", q));
        assertThat(response.status()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        for (JsonNode hit : response.json().path(kind)) {
            ids.add(hit.path(kind.equals("customers") ? "email" : "id").asText());
        }
        return ids;
    }
}
