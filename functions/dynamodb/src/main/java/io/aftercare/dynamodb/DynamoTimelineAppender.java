package io.aftercare.dynamodb;

import io.aftercare.domain.ShopId;
import io.aftercare.domain.timeline.TimelineAppender;
import io.aftercare.domain.timeline.TimelineEntry;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** One timeline entry, put if absent, on its subject's timeline and the customer's. */
public final class DynamoTimelineAppender implements TimelineAppender {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoTimelineAppender(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void write(ShopId shop, TimelineEntry entry, Optional<String> customerHash) {
        dynamo.updateItem(TimelineItems.write(shop, entry, customerHash, entry.at()).request(table));
    }
}
