package io.aftercare.bench;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.aftercare.devkit.AdjustableClock;
import io.aftercare.devkit.QueueWorker;
import io.aftercare.devkit.RepositoryRoot;
import io.aftercare.devkit.WebhookSigner;
import io.aftercare.domain.ShopId;
import io.aftercare.lambda.ActionHandler;
import io.aftercare.lambda.SesEventHandler;
import io.aftercare.lambda.SweepHandler;
import io.aftercare.local.LocalAftercare;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * What a thousand orders cost in AWS, from what a run measured. A Shopify shop's orders go through the local runner
 * (its HTTP API, DynamoDB Local, ElasticMQ, the SES emulator) minute by simulated minute: each order's usual webhooks
 * (orders/create, orders/paid, fulfillments/create, a fulfillment event in transit and one delivered), its three
 * emails (thank-you, check-in, survey), tickets for one order in twenty (opened through the agent API, acknowledged,
 * noticed to staff, answered by an agent, resolved the next day), and the sweep every simulated minute with the
 * queue's messages handed to the action handler as the event source mapping would. Every email sent is followed by
 * SES's delivery event through the SES event handler, as the configuration set publishes it; the table's stream goes
 * to the metrics aggregator as its event source mapping would hand it over: a batching window (template.yaml's
 * {@code MaximumBatchingWindowInSeconds}) after the first change it has not handed over, in batches of up to 100.
 *
 * <p>Measured: DynamoDB write units as DynamoDB bills each item a request touches ({@link Capacity#billing}, split by
 * function, item kind, index and request) and read units as DynamoDB Local answers them, SQS requests (counted at the
 * SDK), each function's invocations and the time each handler call took (billed at the memory template.yaml gives
 * it), API Gateway requests, SES emails, SNS publishes and EventBridge invocations (one per sweep), and the event
 * source mappings' polling of idle queues. Priced from {@code aws-prices-us-east-1.json}. The sweep runs every
 * minute whatever the volume, so its share per thousand orders is a month of sweeps over a month's orders: shown at
 * three monthly volumes. The aggregator's batches fill with volume, so after the run its changes are folded again in
 * the windows each volume fills ({@link AggregatorRefold}), and each volume's aggregator is priced from that. The
 * checkInDays and surveyDelayDays are shortened (3 and 2) so the run covers every email in a week of simulated time;
 * no cost depends on the delays but the sweeps', which are counted by month.
 */
final class CostBenchmark {

    static final String SHOP = "cost-shop";
    private static final String TOKEN = "cost-admin-token-0123456789abcdef";
    private static final String SECRET = "cost-webhook-secret-0123456789";
    private static final Instant START = Instant.parse("2026-11-23T00:00:00Z"); // a Monday
    static final long SWEEPS_PER_MONTH = 30L * 24 * 60;
    /** The monthly volumes the table shows: a small shop, a busy one, a large one. */
    static final long[] MONTHLY_ORDERS = {1_000, 10_000, 100_000};
    /**
     * The shards of the table's stream a deployment's aggregator reads at once: a stream has a shard per partition of
     * the table, and a new on-demand table takes 4,000 write units a second at once, at most 1,000 a partition, so it
     * has at least 4 (DynamoDB developer guide, "Initial throughput for on-demand capacity mode"; AWS knowledge
     * center, "on-demand table throttling"). An assumption: a table that grew has more, and its windows hold fewer
     * changes each.
     */
    static final int STREAM_SHARDS = 4;
    /** The run sweeps this often (the deployment every minute): a week of sweeps each minute takes too long on a shared machine. */
    static final int SWEEP_EVERY_MINUTES = 10;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** One function's invocations and the seconds they took in all. */
    record Invocations(long count, double seconds, int memoryMb) {

        double gbSeconds() {
            return seconds * memoryMb / 1024.0;
        }
    }

