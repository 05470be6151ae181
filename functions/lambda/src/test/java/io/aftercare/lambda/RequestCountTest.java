package io.aftercare.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aftercare.devkit.DynamoDbExtension;
import io.aftercare.devkit.Fixtures;
import io.aftercare.devkit.TestTable;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * DynamoDB requests per webhook, counted at the SDK: an accepted delivery costs three (a read of what is there, the
 * idempotent items, the transaction), a duplicate two.
 */
@ExtendWith(DynamoDbExtension.class)
class RequestCountTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> REQUESTS = new CopyOnWriteArrayList<>();
    private static Harness aftercare;

    @BeforeAll
    static void start(TestTable table) {
        ExecutionInterceptor counter = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                REQUESTS.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
            }
        };
        aftercare = new Harness(table, table.client(counter), Instant.parse("2022-01-01T00:01:00Z"));
        aftercare.registerShop("counted", "shopify");
        aftercare.shopify("counted", Fixtures.shopify("customers-create.json"), "customers/create"); // warms the shop cache
    }

    @BeforeEach
    void reset() {
        REQUESTS.clear();
    }

    @Test
    void givenAWarmFunction_whenANewOrderArrives_thenItIsRecordedWithThreeDynamoDbRequests() {
        aftercare.shopify("counted", Fixtures.shopify("orders-create.json"), "orders/create", "count-create", Instant.EPOCH);

        assertThat(REQUESTS).containsExactly("BatchGetItem", "BatchWriteItem", "TransactWriteItems");
    }

    @Test
    void givenADeliveryRecordedBefore_whenItComesAgain_thenTheDuplicateCostsOneReadThatFindsItsMarker() {
        aftercare.shopify("counted", Fixtures.shopify("fulfillments-create.json"), "fulfillments/create", "count-dup", Instant.EPOCH);
        REQUESTS.clear();

        var again = aftercare.shopify("counted", Fixtures.shopify("fulfillments-create.json"), "fulfillments/create", "count-dup", Instant.EPOCH);

        assertThat(again.json().path("status").asText()).isEqualTo("duplicate");
        assertThat(REQUESTS).containsExactly("BatchGetItem");
    }

    @Test
    void givenAParcelWhoseWatchIsSet_whenTheCarriersNextNewsArrives_thenTheReadFindsTheWatchAndNoTransactionIsRefusedForIt() throws Exception {
        ObjectNode news = (ObjectNode) JSON.readTree(Fixtures.shopify("fulfillment-events-create.json"));
        news.put("fulfillment_id", 777001);
        var first = aftercare.shopify("counted", JSON.writeValueAsBytes(news), "fulfillment_events/create", "count-watch-1", Instant.EPOCH);
        assertThat(first.json().path("scheduled").toString()).contains("parcel-watch#");
        news.put("id", 1234568).put("status", "out_for_delivery").put("happened_at", "2022-01-01T09:00:00-05:00");
        REQUESTS.clear();

        var next = aftercare.shopify("counted", JSON.writeValueAsBytes(news), "fulfillment_events/create", "count-watch-2", Instant.EPOCH);

        assertThat(next.status()).isEqualTo(200);
        assertThat(next.json().path("scheduled").toString()).as("the parcel's one watch, set by its first news").doesNotContain("parcel-watch#");
        // the news's entry, then the order's update alone (its dedupe marker on the order): no transaction to refuse
        assertThat(REQUESTS).containsExactly("BatchGetItem", "BatchWriteItem", "UpdateItem");
    }

    @Test
    void givenAParcelThatNeverHadAProblem_whenItsDeliveryArrives_thenNoCaseResolutionIsScheduledAndOneTransactionChecksThereIsNoCase() throws Exception {
        ObjectNode delivered = (ObjectNode) JSON.readTree(Fixtures.shopify("fulfillment-events-create.json"));
        delivered.put("fulfillment_id", 777002).put("id", 1234569).put("status", "delivered");

        var answer = aftercare.shopify("counted", JSON.writeValueAsBytes(delivered), "fulfillment_events/create", "count-delivered", Instant.EPOCH);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("scheduled").toString()).as("no case to resolve").doesNotContain("delivery-case#");
        // the read looked for the case's ticket, and the transaction's check that there is none held: nothing refused
        assertThat(REQUESTS).startsWith("BatchGetItem").filteredOn("TransactWriteItems"::equals).hasSize(1);
    }

    @Test
    void givenATrackingEventThatDoesNotNameTheCustomer_whenRecorded_thenTheReadOfWhatIsThereFindsTheCustomerToo() {
        aftercare.shopify("counted", Fixtures.shopify("fulfillment-events-create.json"), "fulfillment_events/create", "count-event", Instant.EPOCH);

        assertThat(REQUESTS).containsExactly("BatchGetItem", "BatchWriteItem", "TransactWriteItems");
    }
}
