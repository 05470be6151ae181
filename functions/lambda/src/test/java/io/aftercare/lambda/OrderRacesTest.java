package io.aftercare.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.devkit.DynamoDbExtension;
import io.aftercare.devkit.TestTable;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An order delivery whose transaction other writers keep holding (DynamoDB's real {@code TransactionConflict}
 * cancellations, injected on the real DynamoDB Local client): retried like every race, then 503, never a 500.
 */
@ExtendWith(DynamoDbExtension.class)
class OrderRacesTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void givenAnOrderOtherWritesKeepHolding_whenItsDeliveryLosesEveryRace_thenItIsAnswered503WithRetryAfterAndOnlyWhatItsRetryWritesAgainIsWritten(TestTable table) {
        var orders = new HeldItems("ORDER", Integer.MAX_VALUE);
        orders.release();
        var aftercare = new Harness(table, table.client(orders), NOW);
        aftercare.registerShop("held-orders", "generic");
        String delivery = orderCreated(aftercare, "H-1");
        var itemsBefore = table.allItems();
        orders.hold();

        var refused = aftercare.generic("held-orders", delivery);
        var itemsAfterRefusal = table.allItems();
        orders.release();
        var resent = aftercare.generic("held-orders", delivery);

        assertThat(refused.status()).as(refused.body()).isEqualTo(503);
        assertThat(refused.json().path("error").asText()).isEqualTo("retry_later");
        assertThat(refused.headers()).containsEntry("retry-after", "5");
        assertThat(orders.cancelled).as("tried again before giving up").hasValueGreaterThan(1);
        // written before the transaction: timeline entries and search terms only, each the same when the retry writes it
        var written = itemsAfterRefusal.stream().filter(item -> !itemsBefore.contains(item)).toList();
        assertThat(written).as("only idempotent items written").isNotEmpty()
                .allMatch(item -> item.get("SK").s().startsWith("EVENT#") || item.get("type").s().equals("SEARCH_TERM"));
        assertThat(resent.status()).isEqualTo(200);
        assertThat(resent.json().path("status").asText()).isEqualTo("recorded");
        assertThat(table.allItems()).containsAll(written);
        assertThat(aftercare.orderTimeline("held-orders", "H-1").path("items")).extracting(e -> e.path("summary").asText())
                .filteredOn(s -> s.contains(" placed")).hasSize(1);
    }

    @Test
    void givenAnOrderHeldForItsFirstAttempts_whenItsDeliveryArrives_thenItIsAnswered200AndRecordedOnce(TestTable table) {
        var orders = new HeldItems("ORDER", 3);
        var aftercare = new Harness(table, table.client(orders), NOW);
        aftercare.registerShop("busy-orders", "generic");
        String delivery = orderCreated(aftercare, "B-1");

        var answer = aftercare.generic("busy-orders", delivery);
        var again = aftercare.generic("busy-orders", delivery);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().path("status").asText()).isEqualTo("recorded");
        assertThat(orders.cancelled).hasValue(3);
        assertThat(again.json().path("status").asText()).isEqualTo("duplicate");
        assertThat(aftercare.orderTimeline("busy-orders", "B-1").path("items")).extracting(e -> e.path("summary").asText())
                .filteredOn(s -> s.contains(" placed")).hasSize(1);
    }

    private static String orderCreated(Harness aftercare, String id) {
        return aftercare.genericEvent("order.created", "o-" + id, """
                {"id": "%s", "created_at": "%s", "currency": "PLN", "total": "99.00",
                 "customer": {"email": "racer@example.com", "locale": "en"}, "lines": [{"title": "Teapot", "quantity": 1, "price": "99.00"}]}"""
                .formatted(id, NOW));
    }
}