    /**
     * What the run measured. The orders' own figures exclude what the idle sweeps cost; those are kept per sweep, since
     * a month has {@link #SWEEPS_PER_MONTH} of them whatever the volume.
     *
     * @param functions each function's invocations and time, the sweep's being only what busy sweeps took beyond an idle one's
     * @param idleSweep what one sweep that found nothing due cost: its handler's time, read and write units, its own SQS
     *                  requests (the mapping's polling of the queues is priced apart, {@link #IDLE_RECEIVES_PER_QUEUE_MONTH})
     * @param polledQueues the queues an SQS event source mapping polls (template.yaml's)
     * @param aggregation the aggregator's refolds: the priced run makes them, the timed run has none (null)
     * @param sqsByOperation the orders' SQS requests by operation (the idle sweeps' left out, as in {@code sqsRequests})
     */
    record Usage(int orders, int tickets, Map<String, Invocations> functions, double readUnits, double writeUnits, double localWriteUnits,
                 Map<Capacity.Line, Capacity.Billed> billed, long dynamoRequests,
                 long sqsRequests, long apiRequests, long emails, long sweeps, long idleSweeps, IdleSweep idleSweep, int sweepMemoryMb,
                 int polledQueues, BusySweeps busySweeps, List<Integer> aggregatorBatches, Aggregation aggregation,
                 Map<String, SqsRequests.Operation> sqsByOperation) {
    }

    /**
     * The aggregator's changes folded again in fuller batches ({@link AggregatorRefold}), measured in the priced run.
     *
     * @param windowSeconds what one batch of the mapping may gather for ({@link #streamWindowSeconds})
     * @param runReadUnits  the run's aggregator's read units
     * @param runWriteUnits the run's aggregator's write units (its billed lines)
     * @param replay        the run's own batches refolded: their write units must be the run's aggregator's
     * @param single        each change a batch of its own: what a shop too small to fill any window pays at most
     * @param byVolume      the monthly volumes whose windows hold more than one change per shard, each refolded in such windows
     */
    record Aggregation(long changes, int localShards, long windowSeconds, double runReadUnits, double runWriteUnits, AggregatorRefold.Refold replay,
                       AggregatorRefold.Refold single, Map<Long, AggregatorRefold.Refold> byVolume) {

        /**
         * What the aggregator costs at a monthly volume: its refold in that volume's windows, else the run's batches
         * refolded (the same writes as the run's; the handler's time without the local stream's reading, which on AWS
         * is the mapping's, and its reads with the shop's cache as cold as a window apart makes it).
         */
        AggregatorRefold.Refold at(long ordersPerMonth) {
            return byVolume.getOrDefault(ordersPerMonth, replay);
        }
    }

    /**
     * @param seconds    the handler's time here, on a whole core
     * @param cpuSeconds the CPU time of that (DynamoDB Local's work in the same thread included: an upper bound)
     */
    /** The sweeps that found work: their handler's time and CPU time in all. */
    record BusySweeps(long count, double seconds, double cpuSeconds) {
    }

    record IdleSweep(double seconds, double cpuSeconds, double readUnits, double writeUnits, double sqsRequests) {

        /** Lambda gives a function CPU in proportion to its memory, a whole vCPU at 1,769 MB: the CPU part stretches below that. */
        double secondsAt(int memoryMb) {
            return seconds - cpuSeconds + cpuSeconds * Math.max(1.0, FULL_VCPU_MB / (double) memoryMb);
        }
    }

    /** Lambda's memory at which a function has one full vCPU (Lambda developer guide, "Configure Lambda function memory"). */
    static final int FULL_VCPU_MB = 1769;
    /**
     * What an SQS event source mapping asks of an idle queue in a month: AWS scales an idle mapping down to as few as
     * two pollers ("Configuring scaling behavior for SQS event source mappings"), each a 20-second long poll, so at
     * least 2 x 3 a minute. A lower bound: five pollers would be 2.5 times that.
     */
    static final long IDLE_RECEIVES_PER_QUEUE_MONTH = 2L * 3 * SWEEPS_PER_MONTH;

    /** The prices file, read as it is. */
    record Prices(String read, double readUnit, double writeUnit, double gbSecond, double lambdaRequest, double sqsRequest, double email,
                  double snsPublish, double eventBridgeInvocation, double apiRequest, Map<String, String> sources) {

        static Prices load() {
            try (InputStream in = CostBenchmark.class.getResourceAsStream("/aws-prices-us-east-1.json")) {
                JsonNode file = JSON.readTree(in);
                JsonNode p = file.path("prices");
                Map<String, String> sources = new LinkedHashMap<>();
                p.properties().forEach(e -> sources.put(e.getKey(), e.getValue().path("source").asText()));
                return new Prices(file.path("read").asText(),
                        usd(p, "dynamodbPerMillionReadRequestUnits") / 1e6, usd(p, "dynamodbPerMillionWriteRequestUnits") / 1e6,
                        usd(p, "lambdaPerGbSecondArm64"), usd(p, "lambdaPerMillionRequests") / 1e6, usd(p, "sqsPerMillionRequests") / 1e6,
                        usd(p, "sesPerThousandEmails") / 1e3, usd(p, "snsPerMillionPublishes") / 1e6,
                        usd(p, "eventBridgePerMillionScheduledInvocations") / 1e6, usd(p, "apiGatewayHttpPerMillionRequests") / 1e6, sources);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the prices file", e);
            }
        }

        private static double usd(JsonNode prices, String name) {
            JsonNode price = prices.path(name).path("usd");
            if (!price.isNumber()) {
                throw new IllegalStateException("aws-prices-us-east-1.json has no price " + name);
            }
            return price.asDouble();
        }
    }

