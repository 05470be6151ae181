package io.aftercare.bench;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbTimeWindowEvent;
import com.amazonaws.services.lambda.runtime.events.TimeWindowEventResponse;
import io.aftercare.devkit.AdjustableClock;
import io.aftercare.devkit.StreamWorker;
import io.aftercare.devkit.TemplateTable;
import io.aftercare.domain.ShopId;
import io.aftercare.dynamodb.MetricsAggregator;
import io.aftercare.lambda.Aftercare;
import io.aftercare.lambda.AggregatorHandler;
import io.aftercare.local.LocalAftercare;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What the metrics aggregator costs when its batches are fuller than a run's: every change the run's stream handed it,
 * read again from the stream's start (per shard, in order, through the same filter), folded again through the same
 * handler into a scratch table in batches of another size, each refold's write units priced item by item as the
 * run's ({@link Capacity#billing}). The scratch table holds what the run's table holds but the aggregator's own items
 * (the shop and the tickets it reads are there, its metrics start empty), so a refold's metrics must equal the run's.
 * Each window comes a window's length after the one before, as on AWS: the handler's caches (the shop's, a minute)
 * are as cold as there.
 */
final class AggregatorRefold {

    /** The function the refolds' requests are billed to. */
    static final String FUNCTION = "AggregatorFunction";

    /**
     * One refold.
     *
     * @param changesPerWindow the mean changes a window held (a window's changes go in batches of at most {@link StreamWorker#BATCH})
     * @param windows          the tumbling windows, each invoking the handler once more to close it
     * @param seconds          the handler's time, less the pricing's reads
     * @param sameMetrics      whether the shop's days came out as the run's (and the run had some)
     */
    record Refold(double changesPerWindow, long changes, long windows, long batches, double readUnits, double writeUnits, double seconds,
                  boolean sameMetrics) {

        /** Each batch, and each window's closing call. */
        long invocations() {
            return batches + windows;
        }

        double writeUnitsPerChange() {
            return writeUnits / changes;
        }
    }

    private final LocalAftercare local;
    private final ShopId shop;
    private final Clock clock;
    /** How long a window lasts: the refold's clock moves on by it from one window to the next. */
    private final Duration window;
    /** The run's aggregator's items, left out of the scratch tables. */
    private final Set<String> aggregatorKinds;
    private final String streamArn;
    /** Per shard, in order, the changes the run's aggregator was given. */
    private final Map<String, List<DynamodbEvent.DynamodbStreamRecord>> shards = new LinkedHashMap<>();
    private int refolds;

    /**
     * Reads the run's stream from its start.
     *
     * @param clock           the run's: each refold starts at its time now
     * @param aggregatorKinds the kinds of item the run's aggregator wrote ({@link Capacity#kindsWritten})
     */
    AggregatorRefold(LocalAftercare local, ShopId shop, Clock clock, Duration window, Set<String> aggregatorKinds) {
        this.local = local;
        this.shop = shop;
        this.clock = clock;
        this.window = window;
        this.aggregatorKinds = aggregatorKinds;
        this.streamArn = StreamWorker.streamOf(local.dynamoDb().client(), LocalAftercare.TABLE);
        new StreamWorker(local.dynamoDb().streamsClient(), streamArn, MetricsAggregator.FOLDED_TYPES, event -> {
            shards.computeIfAbsent(event.getShardId(), s -> new ArrayList<>()).addAll(event.getRecords());
            return new TimeWindowEventResponse(Map.of(), List.of());
        }).drain();
    }

    long changes() {
        return shards.values().stream().mapToLong(List::size).sum();
    }

    /** The stream's shards here (DynamoDB Local's, not a deployment's). */
    int shards() {
        return shards.size();
    }

    /** The run's own batches again, each its own window: what it costs must be what the run's aggregator cost. */
    Refold replay(List<Integer> batches) {
        if (shards.size() != 1) {
            throw new IllegalStateException("the run's batches are not kept per shard, and the stream had " + shards.size());
        }
        if (batches.stream().mapToLong(Integer::longValue).sum() != changes()) {
            throw new IllegalStateException("the run's batches hold " + batches + " changes, its stream " + changes());
        }
        return refold(records -> {
            List<List<List<DynamodbEvent.DynamodbStreamRecord>>> windows = new ArrayList<>();
            int from = 0;
            for (int size : batches) {
                windows.add(List.of(records.subList(from, from + size)));
                from += size;
            }
            return windows;
        }, changes() / (double) batches.size());
    }

    /**
     * Windows of {@code changesPerWindow} changes on average (their ends at whole changes nearest to multiples of it),
     * each handed over in batches of at most the mapping's batch size.
     */
    Refold windowsOf(double changesPerWindow) {
        if (changesPerWindow < 1) {
            throw new IllegalArgumentException("a window holds at least one change, not " + changesPerWindow);
        }
        return refold(records -> {
            List<List<List<DynamodbEvent.DynamodbStreamRecord>>> windows = new ArrayList<>();
            int from = 0;
            for (int window = 1; from < records.size(); window++) {
                int to = (int) Math.min(records.size(), Math.round(window * changesPerWindow));
                List<List<DynamodbEvent.DynamodbStreamRecord>> batches = new ArrayList<>();
                for (int at = from; at < to; at += StreamWorker.BATCH) {
                    batches.add(records.subList(at, Math.min(to, at + StreamWorker.BATCH)));
                }
                windows.add(batches);
                from = to;
            }
            return windows;
        }, changesPerWindow);
    }

    private Refold refold(Function<List<DynamodbEvent.DynamodbStreamRecord>, List<List<List<DynamodbEvent.DynamodbStreamRecord>>>> windowsOf,
                          double changesPerWindow) {
        DynamoDbClient plain = local.dynamoDb().client();
        String table = LocalAftercare.TABLE + "-refold-" + ++refolds;
        TemplateTable.fromRepository().createIfAbsent(plain, table, false);
        try {
            BatchWrites.put(plain, table, plain.scanPaginator(b -> b.tableName(LocalAftercare.TABLE)).items().stream()
                    .filter(item -> !aggregatorKinds.contains(Capacity.kind(item, item))).iterator());
            var capacity = new Capacity();
            capacity.billing(plain, table, WriteUnits.ofTemplate());
            capacity.function = FUNCTION;
            var windowClock = new AdjustableClock(clock.instant());
            var app = Aftercare.builder().dynamo(local.dynamoDb().client(capacity), table).clock(windowClock).build();
            var handler = new AggregatorHandler(app);
            long windows = 0;
            long handed = 0;
            long nanos = 0;
            for (var shard : shards.entrySet()) {
                for (var batches : windowsOf.apply(shard.getValue())) {
                    windows++;
                    windowClock.advance(window);
                    for (var batch : batches) {
                        handed++;
                        long start = System.nanoTime() - capacity.billingNanos.get();
                        var response = handler.handleRequest(
                                new DynamodbTimeWindowEvent(batch, null, Map.of(), shard.getKey(), streamArn, false, false), null);
                        nanos += System.nanoTime() - capacity.billingNanos.get() - start;
                        if (!response.getBatchItemFailures().isEmpty()) {
                            throw new IllegalStateException("the refold failed at " + response.getBatchItemFailures().get(0).getItemIdentifier());
                        }
                    }
                }
            }
            LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
            var runDays = local.app().metrics().days(shop, today.minusDays(60), today.plusDays(2));
            boolean same = !runDays.isEmpty() && runDays.equals(app.metrics().days(shop, today.minusDays(60), today.plusDays(2)));
            return new Refold(changesPerWindow, changes(), windows, handed, capacity.reads.sum(), capacity.billedWrites(), nanos / 1e9, same);
        } finally {
            plain.deleteTable(b -> b.tableName(table));
        }
    }
}
