package io.aftercare.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.devkit.DynamoDbExtension;
import io.aftercare.devkit.TestTable;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/** SnapStart priming: the webhook's path run before the snapshot, touching no shop's data and writing nothing. */
@ExtendWith(DynamoDbExtension.class)
class PrimingTest {

    @Test
    void givenAWebhookFunctionBeforeItsSnapshot_whenPrimed_thenItSendsOneReadOfAKeyNoShopOwnsAndWritesNothing(TestTable table) {
        List<SdkRequest> requests = new CopyOnWriteArrayList<>();
        ExecutionInterceptor counter = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                requests.add(context.request());
            }
        };
        var aftercare = new Harness(table, table.client(counter), Instant.parse("2026-11-23T10:00:00Z"));
        aftercare.registerShop("primed-shop", "generic");
        int items = table.client().scan(b -> b.tableName(table.name())).count();
        requests.clear();

        WebhookHandler.prime(aftercare.app);

        assertThat(requests).singleElement().isInstanceOfSatisfying(GetItemRequest.class, read ->
                assertThat(read.key().get("PK").s()).doesNotStartWith("SHOP#"));
        assertThat(table.client().scan(b -> b.tableName(table.name())).count()).isEqualTo(items);
    }
}