    /** Dollars per thousand orders, by service, at a monthly volume (which sets the sweeps' share). */
    record Bill(long ordersPerMonth, Map<String, Double> perThousandOrders) {

        double ses() {
            return perThousandOrders.get("SES");
        }

        double allButSes() {
            return perThousandOrders.entrySet().stream().filter(e -> !e.getKey().equals("SES")).mapToDouble(Map.Entry::getValue).sum();
        }

        /** The target: everything but SES costs at most a third of SES. */
        boolean met() {
            return allButSes() <= ses() / 3;
        }
    }

    private final int orders;
    private final Capacity capacity = new Capacity();
    private final SqsRequests sqs = new SqsRequests();
    private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();
    private final Map<String, DoubleAdder> seconds = new ConcurrentHashMap<>();
    private final AdjustableClock clock = new AdjustableClock(START);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> ticketIds = new ConcurrentHashMap<>();
    /** When each order was placed: its first webhook's time, which its later order webhooks repeat as Shopify does. */
    private final Map<String, Instant> placedAt = new ConcurrentHashMap<>();
    private LocalAftercare local;
    private long apiRequests;
    private int tickets;
    private double busySweepSeconds;
    private double busySweepCpu;
    /** The minute of the first change the stream's mapping has not handed over yet; -1 for none. */
    private long streamSince = -1;
    private double aggregatorReads;

    private final boolean priced;

    /**
     * @param priced whether write units are priced item by item, which reads every item a request touches before and
     *               after it: that costs time, so a priced run's durations are not the functions' own
     */
    private CostBenchmark(int orders, boolean priced) {
        this.orders = orders;
        this.priced = priced;
    }

    /**
     * The same orders twice: once pricing every write's items, once timing the functions without that pricing. The
     * worker runs a batch's messages at once, so the pricing's reads overlap in time and cannot be subtracted from a
     * batch's duration; the simulated clock makes both runs the same invocations.
     */
    static Usage measure(int orders) throws Exception {
        Usage priced = new CostBenchmark(orders, true).run();
        Usage timed = new CostBenchmark(orders, false).run();
        Map<String, Invocations> functions = new TreeMap<>();
        priced.functions().forEach((name, counted) -> functions.put(name,
                new Invocations(counted.count(), timed.functions().get(name).seconds(), counted.memoryMb())));
        IdleSweep idle = new IdleSweep(timed.idleSweep().seconds(), timed.idleSweep().cpuSeconds(), priced.idleSweep().readUnits(),
                priced.idleSweep().writeUnits(), priced.idleSweep().sqsRequests());
        return new Usage(priced.orders(), priced.tickets(), functions, priced.readUnits(), priced.writeUnits(), priced.localWriteUnits(),
                priced.billed(), priced.dynamoRequests(), priced.sqsRequests(), priced.apiRequests(), priced.emails(), priced.sweeps(),
                priced.idleSweeps(), idle, priced.sweepMemoryMb(), priced.polledQueues(), timed.busySweeps(),
                priced.aggregatorBatches(), priced.aggregation(), priced.sqsByOperation());
    }

