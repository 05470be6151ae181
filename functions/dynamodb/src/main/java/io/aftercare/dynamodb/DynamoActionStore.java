package io.aftercare.dynamodb;

import static io.aftercare.dynamodb.Items.s;
import static io.aftercare.dynamodb.Items.time;

import io.aftercare.domain.ChangedMeanwhile;
import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.action.ActionClass;
import io.aftercare.domain.action.ActionKind;
import io.aftercare.domain.action.ActionOutcome;
import io.aftercare.domain.action.ActionRef;
import io.aftercare.domain.action.ActionStore;
import io.aftercare.domain.action.ClaimedAction;
import io.aftercare.domain.action.DueAction;
import io.aftercare.domain.action.DueRef;
import io.aftercare.domain.email.ActionCatalog;
import io.aftercare.domain.email.EmailThread;
import io.aftercare.domain.email.RecipientGate;
import io.aftercare.domain.email.SendingMark;
import io.aftercare.domain.privacy.SuppressionKey;
import io.aftercare.domain.timeline.TimelineEntry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.paginators.QueryIterable;

/**
 * Due actions in the table. The sweep reads the sparse {@code Due} index hour by hour from a cursor (the oldest hour
 * that may still hold work) to now, so its cost follows the work due, not the table's size. Each class has its own
 * partitions, and each hour several (shards, picked from the action's key, read in parallel), so that neither a
 * partition's write limit nor one reader caps a wave. A claim is a conditional update that also moves the action's
 * index entry to the end of its lease, where an abandoned claim comes due again.
 */
public final class DynamoActionStore implements ActionStore, SendingMark {

    /** Without a cursor (a new table), the sweep starts this far back. */
    static final Duration FIRST_LOOK_BACK = Duration.ofDays(1);
    /** An hour is left behind only this long after it ended, so a write landing late in it is still found. */
    static final Duration GRACE = Duration.ofMinutes(10);

    private static final String PENDING = RecordingItems.STATUS_PENDING;
    private static final String CLAIMED = "CLAIMED";
    private static final String SENDING = "SENDING";
    /** The status the latest claim took it over from: SENDING means the claim before it may have sent its email. */
    private static final String CLAIMED_FROM = "claimedFrom";
    static final String DONE = "DONE";
    /** Claims since the action was scheduled or last postponed; {@code attempts} counts them all. */
    private static final String TRIES = "tries";
    private static final String RECIPIENTS = "recipients";
    /** On the cursor: the most shards any sweep read with. */
    private static final String SHARDS = "shards";
    /** Enough partitions per hour that one takes a few hundred writes a second in a flash sale, well below its limit. */
    public static final int DEFAULT_DUE_SHARDS = 4;
    /**
     * A send may begin only while this much of its lease is left: more than the action function's 30 s timeout, so a
     * send begun is recorded (or its worker is dead) before the lease ends and another sweep may take the action over;
     * the rest covers the skew between the sweep's clock, which set the lease, and the worker's.
     */
    static final Duration SENDING_MARGIN = Duration.ofMinutes(1);
    private static final String CONDITION_FAILED = "ConditionalCheckFailed";
    private static final String TRANSACTION_CONFLICT = "TransactionConflict";
    private static final int MIN_PAGE = 25;
    private static final int MAX_PAGE = 1000;

    private final DynamoDbClient dynamo;
    private final String table;
    private final int dueShards;
    private final Supplier<SuppressionKey> suppressionKey;

    public DynamoActionStore(DynamoDbClient dynamo, String table) {
        this(dynamo, table, DEFAULT_DUE_SHARDS);
    }

    /** A store that sends no email: it has no key to check an erased customer's suppression by, and refuses to begin one. */
    public DynamoActionStore(DynamoDbClient dynamo, String table, int dueShards) {
        this(dynamo, table, dueShards, () -> {
            throw new IllegalStateException("no suppression key: this action store cannot check a recipient");
        });
    }

    /**
     * @param dueShards the due index's partitions per hour and class, for the entries this store writes
     * @param suppressionKey what erased customers' suppressions are kept by, asked for at the first email's sending mark
     */
    public DynamoActionStore(DynamoDbClient dynamo, String table, int dueShards, Supplier<SuppressionKey> suppressionKey) {
        if (dueShards < 1) {
            throw new IllegalArgumentException("the due index needs at least one shard, not " + dueShards);
        }
        this.dynamo = dynamo;
        this.table = table;
        this.dueShards = dueShards;
        this.suppressionKey = suppressionKey;
    }

