package io.aftercare.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aftercare.devkit.DynamoDbExtension;
import io.aftercare.devkit.Fixtures;
import io.aftercare.devkit.StreamWorker;
import io.aftercare.devkit.TableStream;
import io.aftercare.devkit.TestTable;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.search.Search;
import io.aftercare.dynamodb.DynamoSearch;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * What the webhook writes, counted at the SDK, for the deliveries of one Shopify order: idempotent items before the
 * transaction, nothing of the order's index written again when it did not change, and the table's stream read by the
 * aggregator so that a delivery recorded after a failed try counts once.
 */
@TableStream
@ExtendWith(DynamoDbExtension.class)
class IngestWritesTest {

    private static final String SHOP = "kettle-ingest";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The operations asked for, and the sort keys of the items each write request names. */
    private final List<String> operations = new CopyOnWriteArrayList<>();
    private final List<String> written = new CopyOnWriteArrayList<>();
    /** While set, every transaction is cancelled by a conflict, as another writer holding its items would. */
    private final AtomicBoolean conflicting = new AtomicBoolean();

    private TestTable table;
    private Harness aftercare;

    @BeforeEach
    void freshTable(TestTable testTable) {
        table = testTable;
        ExecutionInterceptor watch = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                operations.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
                switch (context.request()) {
                    case BatchWriteItemRequest batch -> batch.requestItems().values().forEach(writes ->
                            writes.forEach(w -> written.add(w.putRequest().item().get("SK").s())));
                    case UpdateItemRequest update -> written.add(update.key().get("SK").s());
                    case TransactWriteItemsRequest transaction -> {
                        if (conflicting.get()) {
                            throw TransactionCanceledException.builder().message("cancelled by the test")
                                    .cancellationReasons(transaction.transactItems().stream()
                                            .map(i -> CancellationReason.builder().code("TransactionConflict").build()).toList()).build();
                        }
                        transaction.transactItems().forEach(i -> written.add(
                                i.put() != null ? i.put().item().get("SK").s() : i.update().key().get("SK").s()));
                    }
                    default -> { }
                }
            }
        };
        aftercare = new Harness(table, table.client(watch), Instant.parse("2022-01-01T00:01:00Z"));
        assertThat(aftercare.registerShop(SHOP, "shopify").status()).isEqualTo(201);
        aftercare.shopify(SHOP, Fixtures.shopify("customers-create.json"), "customers/create"); // warms the shop cache
        forget();
    }

    @Test
    void givenARecordedOrder_whenItsOrdersPaidSaysTheSame_thenNoSearchTermNorTheCustomersLinkOrProfileIsWrittenAgain() {
        assertThat(aftercare.shopify(SHOP, Fixtures.shopify("orders-create.json"), "orders/create").status()).isEqualTo(200);
        assertThat(written).anyMatch(sk -> sk.startsWith("name:")).anyMatch(sk -> sk.startsWith("order:")).contains("PROFILE", "ORDER#820982911946154508");
        forget();

        var paid = aftercare.shopify(SHOP, Fixtures.shopify("orders-create.json"), "orders/paid");

        assertThat(paid.status()).isEqualTo(200);
        assertThat(written).noneMatch(sk -> sk.startsWith("name:") || sk.startsWith("order:"))
                .doesNotContain("PROFILE", "ORDER#820982911946154508")
                .contains("ORDER").doesNotContain("DELIVERY");
        // no new entry either (orders/create said it all), and the order remembers the delivery: one plain update, no transaction
        assertThat(operations).containsExactly("BatchGetItem", "UpdateItem");
    }

    @Test
    void givenARecordedOrder_whenOrdersUpdatedRenamesTheCustomer_thenTheTermsAreWrittenAgainAndTheOldNameStillFindsThem() throws Exception {
        aftercare.shopify(SHOP, Fixtures.shopify("orders-create.json"), "orders/create");
        ObjectNode renamed = (ObjectNode) JSON.readTree(Fixtures.shopify("orders-create.json"));
        renamed.put("updated_at", "2022-01-01T10:00:00-05:00");
        ((ObjectNode) renamed.path("customer")).put("first_name", "Joanna").put("last_name", "Kowalska");
        forget();

        assertThat(aftercare.shopify(SHOP, JSON.writeValueAsBytes(renamed), "orders/updated").status()).isEqualTo(200);

        assertThat(written).contains("ORDER#820982911946154508").anyMatch(sk -> sk.startsWith("order:"))
                .anyMatch(sk -> sk.startsWith("name:kowalska"));
        var search = new DynamoSearch(table.client(), table.name());
        assertThat(search.find(new ShopId(SHOP), "Kowalska").customers()).extracting(Search.CustomerHit::email).containsExactly("jon@example.com");
        // as before: a name changed later leaves its old terms behind, and they still lead to the same customer
        assertThat(search.find(new ShopId(SHOP), "Smith").customers()).extracting(Search.CustomerHit::email).containsExactly("jon@example.com");
    }

    @Test
    void givenARecordedDelivery_whenItComesAgain_thenItIsADuplicateThatReadsOnceAndWritesNothingNew() {
        aftercare.shopify(SHOP, Fixtures.shopify("orders-create.json"), "orders/create", "again", Instant.EPOCH);
        List<Map<String, AttributeValue>> before = table.allItems();
        forget();

        var again = aftercare.shopify(SHOP, Fixtures.shopify("orders-create.json"), "orders/create", "again", Instant.EPOCH);

        assertThat(again.json().path("status").asText()).isEqualTo("duplicate");
        assertThat(operations).as("the read finds the delivery's marker").containsExactly("BatchGetItem");
        assertThat(written).isEmpty();
        assertThat(table.allItems()).containsExactlyInAnyOrderElementsOf(before);
    }

    @Test
    void givenADeliveryWhoseTransactionWasCancelledAfterItsEntriesWereWritten_whenThePlatformRetries_thenItIsRecordedAndCountedOnce() {
        StreamWorker stream = aftercare.aggregatorStream();
        conflicting.set(true);

        var failed = aftercare.shopify(SHOP, Fixtures.shopify("orders-create.json"), "orders/create", "retried", Instant.EPOCH);

        assertThat(failed.status()).isGreaterThanOrEqualTo(500);
        assertThat(written).anyMatch(sk -> sk.startsWith("EVENT#")); // written before the transaction: only what a retry writes again
        assertThat(table.allItems()).as("neither its actions nor the order that would remember it")
                .noneMatch(item -> item.get("SK").s().equals("ACTION") && item.get("PK").s().endsWith("#820982911946154508"))
                .noneMatch(item -> item.get("SK").s().equals("ORDER") && item.get("PK").s().endsWith("#ORDER#820982911946154508"));
        stream.drain();
        conflicting.set(false);

        var retried = aftercare.shopify(SHOP, Fixtures.shopify("orders-create.json"), "orders/create", "retried", Instant.EPOCH);
        stream.drain();

        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.json().path("status").asText()).isEqualTo("recorded");
        List<String> ids = new java.util.ArrayList<>();
        aftercare.orderTimeline(SHOP, "820982911946154508").path("items").forEach(e -> ids.add(e.path("id").asText()));
        assertThat(ids).doesNotHaveDuplicates().contains("placed");
        var metrics = aftercare.agent("GET /api/shops/{shop}/metrics", Map.of("shop", SHOP), Map.of("from", "2021-12-01", "to", "2022-01-31", "period", "month"));
        assertThat(metrics.status()).as(metrics.body()).isEqualTo(200);
        assertThat(metrics.json().path("items").findValues("orders").stream().mapToLong(n -> n.asLong()).sum()).isEqualTo(1);
    }

    private void forget() {
        operations.clear();
        written.clear();
    }
}