    private Usage run() throws Exception {
        Path samples = RepositoryRoot.find().resolve("infrastructure/events/webhooks/shopify");
        List<String> stories = new ArrayList<>();
        try (var files = Files.list(samples)) {
            files.filter(f -> f.toString().endsWith(".json")).sorted().forEach(f -> stories.add(f.getFileName().toString()));
        }
        // a webhook's offset from its order's placing, in minutes: paid a minute later, shipped after 12 hours, delivered two days after
        long[] offsets = {0, 1, 12 * 60, 14 * 60, 2 * 24 * 60};
        if (stories.size() != offsets.length) {
            throw new IllegalStateException("expected " + offsets.length + " Shopify samples in " + samples + ", found " + stories);
        }
        Map<Long, List<Runnable>> byMinute = new TreeMap<>();
        for (int i = 0; i < orders; i++) {
            long placed = (long) i * 24 * 60 / orders;
            String id = Long.toString(7_400_000_000_000L + i);
            for (int w = 0; w < stories.size(); w++) {
                String file = stories.get(w);
                byMinute.computeIfAbsent(placed + offsets[w], m -> new ArrayList<>()).add(() -> webhook(samples.resolve(file), id, i(id)));
            }
            if (i % 20 == 7) { // one order in twenty: a ticket a day after the order, answered 100 minutes later, resolved the next day
                long opened = placed + 24 * 60;
                byMinute.computeIfAbsent(opened, m -> new ArrayList<>()).add(() -> openTicket(id));
                byMinute.computeIfAbsent(opened + 100, m -> new ArrayList<>()).add(() -> reply(id));
                byMinute.computeIfAbsent(opened + 24 * 60, m -> new ArrayList<>()).add(() -> resolve(id));
                tickets++;
            }
        }
        long lastMinute = 5L * 24 * 60; // the last check-in and survey are due on day 4; five days cover every email and its retries
        var settings = LocalAftercare.Settings.ephemeral(TOKEN, clock).watchingDynamoDb(capacity).watchingSqs(sqs);
        try (var local = LocalAftercare.start(settings)) {
            this.local = local;
            Map<String, Integer> memory = memoryByFunction();
            if (priced) {
                capacity.billing(local.dynamoDb().client(), LocalAftercare.TABLE, WriteUnits.ofTemplate());
            }
            register();
            capacity.reset(); // the queues' creation and the shop's registration are no order's
            sqs.reset();
            var actions = new ActionHandler(local.app());
            var sesEvents = new SesEventHandler(local.app());
            var sweepHandler = new SweepHandler(local.app());
            calls.put("SesEventFunction", new AtomicLong());
            seconds.put("SesEventFunction", new DoubleAdder());
            // the action function as the event source mapping calls it: one invocation per batch, each timed
            var worker = new QueueWorker(local.sqs().client(), local.queues().urls(),
                    event -> timed("ActionFunction", () -> actions.handleRequest(event, null)));
            int emailsSeen = 0;
            long sweeps = 0;
            long idle = 0;
            double idleSeconds = 0;
            double idleCpu = 0;
            double idleReads = 0;
            double idleWrites = 0;
            long idleSqs = 0;
            long idleSweepSqs = 0;
            Map<String, SqsRequests.Operation> idleOperations = new TreeMap<>(); // the worker's drains after idle sweeps
            double idleBilled = 0;
            long streamWindow = streamWindowMinutes();
            for (long minute = 0; minute <= lastMinute; minute++) {
                clock.set(START.plus(Duration.ofMinutes(minute)));
                if (streamSince >= 0 && minute >= streamSince + streamWindow) {
                    aggregate(); // the mapping's batching window, opened by the first change not handed over, has passed
                }
                List<Runnable> due = byMinute.getOrDefault(minute, List.of());
                due.forEach(Runnable::run);
                if (!due.isEmpty()) {
                    changed(minute);
                }
                if (minute % SWEEP_EVERY_MINUTES != 0) {
                    continue;
                }
                double readsBefore = capacity.reads.sum();
                double writesBefore = capacity.writes.sum();
                double billedBefore = capacity.billedWrites();
                long sqsBefore = sqs.count.get();
                var operationsBefore = sqs.byOperation();
                long started = elapsed();
                long cpuStarted = THREADS.getCurrentThreadCpuTime();
                capacity.function = "SweepFunction";
                sweepHandler.handleRequest(new ScheduledEvent(), null);
                double took = (elapsed() - started) / 1e9;
                double cpu = (THREADS.getCurrentThreadCpuTime() - cpuStarted) / 1e9;
                long sweepSqs = sqs.count.get() - sqsBefore;
                sweeps++;
                if (worker.drain().received() == 0) {
                    idle++;
                    idleSeconds += took;
                    idleCpu += cpu;
                    idleReads += capacity.reads.sum() - readsBefore;
                    idleWrites += capacity.writes.sum() - writesBefore;
                    idleSqs += sqs.count.get() - sqsBefore;
                    sqs.byOperation().forEach((operation, now) -> idleOperations.merge(operation,
                            now.minus(operationsBefore.getOrDefault(operation, SqsRequests.Operation.NONE)), SqsRequests.Operation::plus));
                    idleSweepSqs += sweepSqs;
                    idleBilled += capacity.billedWrites() - billedBefore;
                    continue;
                }
                busySweepSeconds += took;
                busySweepCpu += cpu;
                // SES's delivery event for each email sent, through SNS to the SES event function
                List<io.aftercare.devkit.SesEmulator.Email> sent = local.ses().emails();
                for (var email : sent.subList(emailsSeen, sent.size())) {
                    SNSEvent delivery = delivered(email);
                    timed("SesEventFunction", () -> sesEvents.handleRequest(delivery, null));
                }
                emailsSeen = sent.size();
                changed(minute); // the emails' and their events' timeline entries
            }
            if (streamSince >= 0) {
                aggregate();
            }
            if (idle == 0) {
                throw new IllegalStateException("no sweep found nothing due: the idle sweep's cost is not known");
            }
            var idleSweep = new IdleSweep(idleSeconds / idle, idleCpu / idle, idleReads / idle, idleBilled / idle, idleSweepSqs / (double) idle);
            Map<String, Invocations> functions = new TreeMap<>();
            calls.forEach((name, count) -> functions.put(name, new Invocations(count.get(), seconds.get(name).sum(), memory.get(name))));
            // busy sweeps: what each took beyond an idle one is the orders' (the month's sweeps are priced as idle ones)
            long busy = sweeps - idle;
            functions.put("SweepFunction", new Invocations(0, Math.max(0, busySweepSeconds - busy * idleSweep.seconds()), memory.get("SweepFunction")));
            var sqsOwn = ordersOwn(sqs.byOperation(), idleOperations);
            // the local worker's receives that found nothing are, on AWS, the mappings' long polls: priced apart, as their floor
            long emptyReceives = sqsOwn.getOrDefault(SqsRequests.EMPTY_RECEIVE, SqsRequests.Operation.NONE).requests();
            return new Usage(orders, tickets, functions, capacity.reads.sum() - idleReads, capacity.billedWrites() - idleBilled,
                    capacity.writes.sum() - idleWrites, capacity.billed(), capacity.requests.get(),
                    sqs.count.get() - idleSqs - emptyReceives, apiRequests, emailsSeen, sweeps, idle, idleSweep, memory.get("SweepFunction"),
                    polledQueues(), new BusySweeps(busy, busySweepSeconds, busySweepCpu), local.aggregatorBatches(), priced ? refolded() : null,
                    sqsOwn);
        }
    }

