package io.aftercare.dynamodb;

import io.aftercare.domain.ChangedMeanwhile;
import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.RaceRetry;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.order.OrderFact;
import io.aftercare.domain.recording.CustomerRecording;
import io.aftercare.domain.recording.OrderRecording;
import io.aftercare.domain.recording.RecordResult;
import io.aftercare.domain.recording.Recording;
import io.aftercare.domain.recording.RecordingStore;
import io.aftercare.domain.timeline.TimelineEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Writes a recording in one {@code TransactWriteItems}: the delivery's dedupe marker, the order, the customer, the
 * timeline entries and the due actions, all or nothing (a delivery that cannot be applied: its marker and a note,
 * {@link #recordUnapplied}).
 *
 * <p>Only three things in it are conditional, and each failure has one meaning: the dedupe marker exists (a
 * duplicate: stop), a snapshot is older than the stored one (write the rest without it), an action was scheduled
 * before (write the rest without it). Everything else is put-if-absent and cannot fail. So the common delivery
 * costs one request, and a repeated or out-of-order one at most a few more, never a lost write.
 */
public final class DynamoRecordingStore implements RecordingStore {

    private static final int MAX_TRANSACTION_ITEMS = 100;

    private enum Part { DELIVERY, ORDER, PROFILE, ACTION, IDEMPOTENT }

    private record Step(Part part, String actionId, TransactWriteItem item) {
    }

    private final DynamoDbClient dynamo;
    private final String table;
    private final RecordingItems items;

    public DynamoRecordingStore(DynamoDbClient dynamo, String table) {
        this(dynamo, table, DynamoActionStore.DEFAULT_DUE_SHARDS);
    }

    /** @param dueShards the due index's partitions per hour, as the sweep reads them */
    public DynamoRecordingStore(DynamoDbClient dynamo, String table, int dueShards) {
        this.dynamo = dynamo;
        this.table = table;
        this.items = new RecordingItems(table, dueShards);
    }

    /** Transaction conflicts (another writer held an item) are retried by {@link RaceRetry}; one still losing is {@link ChangedMeanwhile}. */
    @Override
    public RecordResult record(Recording recording) {
        Optional<EmailAddress> customer = customerOf(recording);
        return RaceRetry.untilItWins(() -> attempt(recording, customer));
    }

    @Override
    public boolean recordUnapplied(ShopId shop, String deliveryKey, String topic, TimelineEntry note) {
        List<TransactWriteItem> writes = List.of(items.deliveryMarker(shop, deliveryKey, topic, note.at()),
                TimelineItems.write(shop, note, Optional.empty(), note.at()).transactItem(table));
        return RaceRetry.untilItWins(() -> {
            try {
                dynamo.transactWriteItems(b -> b.transactItems(writes));
                return true;
            } catch (TransactionCanceledException cancelled) {
                if (conditionFailed(cancelled.cancellationReasons(), 0)) {
                    return false;
                }
                if (cancelled.cancellationReasons().stream().anyMatch(r -> "TransactionConflict".equals(r.code()))) {
                    throw new ChangedMeanwhile("another transaction kept holding an item of delivery " + deliveryKey);
                }
                throw cancelled;
            }
        });
    }

    /** One try: a failed condition drops its part and writes the rest; a conflict nothing explains loses the race. */
    private RecordResult attempt(Recording recording, Optional<EmailAddress> customer) {
        boolean withSnapshot = true;
        boolean withProfile = true;
        Set<String> skippedActions = new HashSet<>();
        while (true) {
            List<Step> steps = steps(recording, customer, withSnapshot, withProfile, skippedActions);
            try {
                write(steps);
                return new RecordResult(false, !withSnapshot || !withProfile, List.copyOf(skippedActions));
            } catch (TransactionCanceledException cancelled) {
                List<CancellationReason> reasons = cancelled.cancellationReasons();
                if (conditionFailed(reasons, 0)) {
                    return RecordResult.duplicateDelivery();
                }
                boolean changed = false;
                for (int i = 0; i < reasons.size() && i < steps.size(); i++) {
                    if (!conditionFailed(reasons, i)) {
                        continue;
                    }
                    Step step = steps.get(i);
                    switch (step.part()) {
                        case ORDER -> withSnapshot = false;
                        case PROFILE -> withProfile = false;
                        case ACTION -> skippedActions.add(step.actionId());
                        default -> throw cancelled;
                    }
                    changed = true;
                }
                if (!changed && reasons.stream().anyMatch(r -> "TransactionConflict".equals(r.code()))) {
                    throw new ChangedMeanwhile("another transaction kept holding an item of delivery " + recording.deliveryKey());
                }
                if (!changed) {
                    throw cancelled;
                }
            }
        }
    }

    /** The customer a delivery is about; deliveries that do not say (a tracking event, a refund, a return) are looked up by order. */
    private Optional<EmailAddress> customerOf(Recording recording) {
        Optional<EmailAddress> named = recording.order().flatMap(OrderRecording::customer)
                .or(() -> recording.customer().map(c -> c.contact().email()));
        if (named.isPresent() || recording.order().isEmpty()) {
            return named;
        }
        var key = Keys.key(Keys.order(recording.shop(), recording.order().get().orderId()), Keys.ORDER);
        var stored = dynamo.getItem(b -> b.tableName(table).key(key).projectionExpression(RecordingItems.CUSTOMER_EMAIL)).item();
        return Items.string(stored, RecordingItems.CUSTOMER_EMAIL).map(EmailAddress::new);
    }

    private List<Step> steps(Recording recording, Optional<EmailAddress> customer, boolean withSnapshot, boolean withProfile,
                             Set<String> skippedActions) {
        Instant now = recording.receivedAt();
        List<Step> steps = new ArrayList<>();
        steps.add(new Step(Part.DELIVERY, null, items.deliveryMarker(recording.shop(), recording.deliveryKey(), recording.topic(), now)));
        recording.order().ifPresent(order -> {
            var update = items.order(recording.shop(), order, customer, withSnapshot);
            steps.add(new Step(withSnapshot && order.snapshot().isPresent() ? Part.ORDER : Part.IDEMPOTENT, null, update.transactItem(table)));
            if (withSnapshot) {
                order.snapshot().ifPresent(snapshot -> customer.ifPresent(c ->
                        steps.add(idempotent(items.customerOrder(recording.shop(), c, snapshot)))));
                order.snapshot().ifPresent(snapshot -> DynamoSearch.order(table, recording.shop(), snapshot, customer)
                        .forEach(term -> steps.add(new Step(Part.IDEMPOTENT, null, term))));
            }
            for (OrderFact fact : order.facts()) {
                // refunds and returns are items of their own; the other facts live on the order item
                switch (fact) {
                    case OrderFact.Refunded refund -> steps.add(idempotent(items.refund(recording.shop(), order.orderId(), refund)));
                    case OrderFact.ReturnChanged change -> {
                        steps.add(idempotent(items.returnChange(recording.shop(), order.orderId(), change, recording.deliveryKey())));
                        change.knownAs().forEach(name -> steps.add(idempotent(items.returnPointer(recording.shop(), order.orderId(), change.returnId(), name))));
                    }
                    case OrderFact.Placed placed -> { }
                    case OrderFact.Paid paid -> { }
                    case OrderFact.Cancelled cancelled -> { }
                    case OrderFact.FulfilmentChanged fulfilment -> { }
                    case OrderFact.ShipmentProgressed shipment -> { }
                    case OrderFact.DeliveryExpected expected -> { }
                }
            }
            order.actions().stream()
                    .filter(action -> !skippedActions.contains(action.id()))
                    .forEach(action -> steps.add(new Step(Part.ACTION, action.id(), items.action(recording.shop(), action, now))));
        });
        recording.customer().ifPresent(profile -> {
            boolean authoritative = profile.authoritative() && withProfile;
            steps.add(new Step(authoritative ? Part.PROFILE : Part.IDEMPOTENT, null,
                    items.profile(recording.shop(), profile, authoritative).transactItem(table)));
            DynamoSearch.customer(table, recording.shop(), profile.contact()).forEach(term -> steps.add(new Step(Part.IDEMPOTENT, null, term)));
        });
        entries(recording).forEach(entry ->
                steps.add(idempotent(TimelineItems.write(recording.shop(), entry, customer.map(EmailAddress::hash), now))));
        return steps;
    }

    private static Stream<TimelineEntry> entries(Recording recording) {
        return Stream.concat(
                recording.order().stream().flatMap(o -> o.entries().stream()),
                recording.customer().stream().map(CustomerRecording::entries).flatMap(List::stream));
    }

    private Step idempotent(UpdateExpression update) {
        return new Step(Part.IDEMPOTENT, null, update.transactItem(table));
    }

    /**
     * One transaction. Past DynamoDB's 100 items (an order listing dozens of refunds), the trailing idempotent
     * entries go first in transactions of their own: writing them again on a retry changes nothing.
     */
    private void write(List<Step> steps) {
        List<TransactWriteItem> all = steps.stream().map(Step::item).toList();
        int overflow = all.size() - MAX_TRANSACTION_ITEMS;
        for (int from = MAX_TRANSACTION_ITEMS; from < all.size(); from += MAX_TRANSACTION_ITEMS) {
            List<TransactWriteItem> chunk = all.subList(from, Math.min(all.size(), from + MAX_TRANSACTION_ITEMS));
            dynamo.transactWriteItems(b -> b.transactItems(chunk));
        }
        List<TransactWriteItem> main = overflow > 0 ? all.subList(0, MAX_TRANSACTION_ITEMS) : all;
        dynamo.transactWriteItems(b -> b.transactItems(main));
    }

    private static boolean conditionFailed(List<CancellationReason> reasons, int index) {
        return index < reasons.size() && "ConditionalCheckFailed".equals(reasons.get(index).code());
    }
}
