package io.aftercare.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.devkit.DynamoDbExtension;
import io.aftercare.devkit.Fixtures;
import io.aftercare.devkit.TestTable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Duplicate and out-of-order deliveries are normal: nothing is lost, nothing happens twice. */
@ExtendWith(DynamoDbExtension.class)
class DuplicateAndLateDeliveryTest {

    private static final Instant T = Instant.parse("2022-01-01T00:01:00Z");
    private static Harness aftercare;

    @BeforeAll
    static void registerShops(TestTable table) {
        aftercare = new Harness(table, T);
        aftercare.registerShop("tenfold", "shopify");
        aftercare.registerShop("late", "shopify");
    }

    @Test
    void givenTheSameDeliverySentTenTimesAtOnce_whenHandled_thenOneSetOfEntriesAndActionsExistsAndAllTenAreAnswered200() throws Exception {
        byte[] order = Fixtures.shopify("orders-create.json");
        var pool = Executors.newFixedThreadPool(10);
        List<Harness.Response> responses;
        try {
            List<Callable<Harness.Response>> sends = IntStream.range(0, 10)
                    .<Callable<Harness.Response>>mapToObj(i -> () -> aftercare.shopify("tenfold", order, "orders/create", "same-webhook-id", T))
                    .toList();
            responses = pool.invokeAll(sends).stream().map(f -> {
                try {
                    return f.get();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
        } finally {
            pool.shutdownNow();
        }

        assertThat(responses).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        assertThat(responses).filteredOn(r -> r.json().path("status").asText().equals("recorded")).hasSize(1);
        assertThat(responses).filteredOn(r -> r.json().path("status").asText().equals("duplicate")).hasSize(9);
        assertThat(aftercare.orderTimeline("tenfold", "820982911946154508").path("items")).hasSize(4); // placed, cancelled, 2 scheduled
        assertThat(aftercare.table.allItems()).filteredOn(i -> i.get("PK").s().startsWith("SHOP#tenfold#ACTION#")).hasSize(2);
    }

    @Test
    void givenANewerOrderUpdate_whenAnOlderOneArrivesAfterIt_thenNothingChanges() {
        byte[] newer = new String(Fixtures.shopify("orders-create.json"), StandardCharsets.UTF_8)
                .replace("\"name\": \"#9999\"", "\"name\": \"#9999-renamed\"").getBytes(StandardCharsets.UTF_8);
        aftercare.shopify("late", Fixtures.shopify("orders-create.json"), "orders/create", "create", T);
        aftercare.shopify("late", newer, "orders/updated", "newer", T.plusSeconds(60));
        var orderBefore = aftercare.order("late", "820982911946154508");
        var timelineBefore = aftercare.orderTimeline("late", "820982911946154508");
        int itemsBefore = aftercare.table.itemCount();

        var older = aftercare.shopify("late", Fixtures.shopify("orders-create.json"), "orders/updated", "older", T.plusSeconds(30));

        assertThat(older.status()).isEqualTo(200);
        assertThat(aftercare.order("late", "820982911946154508")).isEqualTo(orderBefore);
        assertThat(orderBefore.path("name").asText()).isEqualTo("#9999-renamed");
        assertThat(aftercare.orderTimeline("late", "820982911946154508")).isEqualTo(timelineBefore);
        assertThat(aftercare.table.itemCount()).as("only the delivery's dedupe marker is new").isEqualTo(itemsBefore + 1);
    }
}