    /** What the run's SQS requests were by operation, less those of the idle sweeps (priced as the mappings' idle polling). */
    private static Map<String, SqsRequests.Operation> ordersOwn(Map<String, SqsRequests.Operation> run, Map<String, SqsRequests.Operation> idle) {
        Map<String, SqsRequests.Operation> own = new TreeMap<>();
        run.forEach((operation, counts) -> own.put(operation, counts.minus(idle.getOrDefault(operation, SqsRequests.Operation.NONE))));
        return own;
    }

    /**
     * The refolds of the priced run: the run's batches again, each change alone, and each monthly volume whose windows
     * hold more than one change per shard.
     */
    private Aggregation refolded() throws IOException {
        long windowSeconds = streamWindowSeconds();
        var refold = new AggregatorRefold(local, new ShopId(SHOP), clock, Duration.ofSeconds(windowSeconds),
                capacity.kindsWritten(AggregatorRefold.FUNCTION));
        double runWrites = capacity.billed().entrySet().stream().filter(e -> e.getKey().function().equals(AggregatorRefold.FUNCTION))
                .mapToDouble(e -> e.getValue().total()).sum();
        Map<Long, AggregatorRefold.Refold> byVolume = new TreeMap<>();
        for (long volume : MONTHLY_ORDERS) {
            double window = changesPerWindow(refold.changes() / (double) orders, volume, windowSeconds);
            if (window > 1) {
                byVolume.put(volume, refold.windowsOf(window));
            }
        }
        return new Aggregation(refold.changes(), refold.shards(), windowSeconds, aggregatorReads, runWrites, refold.replay(local.aggregatorBatches()),
                refold.windowsOf(1), byVolume);
    }

