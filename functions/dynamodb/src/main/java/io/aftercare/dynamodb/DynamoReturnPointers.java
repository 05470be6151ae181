package io.aftercare.dynamodb;

import io.aftercare.domain.order.OrderId;
import io.aftercare.domain.order.ReturnLocation;
import io.aftercare.domain.order.ReturnReference;
import io.aftercare.domain.shop.Shop;
import io.aftercare.domain.webhook.ReturnLocator;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The pointers the recording of a return wrote from the platform's names for it (one read each). A name no pointer
 * holds is unknown here; only the shop's API can say more.
 */
public final class DynamoReturnPointers implements ReturnLocator {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoReturnPointers(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Answer locate(Shop shop, ReturnReference reference) {
        // consistent: the return's own delivery may have been recorded a moment before this one arrived
        var item = dynamo.getItem(b -> b.tableName(table).key(Keys.key(Keys.returnReference(shop.id(), reference), Keys.RETURN))
                .consistentRead(true)).item();
        return Items.string(item, RecordingItems.ORDER_ID).flatMap(order -> Items.string(item, RecordingItems.RETURN_ID)
                        .<Answer>map(returnId -> new Answer.Found(new ReturnLocation(new OrderId(order), returnId))))
                .orElse(new Answer.CannotBeLocated(Why.UNKNOWN));
    }
}
