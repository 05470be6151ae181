package io.aftercare.dynamodb;

import io.aftercare.domain.ChangedMeanwhile;
import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.RaceRetry;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.action.DueAction;
import io.aftercare.domain.order.OrderFact;
import io.aftercare.domain.order.OrderId;
import io.aftercare.domain.recording.CaseResolution;
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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;

/**
 * Writes a recording in two steps. First what is idempotent, without a transaction: the timeline entries and return
 * pointers not there yet and the search terms when they changed (one {@code BatchWriteItem}), a new refund or return
 * step (an update of its own). Then one {@code TransactWriteItems} of what must be atomic with the delivery's dedupe
 * marker: the order, the due actions, the customer's profile and their link to the order. A delivery about an order
 * keeps its marker on the order item, among the deliveries it recorded last ({@link RecordingItems#remember}), so an
 * update of the order alone is a plain {@code UpdateItem}; one about no order has a marker item of its own. Written
 * before the marker, the first step leaves only items a retry of the delivery writes again identically: a crash or a
 * cancelled transaction between the two loses nothing and doubles nothing. A delivery that cannot be applied is its
 * marker and a note alone ({@link #recordUnapplied}).
 *
 * <p>One eventually consistent {@code BatchGetItem} before tells what is there already: the order (its customer, its
 * snapshot's time, and a digest of what its snapshot indexed) and the items of the first step. What is there and
 * would not change is not written again, so a later webhook of an order rewrites neither its search terms nor its
 * customer's link and profile unless they changed. A stale read only costs a rewrite (or, when two deliveries of an
 * order race within it, the later one's copy of an entry both carry).
 *
 * <p>Only three things in the transaction are conditional, and each failure has one meaning, which a refused order
 * update's consistent read tells apart: the delivery was recorded (a duplicate: stop; another delivery of the order
 * recorded since the read: try again after it), a snapshot is older than the stored one (write the rest without it),
 * an action was scheduled before (write the rest without it). So a delivery costs three requests (two when it has nothing new for the first
 * step; a duplicate one, the read finding its marker), and a repeated or out-of-order one at most a few more, never a lost write.
 */
public final class DynamoRecordingStore implements RecordingStore {

    private static final int MAX_TRANSACTION_ITEMS = 100;
    private static final String CONDITION_FAILED = "ConditionalCheckFailed";
    private static final String TRANSACTION_CONFLICT = "TransactionConflict";

    private enum Part { DELIVERY, ORDER, PROFILE, ACTION, NO_CASE, IDEMPOTENT }

    private record Step(Part part, String actionId, TransactWriteItem item) {
    }

    /** A cancelled write of the steps from {@code from} on, with a reason per step (a lone update's refusal is its one reason). */
    private static final class Cancelled extends RuntimeException {

        private final int from;
        private final transient List<CancellationReason> reasons;
        private final RuntimeException refusal;

        Cancelled(int from, List<CancellationReason> reasons, RuntimeException refusal) {
            super(refusal);
            this.from = from;
            this.reasons = reasons;
            this.refusal = refusal;
        }
    }

    /**
     * What this delivery last read of its order: the deliveries it remembers (the order's update is conditioned on
     * them) and whether it holds a newer snapshot than this delivery's. Kept across the attempts of one recording.
     */
    private static final class OrderSeen {

        private Optional<String> recent;
        private boolean newerSnapshot;
        /** The token of this delivery's last write of the order: found on a refused one, that write landed (its answer was lost, the SDK retried it). */
        private Optional<String> written = Optional.empty();

        OrderSeen(Map<String, AttributeValue> order, Recording recording) {
            see(order, recording);
        }

        /** @return whether another delivery about the order was recorded since the last read */
        boolean see(Map<String, AttributeValue> order, Recording recording) {
            Optional<String> before = recent;
            recent = Items.string(order, RecordingItems.RECENT_DELIVERIES);
            newerSnapshot = holdsNewerSnapshot(order, recording);
            return !recent.equals(before);
        }

        /** Whether the order holds a newer snapshot than the one this delivery carries (none: never). */
        static boolean holdsNewerSnapshot(Map<String, AttributeValue> order, Recording recording) {
            return recording.order().filter(o -> o.snapshot().isPresent())
                    .flatMap(o -> Items.time(order, RecordingItems.SOURCE_TIME).filter(t -> t.isAfter(o.sourceTime()))).isPresent();
        }
    }