    /**
     * The changes one shard's window holds at a monthly volume: the changes per order measured, times the orders of a
     * window of {@code windowSeconds}, over {@link #STREAM_SHARDS}.
     */
    static double changesPerWindow(double changesPerOrder, long ordersPerMonth, long windowSeconds) {
        return changesPerOrder * ordersPerMonth * windowSeconds / (SWEEPS_PER_MONTH * 60.0) / STREAM_SHARDS; // a sweep a minute: a month's seconds
    }

    /** What the orders themselves ask of DynamoDB and Lambda at a monthly volume (the sweeps' share apart). */
    private record OrdersAt(double readUnits, double writeUnits, Map<String, Invocations> functions) {

        /** As the run measured, but the aggregator's share as its refold for the volume ({@link Aggregation#at}), where the run has them. */
        static OrdersAt of(Usage usage, long ordersPerMonth, boolean refolded) {
            if (usage.aggregation() == null || !refolded) {
                return new OrdersAt(usage.readUnits(), usage.writeUnits(), usage.functions());
            }
            var refold = usage.aggregation().at(ordersPerMonth);
            Map<String, Invocations> functions = new TreeMap<>(usage.functions());
            functions.put(AggregatorRefold.FUNCTION, new Invocations(refold.invocations(), refold.seconds(),
                    usage.functions().get(AggregatorRefold.FUNCTION).memoryMb()));
            return new OrdersAt(usage.readUnits() - usage.aggregation().runReadUnits() + refold.readUnits(),
                    usage.writeUnits() - usage.aggregation().runWriteUnits() + refold.writeUnits(), functions);
        }
    }

    /**
     * Dollars per thousand orders at a monthly volume: the orders' own costs as measured (the aggregator's as its batches
     * at that volume cost, {@link OrdersAt}), plus their share of a month of sweeps, each priced as the idle sweep
     * measured (what busy ones took beyond it is in the orders' own).
     */
    static Bill bill(Usage usage, Prices prices, long ordersPerMonth) {
        return bill(usage, prices, ordersPerMonth, true);
    }

    /** @param refolded false to price the run's aggregator at every volume, as the model did before the refolds */
    static Bill bill(Usage usage, Prices prices, long ordersPerMonth, boolean refolded) {
        double perThousand = 1000.0 / usage.orders();
        double sweepsPerThousand = 1000.0 * SWEEPS_PER_MONTH / ordersPerMonth;
        IdleSweep idle = usage.idleSweep();
        OrdersAt own = OrdersAt.of(usage, ordersPerMonth, refolded);
        Map<String, Double> bill = new LinkedHashMap<>();
        bill.put("DynamoDB", perThousand * (own.readUnits() * prices.readUnit() + own.writeUnits() * prices.writeUnit())
                + sweepsPerThousand * (idle.readUnits() * prices.readUnit() + idle.writeUnits() * prices.writeUnit()));
        double lambda = sweepsPerThousand * (prices.lambdaRequest() + idle.secondsAt(usage.sweepMemoryMb()) * usage.sweepMemoryMb() / 1024.0 * prices.gbSecond());
        for (Invocations f : own.functions().values()) {
            lambda += perThousand * (f.count() * prices.lambdaRequest() + f.gbSeconds() * prices.gbSecond());
        }
        bill.put("Lambda", lambda);
        double idlePolls = 1000.0 * usage.polledQueues() * IDLE_RECEIVES_PER_QUEUE_MONTH / ordersPerMonth;
        bill.put("SQS", (perThousand * usage.sqsRequests() + sweepsPerThousand * idle.sqsRequests() + idlePolls) * prices.sqsRequest());
        bill.put("API Gateway", perThousand * usage.apiRequests() * prices.apiRequest());
        bill.put("SNS (SES events)", perThousand * usage.emails() * prices.snsPublish());
        bill.put("EventBridge", sweepsPerThousand * prices.eventBridgeInvocation());
        bill.put("SES", perThousand * usage.emails() * prices.email());
        return new Bill(ordersPerMonth, bill);
    }

