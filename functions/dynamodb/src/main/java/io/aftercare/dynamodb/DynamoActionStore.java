package io.aftercare.dynamodb;

import static io.aftercare.dynamodb.Items.s;
import static io.aftercare.dynamodb.Items.time;

import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.action.ActionOutcome;
import io.aftercare.domain.action.ActionRef;
import io.aftercare.domain.action.ActionStore;
import io.aftercare.domain.action.ClaimedAction;
import io.aftercare.domain.timeline.TimelineEntry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Due actions in the table. The sweep reads the sparse {@code Due} index hour by hour from a cursor (the oldest hour
 * that may still hold work) to now, so its cost follows the work due, not the table's size; a claim is a conditional
 * update that also moves the action's index entry to the end of its lease, where an abandoned claim comes due again.
 */
public final class DynamoActionStore implements ActionStore {

    /** Without a cursor (a new table), the sweep starts this far back. */
    static final Duration FIRST_LOOK_BACK = Duration.ofDays(1);
    /** An hour is left behind only this long after it ended, so a write landing late in it is still found. */
    static final Duration GRACE = Duration.ofMinutes(10);

    private static final String PENDING = RecordingItems.STATUS_PENDING;
    private static final String CLAIMED = "CLAIMED";
    private static final String SENDING = "SENDING";
    /** The status the latest claim took it over from: SENDING means the claim before it may have sent its email. */
    private static final String CLAIMED_FROM = "claimedFrom";
    private static final String DONE = "DONE";
    /** Claims since the action was scheduled or last postponed; {@code attempts} counts them all. */
    private static final String TRIES = "tries";
    private static final String RECIPIENTS = "recipients";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoActionStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public List<ActionRef> due(Instant now, int limit) {
        Instant cursor = cursor().orElse(now.minus(FIRST_LOOK_BACK)).truncatedTo(ChronoUnit.HOURS);
        Instant current = now.truncatedTo(ChronoUnit.HOURS);
        Instant drainedUpTo = cursor;
        boolean contiguous = true;
        List<ActionRef> due = new ArrayList<>();
        for (Instant hour = cursor; !hour.isAfter(current) && due.size() < limit; hour = hour.plus(Duration.ofHours(1))) {
            int before = due.size();
            readBucket(hour, now, limit - due.size(), due);
            boolean empty = due.size() == before;
            if (contiguous && empty && hour.plus(Duration.ofHours(1)).plus(GRACE).isBefore(now)) {
                drainedUpTo = hour.plus(Duration.ofHours(1));
            } else {
                contiguous = false;
            }
        }
        if (drainedUpTo.isAfter(cursor)) {
            moveCursor(drainedUpTo);
        }
        return due;
    }

    private void readBucket(Instant hour, Instant now, int limit, List<ActionRef> into) {
        var pages = dynamo.queryPaginator(b -> b.tableName(table).indexName(Keys.INDEX_DUE)
                .keyConditionExpression("DUEPK = :bucket AND DUESK < :upTo")
                .expressionAttributeValues(Map.of(":bucket", s(Keys.dueBucket(hour)), ":upTo", s(Keys.dueUpTo(now))))
                .limit(Math.min(limit, 1000)));
        for (var item : pages.items()) {
            if (into.size() >= limit) {
                return;
            }
            into.add(Keys.actionRef(item.get(Keys.PK).s()));
        }
    }

