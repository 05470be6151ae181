package io.aftercare.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aftercare.devkit.DynamoDbExtension;
import io.aftercare.devkit.TestTable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Search by email, order number, ticket number or name, from the index items written with what they find; never another shop's. */
@ExtendWith(DynamoDbExtension.class)
class SearchTest {

    private static final String SHOP = "search-shop";
    private static final String OTHER = "search-other";
    private static Harness aftercare;
    private static String ticketNumber;

    @BeforeAll
    static void customersOrdersAndTicketsInTwoShops(TestTable table) {
        aftercare = new Harness(table, Instant.parse("2026-11-23T10:00:00Z"));
        aftercare.registerShop(SHOP, "generic");
        aftercare.registerShop(OTHER, "generic");
        order(SHOP, "5001", "ola.nowak@example.pl", "Ola Maria Nowak");
        order(SHOP, "5002", "jan@example.com", "Jan Kowalski");
        order(OTHER, "5003", "olaf@example.com", "Olaf Other");
        order(SHOP, "5004", "kasia@example.com", "Kasia kasia@example.com");
        var ticket = aftercare.agentBody("POST /api/shops/{shop}/tickets", Map.of("shop", SHOP), """
                {"customer": {"email": "piotr@example.com", "name": "Piotr Zieliński"}, "subject": "Dented box", "message": "Help"}""");
        assertThat(ticket.status()).isEqualTo(201);
        ticketNumber = ticket.json().path("number").asText();
        aftercare.agentBody("POST /api/shops/{shop}/tickets", Map.of("shop", OTHER), """
                {"customer": {"email": "olga@example.com", "name": "Olga Other"}, "subject": "Other shop's", "message": "Help"}""");
    }

    @Test
    void givenAnEmail_whenSearched_thenTheCustomerIsFoundWhateverTheCase() {
        assertThat(emails(search("Ola.Nowak@Example.pl"))).containsExactly("ola.nowak@example.pl");
        assertThat(emails(search(" jan@example.com "))).containsExactly("jan@example.com");
        assertThat(emails(search("olaf@example.com"))).as("another shop's").isEmpty();
    }

    @Test
    void aCustomerWhoseNameHoldsTheirAddressIsListedOnceWhenSearchedByIt() {
        assertThat(emails(search("kasia@example.com"))).containsExactly("kasia@example.com");
        assertThat(emails(search("kasia"))).containsExactly("kasia@example.com");
    }

    @Test
    void givenCustomersFoundBySearch_whenTheTableIsRead_thenNoKeyHoldsTheirAddress(TestTable table) {
        assertThat(table.allItems()).allSatisfy(item -> assertThat(item.get("PK").s() + item.get("SK").s()
                + java.util.Optional.ofNullable(item.get("GSI1PK")).map(v -> v.s()).orElse("")).doesNotContain("@"));
    }

    @Test
    void givenAPrefixOfAnyWordOfAName_whenSearched_thenTheCustomerIsFound() {
        assertThat(emails(search("ola"))).containsExactly("ola.nowak@example.pl");
        assertThat(emails(search("NOW"))).containsExactly("ola.nowak@example.pl");
        assertThat(emails(search("maria  no"))).containsExactly("ola.nowak@example.pl");
        assertThat(emails(search("zieli"))).as("a customer who only wrote in").containsExactly("piotr@example.com");
        assertThat(search("ola").path("customers").get(0).path("name").asText()).isEqualTo("Ola Maria Nowak");
    }

    @Test
    void givenAnOrderNumber_whenSearched_thenTheOrderIsFoundWithOrWithoutItsHash() {
        for (String query : List.of("#5001", "5001", "500")) {
            assertThat(ids(search(query).path("orders"))).as(query).contains("5001");
        }
        assertThat(search("#5002").path("orders").get(0).path("customerEmail").asText()).isEqualTo("jan@example.com");
    }

    @Test
    void givenATicketNumber_whenSearched_thenTheTicketIsFoundAsWrittenOrByItsDigits() {
        JsonNode found = search(ticketNumber.toLowerCase()).path("tickets");
        assertThat(found).hasSize(1);
        assertThat(found.get(0).path("subject").asText()).isEqualTo("Dented box");
        assertThat(found.get(0).path("status").asText()).isEqualTo("open");
        assertThat(search(ticketNumber.replace("T-", "")).path("tickets")).hasSize(1);
    }

    @Test
    void givenAnotherShopsCustomersOrdersAndTickets_whenSearched_thenNoneIsFound() {
        JsonNode olaf = search("olaf");
        assertThat(olaf.path("customers")).isEmpty();
        assertThat(search("5003").path("orders")).isEmpty();
        assertThat(emails(search("ol"))).containsExactly("ola.nowak@example.pl");
        assertThat(search("Other shop").path("tickets")).isEmpty();
    }

    @Test
    void givenNoQuery_whenSearched_thenA400NamesTheField() {
        for (Map<String, String> query : List.of(Map.<String, String>of(), Map.of("q", "  "), Map.of("q", "x".repeat(9_000)))) {
            var response = aftercare.agent("GET /api/shops/{shop}/search", Map.of("shop", SHOP), query);
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.json().path("field").asText()).isEqualTo("q");
        }
    }

    private static JsonNode search(String q) {
        var response = aftercare.agent("GET /api/shops/{shop}/search", Map.of("shop", SHOP), Map.of("q", q));
        assertThat(response.status()).as(q).isEqualTo(200);
        return response.json();
    }

    private static List<String> emails(JsonNode results) {
        return StreamSupport.stream(results.path("customers").spliterator(), false).map(c -> c.path("email").asText()).toList();
    }

    private static List<String> ids(JsonNode hits) {
        return StreamSupport.stream(hits.spliterator(), false).map(h -> h.path("id").asText()).toList();
    }

    private static void order(String shop, String id, String email, String name) {
        assertThat(aftercare.generic(shop, """
                {"schema": "aftercare.webhook.v1", "id": "o-%1$s", "type": "order.created", "occurred_at": "2026-11-23T09:00:00Z",
                 "data": {"id": "%1$s", "created_at": "2026-11-23T09:00:00Z", "currency": "EUR", "total": "10.00",
                          "customer": {"email": "%2$s", "name": "%3$s"}, "lines": []}}""".formatted(id, email, name)).status()).isEqualTo(200);
    }
}