    private void register() throws Exception {
        var created = send(HttpRequest.newBuilder(local.baseUri().resolve("/admin/shops")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"id": "%s", "platform": "shopify", "webhookSecret": "%s", "brandName": "Cost", "senderEmail": "hello@cost.example"}"""
                        .formatted(SHOP, SECRET))));
        require(created, 201, "registering the shop");
        var patched = send(HttpRequest.newBuilder(local.baseUri().resolve("/admin/shops/" + SHOP)).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("""
                        {"checkInDays": 3, "surveyDelayDays": 2, "support": {"escalation": [{"level": 1, "afterMinutes": 240, "contacts": ["team@cost.example"]}]}}""")));
        require(patched, 200, "configuring the shop");
    }

    private void webhook(Path sample, String orderId, long number) {
        String topic = sample.getFileName().toString().replaceFirst("^\\d+-", "").replace(".json", "").replace("__", "/");
        byte[] body = fill(sample, orderId, number).getBytes(StandardCharsets.UTF_8);
        var request = HttpRequest.newBuilder(local.baseUri().resolve("/webhooks/shopify/" + SHOP)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        WebhookSigner.shopify(SECRET, body, topic, UUID.randomUUID().toString(), clock.instant()).forEach(request::header);
        require(timedHttp("WebhookFunction", request), 200, topic + " of " + orderId);
    }

    private void openTicket(String orderId) {
        var request = HttpRequest.newBuilder(local.baseUri().resolve("/api/shops/" + SHOP + "/tickets")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"customer": {"email": "%1$s@example.com", "name": "Ola"}, "subject": "The lid is scratched",
                         "message": "It arrived scratched. What now?", "orderId": "%1$s"}""".formatted(orderId)));
        var created = timedHttp("AgentApiFunction", request);
        require(created, 201, "opening a ticket for " + orderId);
        ticketIds.put(orderId, read(created.body()).path("id").asText());
    }

    private void reply(String orderId) {
        String ticket = ticketIds.get(orderId);
        long version = read(timedHttp("AgentApiFunction", HttpRequest.newBuilder(local.baseUri().resolve("/api/shops/" + SHOP + "/tickets/" + ticket)).GET())
                .body()).path("ticket").path("version").asLong();
        var request = HttpRequest.newBuilder(local.baseUri().resolve("/api/shops/" + SHOP + "/tickets/" + ticket + "/replies"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"version\": " + version + ", \"message\": \"A new lid is on its way.\", \"agent\": \"Ola\"}"));
        require(timedHttp("AgentApiFunction", request), 200, "replying on " + ticket);
    }

    private void resolve(String orderId) {
        String ticket = ticketIds.get(orderId);
        long version = read(timedHttp("AgentApiFunction", HttpRequest.newBuilder(local.baseUri().resolve("/api/shops/" + SHOP + "/tickets/" + ticket)).GET())
                .body()).path("ticket").path("version").asLong();
        var request = HttpRequest.newBuilder(local.baseUri().resolve("/api/shops/" + SHOP + "/tickets/" + ticket)).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"version\": " + version + ", \"status\": \"resolved\"}"));
        require(timedHttp("AgentApiFunction", request), 200, "resolving " + ticket);
    }

    /** A sample with this order's id, number, customer and times (its {@code ${NOW-Nm}} placeholders are all now). */
    private String fill(Path sample, String orderId, long number) {
        String placed = placedAt.computeIfAbsent(orderId, id -> clock.instant()).toString();
        try {
            String body = Files.readString(sample).replace("${ORDER_ID}", orderId).replace("${ORDER_NUMBER}", Long.toString(number))
                    .replace("lukasz.zolc@example.pl", orderId + "@example.com");
            if (sample.getFileName().toString().contains("orders__")) { // an order's webhooks all say when it was placed
                body = body.replaceAll("(?<=\"(created_at|processed_at)\": \")\\$\\{NOW(?:-\\d+m)?}", placed);
            }
            return body.replaceAll("\\$\\{NOW(?:-\\d+m)?}", clock.instant().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long i(String orderId) {
        return 1000 + Long.parseLong(orderId) % 100_000;
    }

    /** SES's delivery event for an email, in the form its configuration set publishes (the fixture, retagged). */
    private static SNSEvent delivered(io.aftercare.devkit.SesEmulator.Email email) {
        String recipient = email.to().get(0);
        String order = recipient.substring(0, recipient.indexOf('@'));
        String message;
        try {
            message = Files.readString(RepositoryRoot.fixtures().resolve("ses/delivery.json"))
                    .replace("lukasz.zolc@example.pl", recipient).replace("kettle-house", SHOP).replace("7300000000001", order)
                    .replace("0102019a8f3c1b2f-thankyou-7300000000001-000000", email.messageId());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var sns = new SNSEvent.SNS();
        sns.setMessage(message);
        var record = new SNSEvent.SNSRecord();
        record.setSns(sns);
        var event = new SNSEvent();
        event.setRecords(List.of(record));
        return event;
    }

    /** An HTTP request through API Gateway's stand-in, timed as its function's invocation (loopback included: an upper bound). */
    private HttpResponse<String> timedHttp(String function, HttpRequest.Builder request) {
        apiRequests++;
        return timed(function, () -> send(request));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The table changed at {@code minute}: the mapping's batching window opens, unless it is open already. */
    private void changed(long minute) {
        if (streamSince < 0) {
            streamSince = minute;
        }
    }

    /**
     * What the stream's event source mapping hands the aggregator now: each batch one invocation, all of them timed
     * together, and the closing invocation of the mapping's tumbling window (no records), counted as one more.
     */
    private void aggregate() {
        capacity.function = AggregatorRefold.FUNCTION;
        streamSince = -1;
        int batchesBefore = local.aggregatorBatches().size();
        double readsBefore = capacity.reads.sum();
        long start = elapsed();
        local.aggregate();
        aggregatorReads += capacity.reads.sum() - readsBefore;
        int batches = local.aggregatorBatches().size() - batchesBefore;
        if (batches > 0) {
            calls.computeIfAbsent(AggregatorRefold.FUNCTION, f -> new AtomicLong()).addAndGet(batches + 1);
            seconds.computeIfAbsent(AggregatorRefold.FUNCTION, f -> new DoubleAdder()).add((elapsed() - start) / 1e9);
        }
    }

    /** The aggregator's mapping's window in template.yaml, in whole simulated minutes (at least one). */
    private static long streamWindowMinutes() throws IOException {
        return Math.max(1, streamWindowSeconds() / 60);
    }

    /** What one batch of the aggregator's mapping may gather for: its batching window, or its tumbling window if shorter. */
    private static long streamWindowSeconds() throws IOException {
        JsonNode mapping = template().path("Resources").path(AggregatorRefold.FUNCTION).path("Properties").path("Events").path("TableStream").path("Properties");
        return Math.min(mapping.path("MaximumBatchingWindowInSeconds").asLong(), mapping.path("TumblingWindowInSeconds").asLong());
    }

    private <T> T timed(String function, Supplier<T> call) {
        capacity.function = function;
        long start = elapsed();
        try {
            return call.get();
        } finally {
            calls.computeIfAbsent(function, f -> new AtomicLong()).incrementAndGet();
            seconds.computeIfAbsent(function, f -> new DoubleAdder()).add((elapsed() - start) / 1e9);
        }
    }

    /** Nanoseconds of the run, less those the write units' pricing spent reading items (no function's time). */
    private long elapsed() {
        return System.nanoTime() - capacity.billingNanos.get();
    }

    private static void require(HttpResponse<String> response, int status, String what) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(what + ": " + response.statusCode() + " " + response.body());
        }
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The queues template.yaml's functions read through SQS event source mappings. */
    private static int polledQueues() throws IOException {
        int queues = 0;
        for (var resource : template().path("Resources").properties()) {
            for (var event : resource.getValue().path("Properties").path("Events").properties()) {
                queues += "SQS".equals(event.getValue().path("Type").asText()) ? 1 : 0;
            }
        }
        return queues;
    }

    /** Each function's memory in template.yaml: its own MemorySize, else the Globals'. */
    private static Map<String, Integer> memoryByFunction() throws IOException {
        JsonNode template = template();
        int global = template.path("Globals").path("Function").path("MemorySize").asInt();
        Map<String, Integer> memory = new ConcurrentHashMap<>();
        template.path("Resources").properties().forEach(resource -> {
            if ("AWS::Serverless::Function".equals(resource.getValue().path("Type").asText())) {
                JsonNode own = resource.getValue().path("Properties").path("MemorySize");
                memory.put(resource.getKey(), own.isInt() ? own.asInt() : global);
            }
        });
        return memory;
    }

    private static JsonNode template() throws IOException {
        return new ObjectMapper(new YAMLFactory()).readTree(RepositoryRoot.find().resolve("template.yaml").toFile());
    }
}
