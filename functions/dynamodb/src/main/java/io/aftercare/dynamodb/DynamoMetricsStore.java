package io.aftercare.dynamodb;

import static io.aftercare.dynamodb.Items.n;
import static io.aftercare.dynamodb.Items.s;

import io.aftercare.domain.ShopId;
import io.aftercare.domain.order.OrderId;
import io.aftercare.domain.metrics.Contribution;
import io.aftercare.domain.metrics.CustomerHistory;
import io.aftercare.domain.metrics.DeliveryContact;
import io.aftercare.domain.metrics.Experience;
import io.aftercare.domain.metrics.MetricsFold;
import io.aftercare.domain.metrics.MetricsRange;
import io.aftercare.domain.metrics.Period;
import io.aftercare.domain.metrics.Tally;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * A shop's daily metrics, folded from the table's stream a batch at a time: a batch's changes are summed per day, month,
 * customer history and delivery contact, and each of those items is written once per chunk of the batch (at most
 * {@link #CHUNK_ITEMS} items), in one transaction with its shard's cursor, the last sequence number folded. The cursor
 * is conditioned on the value read before, so a chunk counts once however Lambda retries, bisects or replays the
 * shard: a record at or below the cursor is passed over. A customer's history and an order's delivery contact are
 * guarded by their versions besides, since their changes may be folded from two shards at once.
 */
public final class DynamoMetricsStore {

    /** Past the 24 hours a stream keeps its records, with days to spare for a shard whose records are retried until they expire. */
    static final Duration CURSOR_KEPT = Duration.ofDays(4);
    /** DynamoDB's limit of items in one transaction. */
    static final int CHUNK_ITEMS = 100;
    /** The most items one change can add to a chunk: its days and months (a customer's stamps date theirs), its states, a return's marker. */
    static final int CHANGE_ITEMS_AT_MOST = 40;
    private static final Set<String> NOT_COUNTERS = Set.of(Keys.PK, Keys.SK, Keys.TYPE);
    private static final String DAY_TYPE = "METRICS_DAY";
    private static final String MONTH_TYPE = "METRICS_MONTH";
    private static final Set<String> MOVED_MEANWHILE = Set.of("ConditionalCheckFailed", "TransactionConflict");

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public DynamoMetricsStore(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    /** A batch of one shard's changes, starting from where its cursor says the shard was folded to. */
    public Batch batch(String shardId) {
        var item = dynamo.getItem(b -> b.tableName(table).key(Keys.streamCursor(shardId)).consistentRead(true)).item();
        Optional<BigInteger> cursor = item == null || item.isEmpty() ? Optional.empty() : Items.string(item, "sequence").map(BigInteger::new);
        return new Batch(shardId, cursor);
    }

    /** Another fold wrote the cursor or a state this chunk read: nothing of the chunk was written; read again and fold it again. */
    public static final class ChangedMeanwhile extends RuntimeException {
        ChangedMeanwhile(Throwable cause) {
            super("the stream cursor or a metrics state changed meanwhile", cause);
        }
    }

    private record Day(ShopId shop, LocalDate day) {
    }

    /** A state kept beside the metrics, as read ({@code stored}: its version then, 0 for none) and as folded since. */
    private record Held<T>(long stored, T value, boolean dirty) {
    }

    /**
     * One shard's changes being folded: what they add per day, and the states they moved, until {@link #commit}. A change
     * is folded between {@link #begin} and {@link #done} (or {@link #undo}, when its fold failed half way).
     */
    public final class Batch {
        private final String shardId;
        private Optional<BigInteger> cursor;
        private Optional<BigInteger> folded = Optional.empty();
        private Map<Day, Tally> days = new LinkedHashMap<>();
        private Map<Map<String, AttributeValue>, Held<CustomerHistory>> customers = new HashMap<>();
        private Map<Map<String, AttributeValue>, Held<DeliveryContact>> deliveries = new HashMap<>();
        /** A return's opening, counted (true) or not yet, per marker key. */
        private Map<Map<String, AttributeValue>, Held<Boolean>> returns = new HashMap<>();
        private Batch saved;

        private Batch(String shardId, Optional<BigInteger> cursor) {
            this.shardId = shardId;
            this.cursor = cursor;
        }

        /** Whether the record was folded before (by an earlier chunk, invocation or replay of its shard). */
        public boolean folded(String sequence) {
            return cursor.filter(at -> new BigInteger(sequence).compareTo(at) <= 0).isPresent();
        }

        /** Whether the chunk is to be committed before another change is folded: that one might not fit beside it. */
        public boolean full() {
            return items() > CHUNK_ITEMS - CHANGE_ITEMS_AT_MOST;
        }

        /** Before a change is folded. */
        public void begin() {
            saved = copy();
        }

        /** The change at {@code sequence} was folded whole. */
        public void done(String sequence) {
            folded = Optional.of(new BigInteger(sequence));
            saved = null;
        }

        /** The change's fold failed: what it had added is taken back. */
        public void undo() {
            days = saved.days;
            customers = saved.customers;
            deliveries = saved.deliveries;
            returns = saved.returns;
            saved = null;
        }

        /** @param changedPk the partition key of the item whose change it is */
        public void add(ShopId shop, String changedPk, List<Contribution> contributions) {
            for (Contribution contribution : contributions) {
                if (contribution.once().equals(MetricsFold.RETURN_OPENED) && !firstOpening(Keys.counted(changedPk, contribution.once()))) {
                    continue;
                }
                days.merge(new Day(shop, contribution.day()), contribution.tally(), Tally::merge);
            }
        }

        /** Folds a change into its customer's history (as this batch left it) and adds what it adds. */
        public void addForCustomer(ShopId shop, String customerHash, Function<CustomerHistory, Optional<MetricsFold.CustomerFold>> fold) {
            var key = Keys.customerMetrics(shop, customerHash);
            var held = customers.computeIfAbsent(key, k -> read(k, stored -> stored.isEmpty() ? CustomerHistory.NONE : history(stored),
                    CustomerHistory::version));
            fold.apply(held.value()).filter(folded -> !folded.contributions().isEmpty()).ifPresent(folded -> {
                customers.put(key, new Held<>(held.stored(), folded.next(), true));
                folded.contributions().forEach(c -> days.merge(new Day(shop, c.day()), c.tally(), Tally::merge));
            });
        }

        /** Folds a change into an order's delivery contact (issue 15: did the shop speak first?), as {@link #addForCustomer} does a history. */
        public void addForDelivery(ShopId shop, OrderId order, Function<DeliveryContact, Optional<DeliveryContact.Fold>> fold) {
            var key = Keys.orderMetrics(shop, order);
            var held = deliveries.computeIfAbsent(key, k -> read(k, stored -> stored.isEmpty() ? DeliveryContact.NONE : deliveryContact(stored),
                    DeliveryContact::version));
            fold.apply(held.value()).ifPresent(folded -> {
                deliveries.put(key, new Held<>(held.stored(), folded.next(), true));
                folded.contributions().forEach(c -> days.merge(new Day(shop, c.day()), c.tally(), Tally::merge));
            });
        }

        private boolean firstOpening(Map<String, AttributeValue> marker) {
            var held = returns.computeIfAbsent(marker, k -> read(k, stored -> !stored.isEmpty(), counted -> counted ? 1L : 0L));
            if (held.value()) {
                return false;
            }
            returns.put(marker, new Held<>(0, true, true));
            return true;
        }

        private <T> Held<T> read(Map<String, AttributeValue> key, Function<Map<String, AttributeValue>, T> from, Function<T, Long> version) {
            var stored = dynamo.getItem(b -> b.tableName(table).key(key).consistentRead(true)).item();
            T value = from.apply(stored == null ? Map.of() : stored);
            return new Held<>(version.apply(value), value, false);
        }

        /**
         * Writes what the chunk folded, and the cursor, in one transaction; nothing when it folded nothing.
         *
         * @throws ChangedMeanwhile when the cursor or a state moved since it was read (nothing was written)
         */
        public void commit() {
            List<TransactWriteItem> writes = new ArrayList<>();
            days.forEach((day, tally) -> writes.add(dayUpdate(day.shop(), day.day(), tally).transactItem(table)));
            Map<Map.Entry<ShopId, YearMonth>, Tally> months = new LinkedHashMap<>();
            days.forEach((day, tally) -> months.merge(Map.entry(day.shop(), YearMonth.from(day.day())), tally, Tally::merge));
            months.forEach((month, tally) -> writes.add(monthUpdate(month.getKey(), month.getValue(), tally).transactItem(table)));
            customers.forEach((key, held) -> {
                if (held.dirty()) {
                    writes.add(customerWrite(key, held.stored(), held.value()));
                }
            });
            deliveries.forEach((key, held) -> {
                if (held.dirty()) {
                    writes.add(deliveryWrite(key, held.stored(), held.value()));
                }
            });
            returns.forEach((key, held) -> {
                if (held.dirty()) {
                    writes.add(returnCounted(key));
                }
            });
            if (!writes.isEmpty()) {
                writes.add(cursorWrite(shardId, cursor, folded.orElseThrow()));
                try {
                    dynamo.transactWriteItems(b -> b.transactItems(writes));
                } catch (TransactionCanceledException e) {
                    if (e.cancellationReasons().stream().anyMatch(reason -> MOVED_MEANWHILE.contains(reason.code()))) {
                        throw new ChangedMeanwhile(e);
                    }
                    throw e;
                }
                cursor = folded;
            }
            days.clear();
            customers.replaceAll((key, held) -> new Held<>(held.value().version(), held.value(), false));
            deliveries.replaceAll((key, held) -> new Held<>(held.value().version(), held.value(), false));
            returns.replaceAll((key, held) -> new Held<>(0, held.value(), false));
        }

        private int items() {
            long states = customers.values().stream().filter(Held::dirty).count() + deliveries.values().stream().filter(Held::dirty).count()
                    + returns.values().stream().filter(Held::dirty).count();
            long months = days.keySet().stream().map(day -> Map.entry(day.shop(), YearMonth.from(day.day()))).distinct().count();
            return (int) (days.size() + months + states + 1);
        }

        private Batch copy() {
            var copy = new Batch(shardId, cursor);
            copy.days = new LinkedHashMap<>(days);
            copy.customers = new HashMap<>(customers);
            copy.deliveries = new HashMap<>(deliveries);
            copy.returns = new HashMap<>(returns);
            return copy;
        }
    }

    /** The days of {@code from} to {@code to} (both included) that have anything, in one query. */
    public Map<LocalDate, Tally> days(ShopId shop, LocalDate from, LocalDate to) {
        Map<LocalDate, Tally> days = new TreeMap<>();
        query(shop, Keys.metricsDay(from), Keys.metricsDay(to)).forEach(item -> days.put(Keys.metricsDayOf(item), tally(item)));
        return days;
    }

    private Iterable<Map<String, AttributeValue>> query(ShopId shop, String fromSk, String toSk) {
        return dynamo.queryPaginator(b -> b.tableName(table).keyConditionExpression("PK = :pk AND SK BETWEEN :from AND :to")
                .expressionAttributeValues(Map.of(":pk", s(Keys.metrics(shop)), ":from", s(fromSk), ":to", s(toSk)))).items();
    }

    /**
     * What a report of {@code range} merges: its days, except that grouped by month each month wholly inside the range
     * is read as its rollup, keyed by its first day (which {@code MetricsReport} merges the same), so a year by month
     * reads 12 items, not 365. Months before the shop's rollups began ({@link #rollupsFrom}) are read as days.
     */
    public Map<LocalDate, Tally> forReport(ShopId shop, MetricsRange range) {
        YearMonth whole = YearMonth.from(range.from().minusDays(1)).plusMonths(1); // the first whose day 1 is in range
        YearMonth last = YearMonth.from(range.to().plusDays(1)).minusMonths(1); // the last whose last day is
        if (range.period() != Period.MONTH || whole.isAfter(last)) {
            return days(shop, range.from(), range.to());
        }
        YearMonth first = rollupsFrom(shop).filter(whole::isBefore).orElse(whole);
        if (first.isAfter(last)) {
            return days(shop, range.from(), range.to());
        }
        Map<LocalDate, Tally> read = new TreeMap<>();
        if (range.from().isBefore(first.atDay(1))) {
            read.putAll(days(shop, range.from(), first.atDay(1).minusDays(1)));
        }
        query(shop, Keys.metricsMonth(first), Keys.metricsMonth(last)).forEach(item -> read.put(Keys.metricsMonthOf(item).atDay(1), tally(item)));
        if (range.to().isAfter(last.atEndOfMonth())) {
            read.putAll(days(shop, last.plusMonths(1).atDay(1), range.to()));
        }
        return read;
    }

    /** The first month whose rollup holds all of its days; empty when every month's does (a shop that began with them). */
    public Optional<YearMonth> rollupsFrom(ShopId shop) {
        var item = dynamo.getItem(b -> b.tableName(table).key(Keys.metricsRollups(shop))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Items.string(item, "from").map(YearMonth::parse);
    }

    /**
     * The upgrade to month rollups, for one shop: one that already kept days reads every month that may hold a day
     * kept before the upgrade from its days (those of now's month in the zone furthest ahead, and earlier). Kept once:
     * a second run moves nothing.
     *
     * @return whether the shop kept days
     */
    public boolean markDaysBeforeRollups(ShopId shop) {
        boolean keptDays = !dynamo.query(b -> b.tableName(table).limit(1).keyConditionExpression("PK = :pk AND begins_with(SK, :day)")
                .expressionAttributeValues(Map.of(":pk", s(Keys.metrics(shop)), ":day", s(Keys.METRICS_DAY_PREFIX)))).items().isEmpty();
        if (keptDays) {
            markRollupsFrom(shop, YearMonth.from(clock.instant().plus(Duration.ofHours(14)).atZone(ZoneOffset.UTC)).plusMonths(1));
        }
        return keptDays;
    }

    private void markRollupsFrom(ShopId shop, YearMonth from) {
        var item = new HashMap<>(Keys.metricsRollups(shop));
        item.put(Keys.TYPE, s("METRICS_ROLLUPS"));
        item.put("from", s(from.toString()));
        try {
            dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(PK)"));
        } catch (ConditionalCheckFailedException markedBefore) {
            // the first mark stands
        }
    }

    private static UpdateExpression dayUpdate(ShopId shop, LocalDate day, Tally tally) {
        var update = new UpdateExpression(Keys.key(Keys.metrics(shop), Keys.metricsDay(day))).set(Keys.TYPE, s(DAY_TYPE));
        tally.values().forEach(update::addNumber);
        return update;
    }

    private static UpdateExpression monthUpdate(ShopId shop, YearMonth month, Tally tally) {
        var update = new UpdateExpression(Keys.key(Keys.metrics(shop), Keys.metricsMonth(month))).set(Keys.TYPE, s(MONTH_TYPE));
        tally.values().forEach(update::addNumber);
        return update;
    }

    private TransactWriteItem customerWrite(Map<String, AttributeValue> key, long stored, CustomerHistory next) {
        var item = new LinkedHashMap<>(key);
        item.put(Keys.TYPE, s("CUSTOMER_METRICS"));
        item.put("orders", n(next.orders()));
        next.firstOrderAt().ifPresent(at -> item.put("firstOrderAt", Items.time(at)));
        next.lastOrderAt().ifPresent(at -> item.put("lastOrderAt", Items.time(at)));
        item.put("repeated", AttributeValue.fromBool(next.repeated()));
        Map<String, AttributeValue> stamps = new TreeMap<>();
        next.stamps().forEach((experience, stamp) -> stamps.put(experience.name(), AttributeValue.fromM(Map.of(
                "at", Items.time(stamp.at()), "reordered", AttributeValue.fromBool(stamp.reordered()),
                "refunded", AttributeValue.fromBool(stamp.refunded())))));
        item.put("stamps", AttributeValue.fromM(stamps));
        item.put("version", n(next.version()));
        return versioned(item, stored);
    }

    private TransactWriteItem deliveryWrite(Map<String, AttributeValue> key, long stored, DeliveryContact next) {
        var item = new LinkedHashMap<>(key);
        item.put(Keys.TYPE, s("DELIVERY_METRICS"));
        next.problemAt().ifPresent(at -> item.put("problemAt", Items.time(at)));
        next.contactedAt().ifPresent(at -> item.put("contactedAt", Items.time(at)));
        next.customerWroteAt().ifPresent(at -> item.put("customerWroteAt", Items.time(at)));
        item.put("version", n(next.version()));
        return versioned(item, stored);
    }

    /** Put only if absent: a return's other steps, folded from elsewhere meanwhile, have not counted it. */
    private TransactWriteItem returnCounted(Map<String, AttributeValue> key) {
        var item = new HashMap<>(key);
        item.put(Keys.TYPE, s("COUNTED"));
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item).conditionExpression("attribute_not_exists(PK)").build()).build();
    }

    /** The shard's cursor moved to {@code to}, only from where this batch read it. */
    private TransactWriteItem cursorWrite(String shardId, Optional<BigInteger> read, BigInteger to) {
        var item = new HashMap<>(Keys.streamCursor(shardId));
        item.put(Keys.TYPE, s("STREAM_CURSOR"));
        item.put("sequence", s(to.toString()));
        item.put(Keys.EXPIRES_AT, n(clock.instant().plus(CURSOR_KEPT).getEpochSecond()));
        var put = Put.builder().tableName(table).item(item);
        if (read.isEmpty()) {
            put.conditionExpression("attribute_not_exists(PK)");
        } else {
            put.conditionExpression("#sequence = :read").expressionAttributeNames(Map.of("#sequence", "sequence"))
                    .expressionAttributeValues(Map.of(":read", s(read.get().toString())));
        }
        return TransactWriteItem.builder().put(put.build()).build();
    }

    /** A put of state read at version {@code seen} (0: none was stored), refused if another change wrote it meanwhile. */
    private TransactWriteItem versioned(Map<String, AttributeValue> item, long seen) {
        var put = Put.builder().tableName(table).item(item);
        if (seen == 0) {
            put.conditionExpression("attribute_not_exists(PK)");
        } else {
            put.conditionExpression("version = :seen").expressionAttributeValues(Map.of(":seen", n(seen)));
        }
        return TransactWriteItem.builder().put(put.build()).build();
    }

    private static DeliveryContact deliveryContact(Map<String, AttributeValue> item) {
        return new DeliveryContact(Items.time(item, "problemAt"), Items.time(item, "contactedAt"), Items.time(item, "customerWroteAt"),
                Items.number(item, "version"));
    }

    private static CustomerHistory history(Map<String, AttributeValue> item) {
        Map<Experience, CustomerHistory.Stamp> stamps = new EnumMap<>(Experience.class);
        Optional.ofNullable(item.get("stamps")).filter(AttributeValue::hasM).map(AttributeValue::m).orElse(Map.of()).forEach((name, value) -> {
            // an experience a newer version stamped is kept out of this one's sight
            if (java.util.Arrays.stream(Experience.values()).anyMatch(e -> e.name().equals(name))) {
                stamps.put(Experience.valueOf(name), new CustomerHistory.Stamp(Items.time(value.m(), "at").orElseThrow(),
                        value.m().get("reordered").bool(), value.m().get("refunded").bool()));
            }
        });
        return new CustomerHistory(Items.number(item, "orders"), Items.time(item, "firstOrderAt"), Items.time(item, "lastOrderAt"),
                Optional.ofNullable(item.get("repeated")).map(AttributeValue::bool).orElse(false), stamps, Items.number(item, "version"));
    }

    private static Tally tally(Map<String, AttributeValue> item) {
        Map<String, BigDecimal> values = new HashMap<>();
        item.forEach((name, value) -> {
            if (!NOT_COUNTERS.contains(name) && value.n() != null) {
                values.put(name, new BigDecimal(value.n()));
            }
        });
        return new Tally(values);
    }
}
