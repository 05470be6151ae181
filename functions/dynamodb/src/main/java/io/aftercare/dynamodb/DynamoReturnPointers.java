package io.aftercare.dynamodb;

import io.aftercare.domain.order.OrderId;
import io.aftercare.domain.order.ReturnLocation;
import io.aftercare.domain.order.ReturnReference;
import io.aftercare.domain.shop.Shop;
import io.aftercare.domain.webhook.ReturnLocator;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The pointers the recording of a return wrote from the platform's names for it (one read each). */
public final class DynamoReturnPointers implements ReturnLocator {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoReturnPointers(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<ReturnLocation> locate(Shop shop, ReturnReference reference) {
        // consistent: the return's own delivery may have been recorded a moment before this one arrived
        var item = dynamo.getItem(b -> b.tableName(table).key(Keys.key(Keys.returnReference(shop.id(), reference), Keys.RETURN))
                .consistentRead(true)).item();
        return Items.string(item, RecordingItems.ORDER_ID).flatMap(order -> Items.string(item, RecordingItems.RETURN_ID)
                .map(returnId -> new ReturnLocation(new OrderId(order), returnId)));
    }
}
