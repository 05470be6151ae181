package io.aftercare.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aftercare.devkit.DynamoDbExtension;
import io.aftercare.devkit.TestTable;
import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.email.Suppression;
import io.aftercare.domain.order.OrderId;
import io.aftercare.domain.timeline.EntryKind;
import io.aftercare.domain.timeline.EntryText;
import io.aftercare.domain.timeline.Phrase;
import io.aftercare.domain.timeline.Subject;
import io.aftercare.domain.timeline.TimelineEntry;
import io.aftercare.dynamodb.DynamoRecipientStore;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The customer beside the ticket: their orders with status, totals, refunds and returns, their tickets, and what they spent, from one customer read and their orders' own. */
@ExtendWith(DynamoDbExtension.class)
class CustomerPanelTest {

    private static final String SHOP = "panel-shop";
    private static Harness aftercare;
    private static TestTable table;

    /** Ola: 100 EUR refunded 30, 50 EUR cancelled, 40 PLN with a return requested; one ticket open, one resolved. */
    @BeforeAll
    static void aCustomerWithOrdersRefundsAReturnAndTickets(TestTable testTable) {
        table = testTable;
        aftercare = new Harness(table, Instant.parse("2026-11-23T10:00:00Z"));
        aftercare.registerShop(SHOP, "generic");
        aftercare.registerShop("panel-other", "generic");
        order("1001", "EUR", "100.00", "2026-11-20T10:00:00Z");
        order("1002", "EUR", "50.00", "2026-11-21T10:00:00Z");
        order("1003", "PLN", "40.00", "2026-11-22T10:00:00Z");
        webhook("r-1", "refund.created", "2026-11-23T09:00:00Z", "{\"order_id\": \"1001\", \"refund_id\": \"r1\", \"amount\": \"30.00\", \"currency\": \"EUR\"}");
        webhook("c-1", "order.cancelled", "2026-11-23T09:10:00Z", """
                {"id": "1002", "created_at": "2026-11-21T10:00:00Z", "cancelled_at": "2026-11-23T09:10:00Z", "currency": "EUR", "total": "50.00",
                 "customer": {"email": "ola@example.pl", "name": "Ola Nowak"}, "lines": []}""");
        webhook("ret-1", "return.updated", "2026-11-23T09:20:00Z", "{\"order_id\": \"1003\", \"return_id\": \"ret1\", \"event\": \"requested\"}");
        String resolved = openTicket("Broken lid", "1001");
        aftercare.agentBody("PATCH /api/shops/{shop}/tickets/{ticketId}", Map.of("shop", SHOP, "ticketId", resolved), "{\"version\": 1, \"status\": \"resolved\"}");
        aftercare.clock.advance(java.time.Duration.ofMinutes(5));
        openTicket("Where is my parcel", "1003");
    }

    @Test
    void givenACustomersOrders_whenTheirPanelIsRead_thenEachOrderHasItsStatusTotalsRefundsAndReturnsNewestFirst() {
        JsonNode orders = panel("ola@example.pl").path("orders");

        assertThat(StreamSupport.stream(orders.spliterator(), false).map(o -> o.path("id").asText())).containsExactly("1003", "1002", "1001");
        assertThat(orders.get(2).path("status").asText()).isEqualTo("partly_refunded");
        assertThat(orders.get(2).path("total").path("amount").asText()).isEqualTo("100.00");
        assertThat(orders.get(2).path("refunded").path("amount").asText()).isEqualTo("30.00");
        assertThat(orders.get(1).path("status").asText()).isEqualTo("cancelled");
        assertThat(orders.get(0).path("returns").get(0).path("status").asText()).isEqualTo("requested");
        assertThat(orders.get(0).path("name").asText()).isEqualTo("#1003");
    }

    @Test
    void givenACustomersOrders_whenTheirPanelIsRead_thenTheLifetimeSpendIsPerCurrencyLessRefundsWithoutCancelledOrders() {
        JsonNode panel = panel("ola@example.pl");

        assertThat(panel.path("lifetimeSpend").toString()).isEqualTo("[{\"amount\":\"70.00\",\"currency\":\"EUR\"},{\"amount\":\"40.00\",\"currency\":\"PLN\"}]");
        assertThat(panel.path("orderCount").asInt()).isEqualTo(3);
    }

    @Test
    void givenACustomersTickets_whenTheirPanelIsRead_thenEachIsListedNewestFirstWithItsCurrentStatus() {
        JsonNode tickets = panel("ola@example.pl").path("tickets");

        assertThat(tickets).hasSize(2);
        assertThat(tickets.get(0).path("subject").asText()).isEqualTo("Where is my parcel");
        assertThat(tickets.get(0).path("status").asText()).isEqualTo("open");
        assertThat(tickets.get(1).path("subject").asText()).isEqualTo("Broken lid");
        assertThat(tickets.get(1).path("status").asText()).as("rewritten by the change").isEqualTo("resolved");
        assertThat(tickets.get(1).path("number").asText()).startsWith("T-");
    }

    @Test
    void givenASuppressedCustomer_whenTheirPanelIsRead_thenTheSuppressionIsNotTakenForAnOrder() {
        var email = new EmailAddress("ola@example.pl");
        new DynamoRecipientStore(table.client(), table.name()).suppress(new ShopId(SHOP), email, Suppression.COMPLAINED, Instant.parse("2026-11-23T09:30:00Z"),
                new TimelineEntry("complained-1", Subject.order(new OrderId("1001")), Instant.parse("2026-11-23T09:30:00Z"), EntryKind.EMAIL_COMPLAINED,
                        EntryText.of(Phrase.MAIL_COMPLAINED), Optional.empty()));

        var response = aftercare.agent("GET /api/shops/{shop}/customers/{email}", Map.of("shop", SHOP, "email", "ola@example.pl"), Map.of());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("orderCount").asInt()).isEqualTo(3);
    }

    @Test
    void givenAnotherShop_whenTheCustomerIsAskedFor_thenItIsNotFound() {
        assertThat(aftercare.agent("GET /api/shops/{shop}/customers/{email}", Map.of("shop", "panel-other", "email", "ola@example.pl"), Map.of()).status())
                .isEqualTo(404);
    }

    private static JsonNode panel(String email) {
        var response = aftercare.agent("GET /api/shops/{shop}/customers/{email}", Map.of("shop", SHOP, "email", email), Map.of());
        assertThat(response.status()).isEqualTo(200);
        return response.json();
    }

    private static void order(String id, String currency, String total, String at) {
        webhook("o-" + id, "order.created", at, """
                {"id": "%s", "number": "#%s", "created_at": "%s", "currency": "%s", "total": "%s",
                 "customer": {"email": "ola@example.pl", "name": "Ola Nowak"}, "lines": []}""".formatted(id, id, at, currency, total));
    }

    private static void webhook(String id, String type, String at, String data) {
        assertThat(aftercare.generic(SHOP, """
                {"schema": "aftercare.webhook.v1", "id": "%s", "type": "%s", "occurred_at": "%s", "data": %s}""".formatted(id, type, at, data)).status())
                .as(id).isEqualTo(200);
    }

    private static String openTicket(String subject, String order) {
        var opened = aftercare.agentBody("POST /api/shops/{shop}/tickets", Map.of("shop", SHOP), """
                {"customer": {"email": "ola@example.pl", "name": "Ola Nowak"}, "subject": "%s", "message": "Help", "orderId": "%s"}"""
                .formatted(subject, order));
        assertThat(opened.status()).isEqualTo(201);
        return opened.json().path("id").asText();
    }
}