    /** Past this many reads of the order in one attempt, each finding another delivery recorded since, the recording waits its turn. */
    private static final int ORDER_READS_PER_ATTEMPT = 3;

    /**
     * What a snapshot makes findable (the order's terms, the customer's link, profile and name terms, as a digest kept
     * on the order), whether the stored order says it is indexed already, and whether the stored snapshot is newer.
     */
    private record Index(Optional<String> digest, boolean unchanged, boolean stale) {

        static final Index NONE = new Index(Optional.empty(), false, false);

        /** Whether this delivery writes the order's terms before its transaction. */
        boolean writesTerms() {
            return digest.isPresent() && !unchanged && !stale;
        }
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
        List<UpdateExpression> owned = owned(recording);
        List<UpdateExpression> merged = merged(recording);
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        var marker = Keys.key(Keys.delivery(recording.shop(), recording.deliveryKey()), Keys.DELIVERY);
        keys.add(marker);
        recording.order().ifPresent(order -> keys.add(orderKey(recording.shop(), order.orderId())));
        Stream.concat(owned.stream(), merged.stream()).forEach(update -> keys.add(update.key()));
        actions(recording).forEach(action -> keys.add(Keys.actionItem(recording.shop(), action.id())));
        resolution(recording).ifPresent(resolution -> keys.add(Keys.ticketItem(recording.shop(), resolution.ticketId())));
        Map<String, Map<String, AttributeValue>> stored = BatchReads.get(dynamo, table, keys);
        Map<String, AttributeValue> storedOrder = recording.order()
                .map(order -> stored.getOrDefault(BatchReads.id(orderKey(recording.shop(), order.orderId())), Map.of())).orElse(Map.of());
        String delivery = RecordingItems.deliveryDigest(recording.deliveryKey());
        if (stored.containsKey(BatchReads.id(marker)) || RecordingItems.remembers(storedOrder, delivery)) {
            return RecordResult.duplicateDelivery(); // seen already: write nothing (a read that missed it ends at the transaction's condition)
        }
        // left out of the transaction, which would refuse them (one the read missed still is, and is dropped then)
        Set<String> scheduledBefore = actions(recording).filter(action -> stored.containsKey(BatchReads.id(Keys.actionItem(recording.shop(), action.id()))))
                .map(DueAction::id).collect(Collectors.toSet());
        boolean caseOpened = resolution(recording).filter(r -> stored.containsKey(BatchReads.id(Keys.ticketItem(recording.shop(), r.ticketId())))).isPresent();
        Optional<EmailAddress> customer = customerOf(recording, storedOrder);
        Index index = index(recording, customer, storedOrder);
        writeIdempotent(recording, customer, index, merged, stored);
        OrderSeen seen = new OrderSeen(storedOrder, recording);
        return RaceRetry.untilItWins(() -> attempt(recording, customer, index, seen, scheduledBefore, caseOpened));
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
                if (cancelled.cancellationReasons().stream().anyMatch(r -> TRANSACTION_CONFLICT.equals(r.code()))) {
                    throw new ChangedMeanwhile("another transaction kept holding an item of delivery " + deliveryKey);
                }
                throw cancelled;
            }
        });
    }

    /** The first step: every item a retry of the delivery writes again identically, those there already left as they are. */
    private void writeIdempotent(Recording recording, Optional<EmailAddress> customer, Index index, List<UpdateExpression> merged,
                                 Map<String, Map<String, AttributeValue>> stored) {
        List<Map<String, AttributeValue>> puts = new ArrayList<>();
        List<UpdateExpression> updates = new ArrayList<>();
        if (index.writesTerms()) {
            var order = recording.order().orElseThrow();
            DynamoSearch.order(table, recording.shop(), order.snapshot().orElseThrow(), customer).forEach(term -> puts.add(term.put().item()));
        }
        recording.customer().filter(profile -> !index.unchanged() || profile.authoritative()).ifPresent(profile ->
                DynamoSearch.customer(table, recording.shop(), profile.contact()).forEach(term -> puts.add(term.put().item())));
        for (UpdateExpression update : owned(recording, customer)) {
            var there = stored.get(BatchReads.id(update.key()));
            if (there == null && customer.isPresent()) {
                puts.add(update.newItem().orElseThrow());
            } else if (there == null || !update.changesNothing(there)) {
                // not knowing the customer (a tracking event whose order the read missed), a whole put could replace
                // another delivery's copy that carries the customer's index: set only what is absent
                updates.add(update);
            }
        }
        for (UpdateExpression update : merged) { // never put whole: a stale read would lose what others added
            var there = stored.get(BatchReads.id(update.key()));
            if (there == null || !update.changesNothing(there)) {
                updates.add(update);
            }
        }
        BatchWrites.put(dynamo, table, puts);
        updates.forEach(update -> dynamo.updateItem(update.request(table)));
    }

    /**
     * One try of the transaction: a failed condition drops its part and writes the rest; a conflict nothing explains
     * loses the race. The order's update fails when its remembered deliveries changed since they were read (this one
     * recorded: a duplicate; another: write again after them) or it holds a newer snapshot (write the rest without it).
     */
    private RecordResult attempt(Recording recording, Optional<EmailAddress> customer, Index index, OrderSeen seen, Set<String> scheduledBefore,
                                 boolean caseOpened) {
        boolean withProfile = true;
        boolean withResolution = caseOpened;
        Set<String> skippedActions = new HashSet<>(scheduledBefore);
        int orderReads = 0;
        while (true) {
            boolean withSnapshot = !seen.newerSnapshot;
            List<Step> steps = steps(recording, customer, index, seen, withProfile, withResolution, skippedActions);
            try {
                write(steps);
                return recorded(withSnapshot, withProfile, withResolution, skippedActions, recording);
            } catch (Cancelled failed) {
                List<CancellationReason> reasons = failed.reasons;
                boolean changed = false;
                for (int i = 0; i < reasons.size() && failed.from + i < steps.size(); i++) {
                    if (!conditionFailed(reasons, i)) {
                        continue;
                    }
                    Step step = steps.get(failed.from + i);
                    switch (step.part()) {
                        case DELIVERY -> {
                            return RecordResult.duplicateDelivery();
                        }
                        case ORDER -> {
                            var order = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                                    .key(orderKey(recording.shop(), recording.order().orElseThrow().orderId()))).item();
                            if (seen.written.filter(write -> RecordingItems.lastWrittenBy(order, write)).isPresent()) {
                                return recorded(withSnapshot, withProfile, withResolution, skippedActions, recording);
                            }
                            if (RecordingItems.remembers(order, RecordingItems.deliveryDigest(recording.deliveryKey()))) {
                                return RecordResult.duplicateDelivery();
                            }
                            boolean recordedSince = seen.see(order, recording);
                            if (recordedSince && ++orderReads == ORDER_READS_PER_ATTEMPT) {
                                throw new ChangedMeanwhile("other deliveries of the order kept being recorded before delivery " + recording.deliveryKey());
                            }
                            if (!recordedSince && !(withSnapshot && seen.newerSnapshot)) {
                                throw failed.refusal; // refused for a reason the order does not show
                            }
                        }
                        case PROFILE -> withProfile = false;
                        case ACTION -> skippedActions.add(step.actionId());
                        case NO_CASE -> withResolution = true; // the case was opened meanwhile: resolve it
                        default -> throw failed.refusal;
                    }
                    changed = true;
                }
                if (!changed && reasons.stream().anyMatch(r -> TRANSACTION_CONFLICT.equals(r.code()))) {
                    throw new ChangedMeanwhile("another transaction kept holding an item of delivery " + recording.deliveryKey());
                }
                if (!changed) {
                    throw failed.refusal;
                }
            }
        }
    }

    private static RecordResult recorded(boolean withSnapshot, boolean withProfile, boolean withResolution, Set<String> skippedActions,
                                         Recording recording) {
        List<String> notScheduled = new ArrayList<>(skippedActions);
        if (!withResolution) {
            resolution(recording).ifPresent(resolution -> notScheduled.add(resolution.check().id()));
        }
        return new RecordResult(false, !withSnapshot || !withProfile, notScheduled);
    }

    /**
     * Whether the delivery keeps a marker item of its own: one about no order, and a return's step, which a copy of it
     * may find cannot be located and record apart ({@link #recordUnapplied}), by that item alone.
     */
    private static boolean marksApart(Recording recording) {
        return recording.order().map(order -> order.facts().stream().anyMatch(fact -> fact instanceof OrderFact.ReturnChanged)).orElse(true);
    }

    /** The customer a delivery is about; deliveries that do not say (a tracking event, a refund, a return) are known by their order. */
    private static Optional<EmailAddress> customerOf(Recording recording, Map<String, AttributeValue> storedOrder) {
        return recording.order().flatMap(OrderRecording::customer)
                .or(() -> recording.customer().map(c -> c.contact().email()))
                .or(() -> Items.string(storedOrder, RecordingItems.CUSTOMER_EMAIL).map(EmailAddress::new));
    }

    private Index index(Recording recording, Optional<EmailAddress> customer, Map<String, AttributeValue> storedOrder) {
        Optional<OrderRecording> order = recording.order().filter(o -> o.snapshot().isPresent());
        if (order.isEmpty()) {
            return Index.NONE;
        }
        List<TransactWriteItem> indexed = new ArrayList<>(DynamoSearch.order(table, recording.shop(), order.get().snapshot().get(), customer));
        customer.ifPresent(c -> indexed.add(items.customerOrder(recording.shop(), c, order.get().snapshot().get()).transactItem(table)));
        recording.customer().filter(profile -> !profile.authoritative()).ifPresent(profile -> {
            indexed.add(items.profile(recording.shop(), profile, false).transactItem(table));
            indexed.addAll(DynamoSearch.customer(table, recording.shop(), profile.contact()));
        });
        String digest = RecordingItems.digest(indexed);
        return new Index(Optional.of(digest), Items.string(storedOrder, RecordingItems.INDEXED).filter(digest::equals).isPresent(),
                OrderSeen.holdsNewerSnapshot(storedOrder, recording));
    }

    private List<Step> steps(Recording recording, Optional<EmailAddress> customer, Index index, OrderSeen seen, boolean withProfile,
                             boolean withResolution, Set<String> skippedActions) {
        Instant now = recording.receivedAt();
        boolean withSnapshot = !seen.newerSnapshot;
        List<Step> steps = new ArrayList<>();
        if (marksApart(recording)) {
            steps.add(new Step(Part.DELIVERY, null, items.deliveryMarker(recording.shop(), recording.deliveryKey(), recording.topic(), now)));
        }
        recording.order().ifPresent(order -> {
            var update = items.order(recording.shop(), order, customer, withSnapshot);
            seen.written = Optional.of(RecordingItems.remember(update, seen.recent, RecordingItems.deliveryDigest(recording.deliveryKey())));
            if (index.writesTerms()) { // the digest says what the terms written before hold; a dropped snapshot's terms are rewritten by the next
                if (withSnapshot) {
                    update.set(RecordingItems.INDEXED, Items.s(index.digest().orElseThrow()));
                } else {
                    update.remove(RecordingItems.INDEXED);
                }
            }
            steps.add(new Step(Part.ORDER, null, update.transactItem(table)));
            // beside the order's update, so in its transaction however many actions follow (past 100 they go first, apart)
            order.caseResolution().ifPresent(resolution -> {
                if (!withResolution) { // no case: none may be opened before this is written, or it would never be resolved
                    steps.add(new Step(Part.NO_CASE, null, items.noTicket(recording.shop(), resolution.ticketId())));
                } else if (!skippedActions.contains(resolution.check().id())) {
                    steps.add(new Step(Part.ACTION, resolution.check().id(), items.action(recording.shop(), resolution.check(), now)));
                }
            });
            if (withSnapshot && !index.unchanged()) {
                order.snapshot().ifPresent(snapshot -> customer.ifPresent(c ->
                        steps.add(idempotent(items.customerOrder(recording.shop(), c, snapshot)))));
            }
            order.actions().stream()
                    .filter(action -> !skippedActions.contains(action.id()))
                    .forEach(action -> steps.add(new Step(Part.ACTION, action.id(), items.action(recording.shop(), action, now))));
        });
        recording.customer().ifPresent(profile -> {
            boolean authoritative = profile.authoritative() && withProfile;
            if (profile.authoritative() || !index.unchanged()) {
                steps.add(new Step(authoritative ? Part.PROFILE : Part.IDEMPOTENT, null,
                        items.profile(recording.shop(), profile, authoritative).transactItem(table)));
            }
        });
        return steps;
    }

    /**
     * The items of the first step a delivery owns whole (the same fact always writes the same item, put if absent): its
     * timeline entries and the pointers to its returns.
     */
    private List<UpdateExpression> owned(Recording recording, Optional<EmailAddress> customer) {
        List<UpdateExpression> owned = new ArrayList<>();
        recording.order().ifPresent(order -> order.facts().forEach(fact -> {
            // refunds and returns are items of their own; the other facts live on the order item
            if (fact instanceof OrderFact.ReturnChanged change) {
                change.knownAs().forEach(name -> owned.add(items.returnPointer(recording.shop(), order.orderId(), change.returnId(), name)));
            }
        }));
        entries(recording).forEach(entry ->
                owned.add(TimelineItems.write(recording.shop(), entry, customer.map(EmailAddress::hash), recording.receivedAt())));
        return owned;
    }

    /** The same items' keys, before the customer is known (it is not in their keys). */
    private List<UpdateExpression> owned(Recording recording) {
        return owned(recording, Optional.empty());
    }

    /**
     * The items of the first step written by an update of their own: each return, to which other deliveries add one
     * attribute per step, and each refund (updated, its amount keeps the scale the platform sent, as the order's do).
     */
    private List<UpdateExpression> merged(Recording recording) {
        List<UpdateExpression> merged = new ArrayList<>();
        recording.order().ifPresent(order -> order.facts().forEach(fact -> {
            // refunds and returns are items of their own; the other facts live on the order item
            switch (fact) {
                case OrderFact.Refunded refund -> merged.add(items.refund(recording.shop(), order.orderId(), refund));
                case OrderFact.ReturnChanged change -> merged.add(items.returnChange(recording.shop(), order.orderId(), change, recording.deliveryKey()));
                case OrderFact.Placed placed -> { }
                case OrderFact.Paid paid -> { }
                case OrderFact.Cancelled cancelled -> { }
                case OrderFact.FulfilmentChanged fulfilment -> { }
                case OrderFact.ShipmentProgressed shipment -> { }
                case OrderFact.DeliveryExpected expected -> { }
            }
        }));
        return merged;
    }

    private static Stream<TimelineEntry> entries(Recording recording) {
        return Stream.concat(
                recording.order().stream().flatMap(o -> o.entries().stream()),
                recording.customer().stream().map(CustomerRecording::entries).flatMap(List::stream));
    }

    private static Map<String, AttributeValue> orderKey(ShopId shop, OrderId order) {
        return Keys.key(Keys.order(shop, order), Keys.ORDER);
    }

    private static Stream<DueAction> actions(Recording recording) {
        return recording.order().stream().flatMap(OrderRecording::possibleActions);
    }

    private static Optional<CaseResolution> resolution(Recording recording) {
        return recording.order().flatMap(OrderRecording::caseResolution);
    }


    /**
     * The steps in one transaction. Past DynamoDB's 100 items (an order listing dozens of refunds, each with its
     * notice), the trailing due actions go first in transactions of their own: each is created once whichever
     * transaction writes it, and one written before a retry counts as scheduled before.
     */
    private void write(List<Step> steps) {
        for (int from = MAX_TRANSACTION_ITEMS; from < steps.size(); from += MAX_TRANSACTION_ITEMS) {
            transact(steps, from, Math.min(steps.size(), from + MAX_TRANSACTION_ITEMS));
        }
        transact(steps, 0, Math.min(steps.size(), MAX_TRANSACTION_ITEMS));
    }

    /** One step alone (an update of the order that schedules nothing) is a plain update: half the write units of a transaction. */
    private void transact(List<Step> steps, int from, int to) {
        if (to - from == 1 && steps.get(from).item().update() != null) {
            try {
                dynamo.updateItem(UpdateExpression.alone(steps.get(from).item().update()).build());
            } catch (ConditionalCheckFailedException refused) {
                throw new Cancelled(from, List.of(CancellationReason.builder().code(CONDITION_FAILED).build()), refused);
            } catch (TransactionConflictException held) {
                throw new Cancelled(from, List.of(CancellationReason.builder().code(TRANSACTION_CONFLICT).build()), held);
            }
            return;
        }
        try {
            dynamo.transactWriteItems(b -> b.transactItems(steps.subList(from, to).stream().map(Step::item).toList()));
        } catch (TransactionCanceledException cancelled) {
            throw new Cancelled(from, cancelled.cancellationReasons(), cancelled);
        }
    }

    private Step idempotent(UpdateExpression update) {
        return new Step(Part.IDEMPOTENT, null, update.transactItem(table));
    }

    private static boolean conditionFailed(List<CancellationReason> reasons, int index) {
        return index < reasons.size() && CONDITION_FAILED.equals(reasons.get(index).code());
    }
}
