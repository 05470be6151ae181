package io.aftercare.dynamodb;

import io.aftercare.domain.ShopId;
import io.aftercare.domain.metrics.DeliveryContact;
import io.aftercare.domain.metrics.MetricsFold;
import io.aftercare.domain.order.OrderId;
import io.aftercare.domain.shop.ShopCache;
import io.aftercare.domain.ticket.Ticket;
import io.aftercare.domain.ticket.TicketStore;
import io.aftercare.domain.timeline.TimelineEntry;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Folds one change of the table, as its stream tells it, into the shop's metrics: a new timeline entry, or a ticket's
 * new version (read against the one it replaced). Everything else in the stream is not a metric and is passed over.
 */
public final class MetricsAggregator {

    /** The stream filter the event source mapping applies too ({@code template.yaml}): only these items' changes reach the aggregator. */
    public static final Set<String> FOLDED_TYPES = Set.of(TimelineItems.ENTRY, Keys.TICKET);

    private final DynamoMetricsStore metrics;
    /** The shops' cache: a changed time zone dates changes within its minute. */
    private final ShopCache shops;
    /** Which order a customer's message on a ticket is about (their messages are on the ticket's timeline). */
    private final TicketStore tickets;

    public MetricsAggregator(DynamoMetricsStore metrics, ShopCache shops, TicketStore tickets) {
        this.metrics = metrics;
        this.shops = shops;
        this.tickets = tickets;
    }


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
            ShopId shop = Keys.ownerOf(pk).orElseThrow(); // an entry's or a ticket's partition: SHOP#{shop}#...
            zone(shop).ifPresent(zone -> entry(shop, pk, TimelineItems.read(newImage), Items.string(newImage, Keys.GSI1_PK), zone));
        } else if (type.equals(Keys.TICKET) && Keys.TICKET.equals(Items.string(newImage, Keys.SK).orElse(""))) {
            ShopId shop = Keys.ownerOf(pk).orElseThrow(); // an entry's or a ticket's partition: SHOP#{shop}#...
            Optional<Ticket> before = oldImage == null || oldImage.isEmpty() ? Optional.empty() : Optional.of(DynamoTicketStore.read(shop, oldImage));
            Ticket after = DynamoTicketStore.read(shop, newImage);
            zone(shop).ifPresent(zone -> {
                metrics.add(shop, pk, MetricsFold.ticket(before, after, zone));
                if (MetricsFold.firstResponded(before, after)) { // only the first response tells the customer's history anything
                    metrics.addForCustomer(shop, pk, after.customer().email().hash(), history -> MetricsFold.customer(before, after, history, zone));
                }
                MetricsFold.deliveryCaseAnswered(before, after).ifPresent(at -> delivery(shop, pk, after.order().orElseThrow(),
                        "v" + after.version() + "#delivery", contact -> contact.contacted(at), zone));
            });
        }
    }

    private void entry(ShopId shop, String pk, TimelineEntry entry, Optional<String> customerIndex, ZoneId zone) {
        metrics.add(shop, pk, MetricsFold.entry(entry, zone));
        if (MetricsFold.concernsCustomer(entry.kind())) {
            customerIndex.flatMap(Keys::customerHashOf)
                    .ifPresent(hash -> metrics.addForCustomer(shop, pk, hash, history -> MetricsFold.customer(entry, history, zone)));
        }
        MetricsFold.delivery(entry).ifPresent(change -> delivery(shop, pk, new OrderId(entry.subject().id()), entry.id() + "#delivery", change, zone));
        if (MetricsFold.customerWrote(entry)) {
            tickets.find(shop, entry.subject().id()).flatMap(Ticket::order).ifPresent(order ->
                    delivery(shop, pk, order, entry.id() + "#delivery", contact -> contact.customerWrote(entry.at()), zone));
        }
    }

    /** Every order's changes that may tell of its delivery problem are kept, whichever shard brings them first. */
    private void delivery(ShopId shop, String pk, OrderId order, String once, UnaryOperator<DeliveryContact> change, ZoneId zone) {
        metrics.addForDelivery(shop, pk, order, contact -> contact.fold(change.apply(contact), once, zone));
    }

    /** Empty for a shop that is gone: its changes count nowhere. */
    private Optional<ZoneId> zone(ShopId shop) {
        return shops.find(shop).map(found -> found.settings().timeZone());
    }
}
