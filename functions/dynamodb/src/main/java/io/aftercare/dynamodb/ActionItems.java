package io.aftercare.dynamodb;

import static io.aftercare.dynamodb.Items.s;
import static io.aftercare.dynamodb.Items.time;

import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.action.DueAction;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The item of a due action waiting for its time: written by a recording, and in bulk by the sweep benchmark. */
public final class ActionItems {

    private ActionItems() {
    }

    public static Map<String, AttributeValue> pending(ShopId shop, DueAction action, Optional<EmailAddress> customer, Instant createdAt) {
        Map<String, AttributeValue> item = new HashMap<>(Keys.key(Keys.action(shop, action.id()), Keys.ACTION));
        item.put(Keys.TYPE, s(Keys.ACTION));
        item.put("shop", s(shop.value()));
        item.put("actionId", s(action.id()));
        item.put("kind", s(action.kind().slug()));
        item.put("subjectType", s(action.subject().type().name()));
        item.put("subjectId", s(action.subject().id()));
        item.put("dueAt", time(action.dueAt()));
        item.put("status", s(RecordingItems.STATUS_PENDING));
        item.put("createdAt", time(createdAt));
        item.put(Keys.DUE_PK, s(Keys.dueBucket(action.dueAt())));
        item.put(Keys.DUE_SK, s(Keys.dueSort(action.dueAt(), shop, action.id())));
        customer.ifPresent(c -> item.put(RecordingItems.CUSTOMER_EMAIL, s(c.value())));
        return item;
    }
}