    @Override
    public DueActions due(Instant now) {
        var cursor = dynamo.getItem(b -> b.tableName(table).key(Keys.key(Keys.SWEEP, Keys.CURSOR)).consistentRead(true)).item();
        Map<String, AttributeValue> stored = cursor == null ? Map.of() : cursor;
        Instant from = Items.time(stored, "hour").orElse(now.minus(FIRST_LOOK_BACK)).truncatedTo(ChronoUnit.HOURS);
        // The largest count any sweep read with: entries written under a larger count than today's are in its shards.
        int usedShards = stored.containsKey(SHARDS) ? (int) Items.number(stored, SHARDS) : 0;
        int readShards = Math.max(dueShards, usedShards);
        if (readShards > usedShards) {
            rememberShards(readShards);
        }
        Instant current = now.truncatedTo(ChronoUnit.HOURS);
        Instant firstMoved = null;
        for (Instant hour = from; !hour.isAfter(current); hour = hour.plus(Duration.ofHours(1))) {
            if (moveLegacy(hour, now) && firstMoved == null) {
                firstMoved = hour;
            }
        }
        Instant drainedUpTo = drainedUpTo(from, firstMoved == null ? now : firstMoved, now, readShards);
        if (drainedUpTo.isAfter(from)) {
            moveCursor(drainedUpTo);
        }
        return new Scan(drainedUpTo, current, now, readShards);
    }

    /**
     * The first hour from {@code from} that may still hold work: an hour is left behind once it ended {@link #GRACE}
     * ago (so a write landing late in it is still found) and every partition of it is empty; never past {@code before}.
     */
    private Instant drainedUpTo(Instant from, Instant before, Instant now, int shards) {
        Instant hour = from;
        while (hour.plus(Duration.ofHours(1)).plus(GRACE).isBefore(now) && hour.isBefore(before.truncatedTo(ChronoUnit.HOURS))) {
            List<String> buckets = new ArrayList<>(List.of(Keys.legacyDueBucket(hour)));
            for (ActionClass actionClass : ActionClass.values()) {
                for (int shard = 0; shard < shards; shard++) {
                    buckets.add(Keys.dueBucket(actionClass, hour, shard));
                }
            }
            Instant upTo = now;
            if (parallel(buckets, bucket -> query(bucket, upTo, 1).items().iterator().hasNext()).contains(true)) {
                return hour;
            }
            hour = hour.plus(Duration.ofHours(1));
        }
        return hour;
    }

    /**
     * Entries in the hour's plain partition, moved to their class's shard (they are claimed from there): those written
     * before the index had classes and shards, and those an operator puts back by hand (README, Runbook), who cannot
     * be asked to compute a shard. One query per hour swept finds them.
     *
     * @return whether any was moved: the index shows them in their new partitions a moment later
     */
    private boolean moveLegacy(Instant hour, Instant now) {
        boolean moved = false;
        for (var entry : query(Keys.legacyDueBucket(hour), now, 1000).items()) {
            ActionRef ref = Keys.actionRef(entry.get(Keys.PK).s());
            var item = dynamo.getItem(b -> b.tableName(table).key(key(ref)).projectionExpression("#k").expressionAttributeNames(Map.of("#k", "kind"))).item();
            if (item == null || !item.containsKey("kind")) {
                continue;
            }
            // a kind this version does not know is moved as bulk: claimed, its worker ends it instead of it waiting here
            ActionClass actionClass = ActionCatalog.fromSlug(item.get("kind").s()).map(ActionKind::actionClass).orElse(ActionClass.BULK);
            Instant dueAt = Keys.dueTime(entry.get(Keys.DUE_SK).s());
            var update = new UpdateExpression(key(ref)).set(Keys.DUE_PK, s(Keys.dueBucket(ref.shop(), ref.actionId(), actionClass, dueAt, dueShards)));
            update.condition(update.name(Keys.DUE_PK) + " = " + update.value(s(Keys.legacyDueBucket(hour))));
            try {
                dynamo.updateItem(update.request(table));
                moved = true;
            } catch (ConditionalCheckFailedException claimedOrMoved) {
                // a sweep running at the same time moved or claimed it
            }
        }
        return moved;
    }

