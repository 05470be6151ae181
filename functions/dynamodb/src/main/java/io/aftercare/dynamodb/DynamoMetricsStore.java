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
 * A shop's daily metrics. Each change is folded in one transaction: a marker beside the changed item saying it was
 * counted (put only if absent) and the {@code ADD}s to its days; a replayed stream record finds the marker and adds
 * nothing. A customer's history, and an order's delivery contact, are guarded by their versions, since their changes may
 * be folded from two shards at once.
 */
public final class DynamoMetricsStore {

    /** Longer than a stream keeps its records (24 hours), so a marker outlives every replay of its record. */
    static final Duration COUNTED_FOR = Duration.ofDays(7);
    private static final int CUSTOMER_ATTEMPTS = 8;
    private static final Set<String> NOT_COUNTERS = Set.of(Keys.PK, Keys.SK, Keys.TYPE);
    private static final String DAY_TYPE = "METRICS_DAY";
    private static final String MONTH_TYPE = "METRICS_MONTH";
    private static final String CONDITION_FAILED = "ConditionalCheckFailed";

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public DynamoMetricsStore(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    /**
     * Adds each contribution once, whatever replays its record.
     *
     * @param changedPk the partition key of the item whose change it is
     */
    public void add(ShopId shop, String changedPk, List<Contribution> contributions) {
        byOnce(contributions).forEach((once, parts) -> transact(shop, changedPk, once, parts, Optional.empty()));
    }

    /**
     * Folds a change into its customer's history and the metrics that depend on it, once: the history is read, the fold
     * decided, and both written in one transaction conditioned on the history's version (read again if it moved).
     */
    public void addForCustomer(ShopId shop, String changedPk, String customerHash,
                               Function<CustomerHistory, Optional<MetricsFold.CustomerFold>> fold) {
        guarded(shop, changedPk, Keys.customerMetrics(shop, customerHash), "customer metrics", stored -> {
            CustomerHistory history = stored.isEmpty() ? CustomerHistory.NONE : history(stored);
            return fold.apply(history).filter(folded -> !folded.contributions().isEmpty())
                    .map(folded -> new Guarded(folded.contributions().get(0).once(), folded.contributions(),
                            customerWrite(shop, customerHash, history, folded.next())));
        });
    }

    /**
     * Folds a change into an order's delivery contact (issue 15: did the shop speak first?) and the metrics that depend
     * on it, once, as {@link #addForCustomer} does a customer's history.
     */
    public void addForDelivery(ShopId shop, String changedPk, OrderId order, Function<DeliveryContact, Optional<DeliveryContact.Fold>> fold) {
        guarded(shop, changedPk, Keys.orderMetrics(shop, order), "delivery metrics", stored -> {
            DeliveryContact contact = stored.isEmpty() ? DeliveryContact.NONE : deliveryContact(stored);
            return fold.apply(contact).map(folded -> new Guarded(folded.once(), folded.contributions(),
                    deliveryWrite(shop, order, contact, folded.next())));
        });
    }

    /** A fold of a change into state kept beside the metrics: what it adds, once, and the state's version-guarded write. */
    private record Guarded(String once, List<Contribution> contributions, TransactWriteItem state) {
    }

    /** The state is read, the fold decided, and both written in one transaction conditioned on its version (read again if it moved). */
    private void guarded(ShopId shop, String changedPk, Map<String, AttributeValue> stateKey, String what,
                         Function<Map<String, AttributeValue>, Optional<Guarded>> fold) {
        for (int attempt = 1; ; attempt++) {
            var stored = dynamo.getItem(b -> b.tableName(table).key(stateKey).consistentRead(true)).item();
            Optional<Guarded> folded = fold.apply(stored == null ? Map.of() : stored);
            if (folded.isEmpty()) {
                return;
            }
            var outcome = transact(shop, changedPk, folded.get().once(), folded.get().contributions(), Optional.of(folded.get().state()));
            if (outcome != Outcome.CHANGED_MEANWHILE) {
                return;
            }
            if (attempt == CUSTOMER_ATTEMPTS) {
                throw new IllegalStateException(what + " kept changing meanwhile");
            }
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

    private enum Outcome { ADDED, ALREADY_COUNTED, CHANGED_MEANWHILE }

    private Outcome transact(ShopId shop, String changedPk, String once, List<Contribution> parts, Optional<TransactWriteItem> customer) {
        List<TransactWriteItem> writes = new ArrayList<>();
        var marker = new HashMap<>(Keys.counted(changedPk, once));
        marker.put(Keys.TYPE, s("COUNTED"));
        marker.put(Keys.EXPIRES_AT, n(clock.instant().plus(COUNTED_FOR).getEpochSecond()));
        writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(marker)
                .conditionExpression("attribute_not_exists(PK)").build()).build());
        Map<LocalDate, Tally> byDay = new TreeMap<>();
        parts.forEach(part -> byDay.merge(part.day(), part.tally(), Tally::merge));
        byDay.forEach((day, tally) -> writes.add(dayUpdate(shop, day, tally).transactItem(table)));
        monthsOf(byDay).forEach((month, tally) -> writes.add(monthUpdate(shop, month, tally).transactItem(table)));
        customer.ifPresent(writes::add);
        try {
            dynamo.transactWriteItems(b -> b.transactItems(writes));
            return Outcome.ADDED;
        } catch (TransactionCanceledException e) {
            var reasons = e.cancellationReasons();
            if (CONDITION_FAILED.equals(reasons.get(0).code())) {
                return Outcome.ALREADY_COUNTED;
            }
            if (customer.isPresent() && CONDITION_FAILED.equals(reasons.get(reasons.size() - 1).code())) {
                return Outcome.CHANGED_MEANWHILE;
            }
            throw e;
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

    private static Map<YearMonth, Tally> monthsOf(Map<LocalDate, Tally> days) {
        Map<YearMonth, Tally> months = new TreeMap<>();
        days.forEach((day, tally) -> months.merge(YearMonth.from(day), tally, Tally::merge));
        return months;
    }

    private TransactWriteItem customerWrite(ShopId shop, String customerHash, CustomerHistory before, CustomerHistory next) {
        var item = new LinkedHashMap<>(Keys.customerMetrics(shop, customerHash));
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
        return versioned(item, before.version());
    }

    private TransactWriteItem deliveryWrite(ShopId shop, OrderId order, DeliveryContact before, DeliveryContact next) {
        var item = new LinkedHashMap<>(Keys.orderMetrics(shop, order));
        item.put(Keys.TYPE, s("DELIVERY_METRICS"));
        next.problemAt().ifPresent(at -> item.put("problemAt", Items.time(at)));
        next.contactedAt().ifPresent(at -> item.put("contactedAt", Items.time(at)));
        next.customerWroteAt().ifPresent(at -> item.put("customerWroteAt", Items.time(at)));
        item.put("version", n(next.version()));
        return versioned(item, before.version());
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

    private static Map<String, List<Contribution>> byOnce(List<Contribution> contributions) {
        Map<String, List<Contribution>> byOnce = new LinkedHashMap<>();
        contributions.forEach(c -> byOnce.computeIfAbsent(c.once(), k -> new ArrayList<>()).add(c));
        return byOnce;
    }
}