    private Optional<Instant> cursor() {
        var item = dynamo.getItem(b -> b.tableName(table).key(Keys.key(Keys.SWEEP, Keys.CURSOR)).consistentRead(true)).item();
        return Items.time(item == null ? Map.of() : item, "hour");
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
    public Optional<ClaimedAction> claim(ActionRef ref, Instant now, Duration lease) {
        Instant leaseUntil = now.plus(lease);
        var update = new UpdateExpression(key(ref))
                .copy(CLAIMED_FROM, "status")
                .set("status", s(CLAIMED))
                .set("claimToken", s(UUID.randomUUID().toString()))
                .set("leaseUntil", time(leaseUntil))
                .increment("attempts")
                .increment(TRIES)
                .set(Keys.DUE_PK, s(Keys.dueBucket(leaseUntil)))
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
    public boolean beginSending(ClaimedAction action) {
        var update = new UpdateExpression(key(action.ref())).set("status", s(SENDING));
        update.condition(update.name("status") + " = " + update.value(s(CLAIMED)) + " AND "
                + update.name("claimToken") + " = " + update.value(s(action.claimToken())));
        try {
            dynamo.updateItem(update.request(table));
            return true;
        } catch (ConditionalCheckFailedException sendingOrLost) {
            return false;
        }
    }

    @Override
    public boolean complete(ClaimedAction action, ActionOutcome outcome, List<TimelineEntry> entries, Optional<EmailAddress> customer,
                            Optional<Instant> followUpSentAt) {
        var update = heldBy(action)
                .set("status", s(DONE))
                .set("result", s(outcome.result().name().toLowerCase(Locale.ROOT)))
                .set("completedAt", time(entries.isEmpty() ? action.leaseUntil() : entries.get(0).at()))
                .remove(Keys.DUE_PK).remove(Keys.DUE_SK).remove("leaseUntil").remove("claimToken");
        outcome.messageId().ifPresent(id -> update.set("messageId", s(id)));
        outcome.reason().ifPresent(reason -> update.set("reason", s(reason.code())));
        List<TransactWriteItem> items = new ArrayList<>(List.of(update.transactItem(table)));
        entries.forEach(entry -> items.add(TimelineItems.write(action.shop(), entry, customer.map(EmailAddress::hash), entry.at()).transactItem(table)));
        followUpSentAt.ifPresent(at -> customer.ifPresent(c -> items.add(new UpdateExpression(Keys.key(Keys.customer(action.shop(), c), Keys.PROFILE))
                .set(DynamoRecipientStore.LAST_FOLLOW_UP, time(at)).transactItem(table))));
        return writeWhileHeld(items);
    }

    @Override
    public boolean reschedule(ClaimedAction action, Instant dueAt, TimelineEntry entry, Optional<EmailAddress> customer) {
        var update = heldBy(action)
                .set("status", s(PENDING))
                .set("dueAt", time(dueAt))
                .set(Keys.DUE_PK, s(Keys.dueBucket(dueAt)))
                .set(Keys.DUE_SK, s(Keys.dueSort(dueAt, action.shop(), action.actionId())))
                .remove("leaseUntil").remove("claimToken").remove(TRIES);
        return writeWhileHeld(List.of(update.transactItem(table), TimelineItems.write(action.shop(), entry, customer.map(EmailAddress::hash), entry.at()).transactItem(table)));
    }

    /** Kept as a string set of {@code key=outcome}: adding one is a single update, and adding it again changes nothing. */
    @Override
    public Map<String, String> recipientOutcomes(ActionRef ref) {
        var item = dynamo.getItem(b -> b.tableName(table).key(key(ref)).consistentRead(true)
                .projectionExpression("#r").expressionAttributeNames(Map.of("#r", RECIPIENTS))).item();
        Map<String, String> outcomes = new LinkedHashMap<>();
        if (item != null && item.containsKey(RECIPIENTS)) {
            item.get(RECIPIENTS).ss().forEach(entry -> {
                int split = entry.indexOf('=');
                outcomes.putIfAbsent(entry.substring(0, split), entry.substring(split + 1));
            });
        }
        return outcomes;
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
        try {
            dynamo.transactWriteItems(b -> b.transactItems(items));
            return true;
        } catch (TransactionCanceledException e) {
            if ("ConditionalCheckFailed".equals(e.cancellationReasons().get(0).code())) {
                return false;
            }
            throw e;
        }
    }

    private static Map<String, AttributeValue> key(ActionRef ref) {
        return Keys.key(Keys.action(ref.shop(), ref.actionId()), Keys.ACTION);
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