    private QueryIterable query(String bucket, Instant now, int pageSize) {
        return dynamo.queryPaginator(b -> b.tableName(table).indexName(Keys.INDEX_DUE)
                .keyConditionExpression("DUEPK = :bucket AND DUESK < :upTo")
                .expressionAttributeValues(Map.of(":bucket", s(bucket), ":upTo", s(Keys.upTo(now))))
                .limit(pageSize));
    }

    /** One sweep's reading of the index: for each class, every shard read hour after hour, page by page, in parallel. */
    private final class Scan implements DueActions {
        private final Map<ActionClass, List<ShardReader>> readers = new EnumMap<>(ActionClass.class);
        private final int shards;

        Scan(Instant from, Instant current, Instant now, int shards) {
            this.shards = shards;
            for (ActionClass actionClass : ActionClass.values()) {
                List<ShardReader> shardReaders = new ArrayList<>();
                for (int shard = 0; shard < shards; shard++) {
                    shardReaders.add(new ShardReader(actionClass, shard, from, current, now));
                }
                readers.put(actionClass, shardReaders);
            }
        }

        @Override
        public List<DueRef> next(ActionClass actionClass, int limit) {
            List<DueRef> page = new ArrayList<>();
            List<ShardReader> live = readers.get(actionClass).stream().filter(reader -> !reader.done).toList();
            while (page.size() < limit && !live.isEmpty()) {
                // an equal share of what is left from each shard still holding work; one short of its share is done
                int share = Math.ceilDiv(limit - page.size(), live.size());
                parallel(live, reader -> reader.take(share)).forEach(page::addAll);
                live = live.stream().filter(reader -> !reader.done).toList();
            }
            return page;
        }

        @Override
        public List<DueRef> urgentDueBy(Instant at, int limit) {
            Instant hour = at.truncatedTo(ChronoUnit.HOURS);
            int share = Math.ceilDiv(limit, shards);
            List<DueRef> due = new ArrayList<>();
            parallel(IntStream.range(0, shards).boxed().toList(), shard -> query(Keys.dueBucket(ActionClass.URGENT, hour, shard), at, share)
                    .items().stream().limit(share)
                    .map(entry -> new DueRef(Keys.actionRef(entry.get(Keys.PK).s()), Keys.dueTime(entry.get(Keys.DUE_SK).s()))).toList())
                    .forEach(due::addAll);
            return due;
        }
    }

    private final class ShardReader {
        private final ActionClass actionClass;
        private final int shard;
        private final Instant current;
        private final Instant now;
        private Instant hour;
        private Iterator<Map<String, AttributeValue>> entries;
        private boolean done;

        ShardReader(ActionClass actionClass, int shard, Instant from, Instant current, Instant now) {
            this.actionClass = actionClass;
            this.shard = shard;
            this.hour = from;
            this.current = current;
            this.now = now;
        }

        List<DueRef> take(int wanted) {
            List<DueRef> taken = new ArrayList<>();
            while (taken.size() < wanted && !done) {
                if (entries == null) {
                    if (hour.isAfter(current)) {
                        done = true;
                        break;
                    }
                    // pages the size of a share: what a page reads, the sweep claims
                    entries = query(Keys.dueBucket(actionClass, hour, shard), now, Math.clamp(wanted, MIN_PAGE, MAX_PAGE)).items().iterator();
                    hour = hour.plus(Duration.ofHours(1));
                }
                if (entries.hasNext()) {
                    var entry = entries.next();
                    taken.add(new DueRef(Keys.actionRef(entry.get(Keys.PK).s()), Keys.dueTime(entry.get(Keys.DUE_SK).s())));
                } else {
                    entries = null;
                }
            }
            return taken;
        }
    }

