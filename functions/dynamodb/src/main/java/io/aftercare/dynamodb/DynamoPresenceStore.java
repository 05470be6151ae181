package io.aftercare.dynamodb;

import static io.aftercare.dynamodb.Items.s;

import io.aftercare.domain.ShopId;
import io.aftercare.domain.ticket.Presence;
import io.aftercare.domain.ticket.PresenceStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Presence heartbeats in the shop's own presence partition, one item per ticket and member (each beat overwrites
 * the last), removed by the table's TTL; reads skip beats older than asked, since TTL deletes late.
 */
public final class DynamoPresenceStore implements PresenceStore {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoPresenceStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void put(ShopId shop, Presence presence, Instant expiresAt) {
        Map<String, AttributeValue> item = new HashMap<>(Keys.presence(shop, presence.ticketId(), presence.holder()));
        item.put(Keys.TYPE, s("PRESENCE"));
        item.put("ticketId", s(presence.ticketId()));
        item.put("holder", s(presence.holder()));
        item.put("who", s(presence.who()));
        item.put("activity", s(presence.activity().slug()));
        item.put("at", s(Keys.time(presence.at())));
        item.put(Keys.EXPIRES_AT, Items.n(expiresAt.getEpochSecond()));
        dynamo.putItem(b -> b.tableName(table).item(item));
    }

    @Override
    public List<Presence> since(ShopId shop, Instant since) {
        List<Presence> live = new ArrayList<>();
        dynamo.queryPaginator(b -> b.tableName(table)
                        .keyConditionExpression("PK = :pk")
                        .filterExpression("#at >= :since")
                        .expressionAttributeNames(Map.of("#at", "at"))
                        .expressionAttributeValues(Map.of(":pk", s(Keys.presencePartition(shop)), ":since", s(Keys.time(since)))))
                .items().forEach(item -> live.add(new Presence(Items.requiredString(item, "ticketId"), Items.requiredString(item, "holder"), Items.requiredString(item, "who"),
                        Presence.Activity.fromSlug(Items.requiredString(item, "activity")), Keys.parseTime(Items.requiredString(item, "at")))));
        return live;
    }
}
