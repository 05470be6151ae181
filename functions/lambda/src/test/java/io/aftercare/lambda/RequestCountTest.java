package io.aftercare.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.devkit.DynamoDbExtension;
import io.aftercare.devkit.Fixtures;
import io.aftercare.devkit.TestTable;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/** DynamoDB requests per webhook, counted at the SDK: an accepted delivery costs one request, a duplicate one. */
@ExtendWith(DynamoDbExtension.class)
class RequestCountTest {

    private static final AtomicInteger REQUESTS = new AtomicInteger();
    private static Harness aftercare;

    @BeforeAll
    static void start(TestTable table) {
        ExecutionInterceptor counter = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                REQUESTS.incrementAndGet();
            }
        };
        aftercare = new Harness(table, table.client(counter), Instant.parse("2022-01-01T00:01:00Z"));
        aftercare.registerShop("counted", "shopify");
        aftercare.shopify("counted", Fixtures.shopify("customers-create.json"), "customers/create"); // warms the shop cache
    }

    @BeforeEach
    void reset() {
        REQUESTS.set(0);
    }

    @Test
    void givenAWarmFunction_whenANewOrderArrives_thenItIsRecordedWithOneDynamoDbRequest() {
        aftercare.shopify("counted", Fixtures.shopify("orders-create.json"), "orders/create", "count-create", Instant.EPOCH);

        assertThat(REQUESTS.get()).isEqualTo(1);
    }

    @Test
    void givenADeliveryRecordedBefore_whenItComesAgain_thenTheDuplicateCostsOneRequest() {
        aftercare.shopify("counted", Fixtures.shopify("fulfillments-create.json"), "fulfillments/create", "count-dup", Instant.EPOCH);
        REQUESTS.set(0);

        var again = aftercare.shopify("counted", Fixtures.shopify("fulfillments-create.json"), "fulfillments/create", "count-dup", Instant.EPOCH);

        assertThat(again.json().path("status").asText()).isEqualTo("duplicate");
        assertThat(REQUESTS.get()).isEqualTo(1);
    }

    @Test
    void givenATrackingEventThatDoesNotNameTheCustomer_whenRecorded_thenOneReadFindsTheCustomerAndOneTransactionWrites() {
        aftercare.shopify("counted", Fixtures.shopify("fulfillment-events-create.json"), "fulfillment_events/create", "count-event", Instant.EPOCH);

        assertThat(REQUESTS.get()).isEqualTo(2);
    }
}
