package io.aftercare.dynamodb;

import io.aftercare.domain.ShopId;
import io.aftercare.domain.metrics.MetricsFold;
import io.aftercare.domain.shop.Shop;
import io.aftercare.domain.timeline.EntryKind;
import io.aftercare.domain.timeline.Subject;
import io.aftercare.domain.timeline.TimelineEntry;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Folds one change of the table, as its stream tells it, into the shop's metrics: a new timeline entry, or a ticket's
 * new version (read against the one it replaced). Everything else in the stream is not a metric and is passed over.
 */
public final class MetricsAggregator {

    private final DynamoMetricsStore metrics;
    private final DynamoShopRepository shops;
    /** Shops' zones for this instance's life: a zone changed later dates only days after it took effect here. */
    private final Map<ShopId, ZoneId> zones = new ConcurrentHashMap<>();

    public MetricsAggregator(DynamoMetricsStore metrics, DynamoShopRepository shops) {
        this.metrics = metrics;
        this.shops = shops;
    }

    /** The stream filter the event source mapping applies too: only these items' changes reach the aggregator. */
    public static final java.util.Set<String> FOLDED_TYPES = java.util.Set.of(TimelineItems.ENTRY, Keys.TICKET);

    /**
     * @param oldImage the item before the change (empty for an insert)
     * @param newImage the item after it (empty for a removal, which counts nothing)
     */
    public void fold(Map<String, AttributeValue> oldImage, Map<String, AttributeValue> newImage) {
        if (newImage == null || newImage.isEmpty()) {
            return;
        }
        String type = Items.string(newImage, Keys.TYPE).orElse("");
        String pk = Items.requiredString(newImage, Keys.PK);
        if (type.equals(TimelineItems.ENTRY) && (oldImage == null || oldImage.isEmpty())) {
            ShopId shop = Keys.shopOf(pk);
            zone(shop).ifPresent(zone -> entry(shop, pk, TimelineItems.read(newImage), Items.string(newImage, Keys.GSI1_PK), zone));
        } else if (type.equals(Keys.TICKET) && Keys.TICKET.equals(Items.string(newImage, Keys.SK).orElse(""))) {
            ShopId shop = Keys.shopOf(pk);
            var before = oldImage == null || oldImage.isEmpty() ? Optional.<io.aftercare.domain.ticket.Ticket>empty()
                    : Optional.of(DynamoTicketStore.read(shop, oldImage));
            zone(shop).ifPresent(zone -> metrics.add(shop, pk, MetricsFold.ticket(before, DynamoTicketStore.read(shop, newImage), zone)));
        }
    }

    private void entry(ShopId shop, String pk, TimelineEntry entry, Optional<String> customerIndex, ZoneId zone) {
        metrics.add(shop, pk, MetricsFold.entry(entry, zone));
        if (entry.kind() == EntryKind.ORDER_PLACED && entry.subject().type() == Subject.Type.ORDER) {
            customerIndex.flatMap(Keys::customerHashOf).ifPresent(hash -> metrics.addOrder(shop, pk, entry, hash, zone));
        }
    }

    /** Empty for a shop that is gone: its changes count nowhere. */
    private Optional<ZoneId> zone(ShopId shop) {
        ZoneId known = zones.get(shop);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<ZoneId> zone = shops.find(shop).map(Shop::settings).map(s -> s.timeZone());
        zone.ifPresent(z -> zones.put(shop, z));
        return zone;
    }
}