    /** The function on each input at once, results in the inputs' order. */
    private static <T, R> List<R> parallel(List<T> inputs, Function<T, R> function) {
        if (inputs.size() == 1) {
            return List.of(function.apply(inputs.get(0)));
        }
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<R>> results = inputs.stream().map(input -> threads.submit(() -> function.apply(input))).toList();
            List<R> out = new ArrayList<>();
            for (Future<R> result : results) {
                try {
                    out.add(result.get());
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while reading the due index", e);
                }
            }
            return out;
        }
    }

    private void rememberShards(int shards) {
        var update = new UpdateExpression(Keys.key(Keys.SWEEP, Keys.CURSOR)).set(SHARDS, Items.n(shards));
        String stored = update.name(SHARDS);
        update.condition("attribute_not_exists(" + stored + ") OR " + stored + " < " + update.value(Items.n(shards)));
        try {
            dynamo.updateItem(update.request(table));
        } catch (ConditionalCheckFailedException largerAlready) {
            // another sweep read with more
        }
    }

    private void moveCursor(Instant hour) {
        // Only forward: two sweeps moving it at once both write hours that were drained.
        var update = new UpdateExpression(Keys.key(Keys.SWEEP, Keys.CURSOR)).set("hour", time(hour));
        String stored = update.name("hour");
        update.condition("attribute_not_exists(" + stored + ") OR " + stored + " < " + update.value(time(hour)));
        try {
            dynamo.updateItem(update.request(table));
        } catch (ConditionalCheckFailedException aheadAlready) {
            // another sweep moved it further
        }
    }

    @Override
    public boolean schedule(ShopId shop, DueAction action, Instant now) {
        try {
            dynamo.putItem(b -> b.tableName(table).item(ActionItems.pending(shop, action, now, dueShards))
                    .conditionExpression("attribute_not_exists(" + Keys.PK + ")"));
            return true;
        } catch (ConditionalCheckFailedException written) {
            return false;
        }
    }

    @Override
    public Optional<ClaimedAction> claim(ActionRef ref, ActionClass actionClass, Instant now, Duration lease) {
        Instant leaseUntil = now.plus(lease);
        var update = new UpdateExpression(key(ref))
                .copy(CLAIMED_FROM, "status")
                .set("status", s(CLAIMED))
                .set("claimToken", s(UUID.randomUUID().toString()))
                .set("leaseUntil", time(leaseUntil))
                .increment("attempts")
                .increment(TRIES)
                .set(Keys.DUE_PK, s(Keys.dueBucket(ref.shop(), ref.actionId(), actionClass, leaseUntil, dueShards)))
                .set(Keys.DUE_SK, s(Keys.dueSort(leaseUntil, ref.shop(), ref.actionId())));
        String status = update.name("status");
        String nowValue = update.value(time(now));
        // A claim (or a send) abandoned past its lease may be taken over: the worker holding it died.
        update.condition("(" + status + " = " + update.value(s(PENDING)) + " AND " + update.name("dueAt") + " <= " + nowValue + ")"
                + " OR (" + status + " IN (" + update.value(s(CLAIMED)) + ", " + update.value(s(SENDING)) + ") AND "
                + update.name("leaseUntil") + " < " + nowValue + ")");
        try {
            return Optional.of(claimed(dynamo.updateItem(update.request(table)).attributes()));
        } catch (ConditionalCheckFailedException takenOrDone) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<ClaimedAction> held(ActionRef ref, String claimToken) {
        var item = dynamo.getItem(b -> b.tableName(table).key(key(ref)).consistentRead(true)).item();
        if (item == null || !CLAIMED.equals(Items.string(item, "status").orElse("")) || !claimToken.equals(Items.string(item, "claimToken").orElse(""))) {
            return Optional.empty();
        }
        return Optional.of(claimed(item));
    }

    @Override
    public boolean beginSending(ClaimedAction action, Instant now) {
        try {
            dynamo.updateItem(sendingMark(action, now).request(table));
            return true;
        } catch (ConditionalCheckFailedException sendingOrLost) {
            return false;
        }
    }

    /** Recipients' outcomes are kept as a string set of {@code key=outcome}: adding one is a single update, and adding it again changes nothing. */
    @Override
    public Optional<Map<String, String>> beginSendingToEach(ClaimedAction action, Instant now) {
        Map<String, AttributeValue> item;
        try {
            item = dynamo.updateItem(sendingMark(action, now).request(table)).attributes();
        } catch (ConditionalCheckFailedException sendingOrLost) {
            return Optional.empty();
        }
        Map<String, String> outcomes = new LinkedHashMap<>();
        if (item.containsKey(RECIPIENTS)) {
            item.get(RECIPIENTS).ss().forEach(entry -> {
                int split = entry.indexOf('=');
                outcomes.putIfAbsent(entry.substring(0, split), entry.substring(split + 1));
            });
        }
        return Optional.of(outcomes);
    }

    /**
     * The sending mark, the recipient's checks and the reply code in one transaction: the mark first, so a failure there
     * is a lost claim whatever the recipient's state; a refused check returns the item that refused it, for the policy to
     * say why.
     */
    @Override
    public Taken begin(ClaimedAction action, Instant now, EmailAddress recipient, RecipientGate gate, EmailThread thread) {
        String emailHash = recipient.hash();
        List<TransactWriteItem> items = new ArrayList<>(List.of(sendingMark(action, now).transactItem(table)));
        items.addAll(DynamoRecipientStore.gateChecks(table, action, emailHash, suppressionKey.get().of(recipient), gate, now));
        replyCode(thread).ifPresent(items::add);
        try {
            dynamo.transactWriteItems(b -> b.transactItems(items));
            return new SendingMark.Began();
        } catch (TransactionCanceledException e) {
            var reasons = e.cancellationReasons();
            if (CONDITION_FAILED.equals(reasons.get(0).code())) {
                return new SendingMark.Lost();
            }
            List<CancellationReason> refusals = reasons.subList(1, reasons.size()).stream()
                    .filter(reason -> CONDITION_FAILED.equals(reason.code())).toList();
            if (refusals.isEmpty()) {
                throw raced(e); // cancelled for another reason (a conflict with another write): nothing was marked
            }
            // the items that refused; read afresh if a store did not return them
            return new SendingMark.Refused(refusals.stream().allMatch(CancellationReason::hasItem)
                    ? DynamoRecipientStore.state(refusals.stream().map(CancellationReason::item).toList())
                    : new DynamoRecipientStore(dynamo, table).state(action.shop(), emailHash));
        }
    }

    @Override
    public boolean beginReply(ClaimedAction action, Instant now, EmailThread thread) {
        Optional<TransactWriteItem> code = replyCode(thread);
        if (code.isEmpty()) {
            return beginSending(action, now);
        }
        return writeWhileHeld(List.of(sendingMark(action, now).transactItem(table), code.get()), DynamoActionStore::raced);
    }

    /**
     * A mark's transaction cancelled by another write at once (another email of the subject keeping the same reply
     * code, another mark on the recipient's items): nothing was marked or sent, so the worker runs the action again at
     * once ({@link ChangedMeanwhile}); any other cancellation is a temporary failure, retried by the queue.
     */
    private static RuntimeException raced(TransactionCanceledException e) {
        return e.cancellationReasons().stream().anyMatch(reason -> TRANSACTION_CONFLICT.equals(reason.code()))
                ? new ChangedMeanwhile("the email's sending mark met another write at once") : e;
    }

    private Optional<TransactWriteItem> replyCode(EmailThread thread) {
        return thread.code().map(code -> ThreadItems.put(table, ThreadItems.code(thread.shop(), code, thread.subject())));
    }

    private static UpdateExpression sendingMark(ClaimedAction action, Instant now) {
        var update = new UpdateExpression(key(action.ref())).set("status", s(SENDING));
        update.condition(update.name("status") + " = " + update.value(s(CLAIMED)) + " AND "
                + update.name("claimToken") + " = " + update.value(s(action.claimToken())) + " AND "
                + update.name("leaseUntil") + " > " + update.value(time(now.plus(SENDING_MARGIN))));
        return update;
    }

    @Override
    public boolean complete(ClaimedAction action, ActionOutcome outcome, List<TimelineEntry> entries, Optional<EmailAddress> customer) {
        return writeWhileHeld(completion(action, outcome, entries, customer));
    }

    @Override
    public boolean sent(ClaimedAction action, String messageId, List<TimelineEntry> entries, EmailAddress recipient, EmailThread thread) {
        var items = completion(action, ActionOutcome.sent(messageId), entries, Optional.of(recipient));
        Optional<Map<String, AttributeValue>> kept = thread.keepsMessageId()
                ? Optional.of(ThreadItems.message(thread.shop(), messageId, thread.subject())) : Optional.empty();
        kept.ifPresent(item -> items.add(ThreadItems.put(table, item)));
        boolean recorded = writeWhileHeld(items);
        if (!recorded) {
            // SES took the email but the claim was taken over meanwhile: the record is the new holder's, the email's thread is kept here
            kept.ifPresent(item -> dynamo.putItem(b -> b.tableName(table).item(item)));
        }
        return recorded;
    }

    /** The action's update (first, see {@link #writeWhileHeld}) and its entries. */
    private List<TransactWriteItem> completion(ClaimedAction action, ActionOutcome outcome, List<TimelineEntry> entries, Optional<EmailAddress> customer) {
        var update = heldBy(action)
                .set("status", s(DONE))
                .set("result", s(outcome.result().name().toLowerCase(Locale.ROOT)))
                .set("completedAt", time(entries.isEmpty() ? action.leaseUntil() : entries.get(0).at()))
                .remove(Keys.DUE_PK).remove(Keys.DUE_SK).remove("leaseUntil").remove("claimToken");
        outcome.messageId().ifPresent(id -> update.set("messageId", s(id)));
        outcome.reason().ifPresent(reason -> update.set("reason", s(reason.code())));
        List<TransactWriteItem> items = new ArrayList<>(List.of(update.transactItem(table)));
        entries.forEach(entry -> items.add(TimelineItems.write(action.shop(), entry, customer.map(EmailAddress::hash), entry.at()).transactItem(table)));
        return items;
    }

    @Override
    public boolean reschedule(ClaimedAction action, Instant dueAt, List<TimelineEntry> entries, Optional<EmailAddress> customer) {
        var update = heldBy(action)
                .set("status", s(PENDING))
                .set("dueAt", time(dueAt))
                .set(Keys.DUE_PK, s(Keys.dueBucket(action.shop(), action.actionId(), action.kind().actionClass(), dueAt, dueShards)))
                .set(Keys.DUE_SK, s(Keys.dueSort(dueAt, action.shop(), action.actionId())))
                .remove("leaseUntil").remove("claimToken").remove(TRIES);
        List<TransactWriteItem> items = new ArrayList<>(List.of(update.transactItem(table)));
        entries.forEach(entry -> items.add(TimelineItems.write(action.shop(), entry, customer.map(EmailAddress::hash), entry.at()).transactItem(table)));
        return writeWhileHeld(items);
    }

    @Override
    public boolean recordRecipient(ClaimedAction action, String recipient, String outcome) {
        try {
            dynamo.updateItem(heldBy(action).addToSet(RECIPIENTS, AttributeValue.fromSs(List.of(recipient + "=" + outcome))).request(table));
            return true;
        } catch (ConditionalCheckFailedException lost) {
            return false;
        }
    }

    /** An update of the action that applies only while this claim holds it (claimed, or being sent by its holder). */
    private UpdateExpression heldBy(ClaimedAction action) {
        var update = new UpdateExpression(key(action.ref()));
        update.condition(update.name("status") + " IN (" + update.value(s(CLAIMED)) + ", " + update.value(s(SENDING)) + ") AND "
                + update.name("claimToken") + " = " + update.value(s(action.claimToken())));
        return update;
    }

    /** The action's update comes first: a failed condition there means the claim was lost, and nothing is written. */
    private boolean writeWhileHeld(List<TransactWriteItem> items) {
        return writeWhileHeld(items, cancelled -> cancelled);
    }

    /** @param otherwise what a cancellation for another reason than a lost claim is thrown as */
    private boolean writeWhileHeld(List<TransactWriteItem> items, Function<TransactionCanceledException, RuntimeException> otherwise) {
        try {
            dynamo.transactWriteItems(b -> b.transactItems(items));
            return true;
        } catch (TransactionCanceledException e) {
            if (CONDITION_FAILED.equals(e.cancellationReasons().get(0).code())) {
                return false;
            }
            throw otherwise.apply(e);
        }
    }

    private static Map<String, AttributeValue> key(ActionRef ref) {
        return Keys.actionItem(ref.shop(), ref.actionId());
    }

    private static ClaimedAction claimed(Map<String, AttributeValue> item) {
        ActionRef ref = Keys.actionRef(item.get(Keys.PK).s());
        return new ClaimedAction(ref.shop(), ref.actionId(), ActionItems.kind(item), ActionItems.subject(item), ActionItems.detail(item),
                Items.time(item, "dueAt").orElseThrow(),
                Items.requiredString(item, "claimToken"),
                Items.time(item, "leaseUntil").orElseThrow(),
                (int) Items.number(item, "attempts"),
                (int) Items.number(item, TRIES),
                SENDING.equals(Items.string(item, CLAIMED_FROM).orElse("")));
    }
}
