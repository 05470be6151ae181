package io.aftercare.dynamodb;

import io.aftercare.domain.ShopId;
import io.aftercare.domain.metrics.DeliveryContact;
import io.aftercare.domain.metrics.MetricsFold;
import io.aftercare.domain.order.OrderId;
import io.aftercare.domain.shop.ShopCache;
import io.aftercare.domain.ticket.Ticket;
import io.aftercare.domain.ticket.TicketStore;
import io.aftercare.domain.timeline.TimelineEntry;
import java.math.BigInteger;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Folds a batch of one stream shard's changes into the shops' metrics: new timeline entries, and tickets' new versions
 * (read against the ones they replaced). Everything else in the stream is not a metric and is passed over. The batch is
 * summed and written a chunk at a time with the shard's cursor ({@link DynamoMetricsStore.Batch}), so however Lambda
 * hands the shard's records over again, each counts once.
 */
public final class MetricsAggregator {

    /** The stream filter the event source mapping applies too ({@code template.yaml}): only these items' changes reach the aggregator. */
    public static final Set<String> FOLDED_TYPES = Set.of(TimelineItems.ENTRY, Keys.TICKET);
    /** Folds of a chunk that another shard's fold moved a state under, before the batch fails (and is retried by Lambda). */
    static final int ATTEMPTS = 8;

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
     * One change of the table, as its stream tells it.
     *
     * @param oldImage the item before the change (empty for an insert)
     * @param newImage the item after it (empty for a removal, which counts nothing)
     */
    public record Change(String sequence, Map<String, AttributeValue> oldImage, Map<String, AttributeValue> newImage) {
    }

    /** Where a batch stopped: the change to retry from (it and those after it were not counted), and why. */
    public record Failure(String sequence, RuntimeException cause) {
    }

    /**
     * Folds a batch of one shard's changes, in the shard's order; those its cursor says were folded before count nothing.
     *
     * @return empty when every change was folded
     */
    public Optional<Failure> fold(String shardId, List<Change> changes) {
        if (changes.isEmpty()) {
            return Optional.empty();
        }
        List<Change> ordered = changes.stream().sorted(Comparator.comparing(change -> new BigInteger(change.sequence()))).toList();
        for (int attempt = 1; ; attempt++) {
            Optional<String> chunkFrom = Optional.empty(); // the first change the chunk not yet written holds
            try {
                DynamoMetricsStore.Batch batch = metrics.batch(shardId);
                for (Change change : ordered) {
                    if (batch.folded(change.sequence())) {
                        continue;
                    }
                    if (batch.full()) {
                        batch.commit();
                        chunkFrom = Optional.empty();
                    }
                    chunkFrom = chunkFrom.or(() -> Optional.of(change.sequence()));
                    batch.begin();
                    try {
                        fold(batch, change.oldImage(), change.newImage());
                    } catch (RuntimeException e) {
                        batch.undo();
                        batch.commit(); // the changes before it count; it is retried
                        return Optional.of(new Failure(change.sequence(), e));
                    }
                    batch.done(change.sequence());
                }
                batch.commit();
                return Optional.empty();
            } catch (DynamoMetricsStore.ChangedMeanwhile e) {
                if (attempt == ATTEMPTS) {
                    return Optional.of(new Failure(chunkFrom.orElse(ordered.get(0).sequence()), e));
                }
            } catch (RuntimeException e) {
                return Optional.of(new Failure(chunkFrom.orElse(ordered.get(0).sequence()), e));
            }
        }
    }

    private void fold(DynamoMetricsStore.Batch batch, Map<String, AttributeValue> oldImage, Map<String, AttributeValue> newImage) {
        if (newImage == null || newImage.isEmpty()) {
            return;
        }
        String type = Items.string(newImage, Keys.TYPE).orElse("");
        String pk = Items.requiredString(newImage, Keys.PK);
        if (type.equals(TimelineItems.ENTRY) && (oldImage == null || oldImage.isEmpty())) {
            ShopId shop = Keys.ownerOf(pk).orElseThrow(); // an entry's or a ticket's partition: SHOP#{shop}#...
            zone(shop).ifPresent(zone -> entry(batch, shop, pk, TimelineItems.read(newImage), Items.string(newImage, Keys.GSI1_PK), zone));
        } else if (type.equals(Keys.TICKET) && Keys.TICKET.equals(Items.string(newImage, Keys.SK).orElse(""))) {
            ShopId shop = Keys.ownerOf(pk).orElseThrow(); // an entry's or a ticket's partition: SHOP#{shop}#...
            Optional<Ticket> before = oldImage == null || oldImage.isEmpty() ? Optional.empty() : Optional.of(DynamoTicketStore.read(shop, oldImage));
            Ticket after = DynamoTicketStore.read(shop, newImage);
            zone(shop).ifPresent(zone -> {
                batch.add(shop, pk, MetricsFold.ticket(before, after, zone));
                if (MetricsFold.firstResponded(before, after)) { // only the first response tells the customer's history anything
                    batch.addForCustomer(shop, after.customer().email().hash(), history -> MetricsFold.customer(before, after, history, zone));
                }
                MetricsFold.deliveryCaseAnswered(before, after).ifPresent(at -> delivery(batch, shop, after.order().orElseThrow(),
                        "v" + after.version() + "#delivery", contact -> contact.contacted(at), zone));
            });
        }
    }

    private void entry(DynamoMetricsStore.Batch batch, ShopId shop, String pk, TimelineEntry entry, Optional<String> customerIndex, ZoneId zone) {
        batch.add(shop, pk, MetricsFold.entry(entry, zone));
        if (MetricsFold.concernsCustomer(entry.kind())) {
            customerIndex.flatMap(Keys::customerHashOf)
                    .ifPresent(hash -> batch.addForCustomer(shop, hash, history -> MetricsFold.customer(entry, history, zone)));
        }
        MetricsFold.delivery(entry).ifPresent(change -> delivery(batch, shop, new OrderId(entry.subject().id()), entry.id() + "#delivery", change, zone));
        if (MetricsFold.customerWrote(entry)) {
            tickets.find(shop, entry.subject().id()).flatMap(Ticket::order).ifPresent(order ->
                    delivery(batch, shop, order, entry.id() + "#delivery", contact -> contact.customerWrote(entry.at()), zone));
        }
    }

    /** Every order's changes that may tell of its delivery problem are kept, whichever shard brings them first. */
    private void delivery(DynamoMetricsStore.Batch batch, ShopId shop, OrderId order, String once, UnaryOperator<DeliveryContact> change, ZoneId zone) {
        batch.addForDelivery(shop, order, contact -> contact.fold(change.apply(contact), once, zone));
    }

    /** Empty for a shop that is gone: its changes count nowhere. */
    private Optional<ZoneId> zone(ShopId shop) {
        return shops.find(shop).map(found -> found.settings().timeZone());
    }
}
