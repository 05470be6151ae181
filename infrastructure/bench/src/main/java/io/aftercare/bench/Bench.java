package io.aftercare.bench;

import io.aftercare.devkit.RepositoryRoot;
import io.aftercare.devkit.StreamWorker;
import io.aftercare.lambda.ActionHandler;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * {@code java -jar infrastructure/bench/target/aftercare-bench.jar <benchmark> [sizes]}: runs a benchmark and writes
 * its section of {@code infrastructure/bench/RESULTS.md}, every figure beside the baseline measured in the same run.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        String which = args.length > 0 ? args[0] : "ingest";
        switch (which) {
            case "ingest" -> ingest(args);
            case "cold-start" -> writeSection("Cold start", coldStartSection(new ColdStartBenchmark(intArg(args, 1, 7)).run()));
            case "sweep" -> sweep(args);
            case "parcels" -> parcels(args);
            case "faults" -> writeSection("Faults", faultSection(new FaultBenchmark(intArg(args, 1, 50)).run()));
            case "load" -> writeSection("Load", loadSection(new LoadBenchmark().run(
                    args.length > 1 ? ints(args[1]) : new int[] {25, 50, 100, 200, 400}, Duration.ofSeconds(intArg(args, 2, 5)))));
            case "wave" -> wave(args);
            case "queue" -> writeSection("Queue", queueSection(new QueueBenchmark(intArg(args, 1, 10_000), intArg(args, 2, 1_000), QueueBenchmark.SMALL).run()));
            case "cost" -> cost(args);
            case "metrics" -> writeSection("Metrics", metricsSection(new MetricsBenchmark(intArg(args, 1, 500), 365, intArg(args, 2, 50)).run()));
            case "bad-input" -> writeSection("Bad input", badInputSection(new BadInputBenchmark().run(intArg(args, 1, 50_000))));
            case "inbound" -> writeSection("Inbound", inboundSection(new InboundBenchmark(intArg(args, 1, 200)).run()));
            default -> {
                System.err.println("""
                        usage: aftercare-bench.jar ingest [deliveries [senders,...]] | cold-start [runs] | sweep [not-yet-due,... [emails]] | parcels [in-transit,...]
                                                   | faults [orders] | load [rates,... [seconds]] | bad-input [inputs] | queue [open tickets [requests]]
                                                   | wave [thank-yous [workers,... [due for the shard reads]]] | cost [orders] | metrics [orders [requests]]
                                                   | inbound [messages]""");
                System.exit(2);
            }
        }
        // DynamoDB Local leaves a non-daemon job thread sleeping after it stops; do not wait minutes for it.
        System.exit(0);
    }

    private static void ingest(String[] args) throws Exception {
        int deliveries = intArg(args, 1, 1000);
        List<IngestBenchmark.Result> results = new ArrayList<>();
        for (int senders : args.length > 2 ? ints(args[2]) : new int[] {1, 4, 16}) {
            var result = new IngestBenchmark(deliveries, 300).run(senders);
            System.out.println(line(result));
            results.add(result);
        }
        writeSection("Ingest", ingestSection(results));
    }

    private static void cost(String[] args) throws Exception {
        var usage = CostBenchmark.measure(intArg(args, 1, 1000));
        String section = costSection(usage, CostBenchmark.Prices.load());
        System.out.println(section);
        writeSection("Cost", section);
    }

    private static void sweep(String[] args) throws Exception {
        var benchmark = new SweepBenchmark();
        benchmark.reads(0); // untimed, so that the first measured sweep does not pay for class loading and JIT
        List<SweepBenchmark.Reads> reads = new ArrayList<>();
        for (int notYetDue : args.length > 1 ? ints(args[1]) : new int[] {0, 100_000, 1_000_000}) {
            reads.add(benchmark.reads(notYetDue));
            System.out.println(reads.get(reads.size() - 1));
        }
        writeSection("Sweep", sweepSection(reads, benchmark.throughput(intArg(args, 2, 500))));
    }

    private static void parcels(String[] args) throws Exception {
        var benchmark = new SweepBenchmark();
        benchmark.parcelReads(0); // untimed: class loading and JIT
        List<SweepBenchmark.Reads> reads = new ArrayList<>();
        for (int inTransit : args.length > 1 ? ints(args[1]) : new int[] {10, 100_000}) {
            reads.add(benchmark.parcelReads(inTransit));
            System.out.println(reads.get(reads.size() - 1));
        }
        writeSection("Stuck parcels", parcelsSection(reads));
    }

    static String parcelsSection(List<SweepBenchmark.Reads> reads) {
        var text = new StringBuilder("""
                One sweep with %d stuck parcels (their `parcel-watch` came due: no tracking news for the transit estimate) and a
                number of parcels in transit (their watches due within the next 5 days), against the baseline of the first
                row: finding the stuck ones must not read the parcels that are on time. Items read are counted at the SDK.

                | parcels in transit | stuck | items read from the Due index | due found | sweep ms | ratio of items read to the baseline |
                |---|---|---|---|---|---|
                """.formatted(SweepBenchmark.STUCK));
        double baseline = reads.get(0).itemsRead();
        for (var r : reads) {
            text.append(String.format(Locale.ROOT, "| %,d | %d | %d | %d | %.1f | **%.2f** |%n",
                    r.notYetDue(), SweepBenchmark.STUCK, r.itemsRead(), r.dueFound(), r.sweepMs(), r.itemsRead() / baseline));
        }
        return text.toString();
    }

    private static void wave(String[] args) throws Exception {
        var benchmark = new WaveBenchmark();
        int thankYous = intArg(args, 1, 2_000);
        double bulkRate = args.length > 4 ? Double.parseDouble(args[4]) : WaveBenchmark.BULK_RATE;
        List<WaveBenchmark.Run> runs = new ArrayList<>();
        for (int workers : args.length > 2 ? ints(args[2]) : new int[] {1, 2, 4}) {
            runs.add(benchmark.wave(thankYous, workers, bulkRate, WaveBenchmark.ESCALATIONS_DUE_AFTER));
            System.out.println(runs.get(runs.size() - 1));
        }
        int due = intArg(args, 3, 2_000);
        benchmark.reads(200, 1); // untimed warm-up
        var reads = List.of(benchmark.reads(due, 1), benchmark.reads(due, 8));
        reads.forEach(System.out::println);
        writeSection("Wave", waveSection(runs, reads));
    }

    static String waveSection(List<WaveBenchmark.Run> runs, List<WaveBenchmark.Reads> reads) {
        var text = new StringBuilder(String.format(Locale.ROOT, """
                %,d orders placed at once (their thank-yous due at once) and %d escalations due a minute after the sweeps
                start, in real time: the sweep every %d s (as the local runner sweeps; AWS sweeps every 60 s), topping the
                bulk queue up to one interval of sending at the bulk rate and leaving the rest due; ElasticMQ's urgent and
                bulk queues made from `template.yaml`, and workers polling both (urgent first) on the SES emulator.
                Drain: from the first sweep until every thank-you was claimed and none was left in its queue (waiting,
                delayed or being worked); baseline: one worker. Escalation delay: from its due time to its claim; target:
                within one sweep interval (ratio to it). Claimed again: an action claimed after its lease ended (target 0).

                | workers | thank-yous | bulk rate /s | emails sent | duplicates | claimed again | drain s | sent /s | ratio to one worker | escalation delay s (worst; median) | ratio of the worst to the interval |
                |---|---|---|---|---|---|---|---|---|---|---|
                """, runs.get(0).thankYous(), WaveBenchmark.ESCALATIONS, WaveBenchmark.SWEEP_EVERY.toSeconds()));
        double baseline = runs.get(0).drainSeconds();
        for (var r : runs) {
            List<Double> sorted = r.escalationDelaysSeconds().stream().sorted().toList();
            text.append(String.format(Locale.ROOT, "| %d | %,d | %.0f | %,d | %d | %d | %.1f | %.1f | **%.2f** | %.1f; %.1f | **%.2f** |%n", r.workers(),
                    r.thankYous(), r.bulkRate(), r.emailsSent(), r.duplicates(), r.claimedAgain(), r.drainSeconds(), r.drainRate(),
                    r.drainSeconds() / baseline, r.worstEscalationDelay(), sorted.get(sorted.size() / 2),
                    r.worstEscalationDelay() / WaveBenchmark.SWEEP_EVERY.toSeconds()));
        }
        text.append("""

                One sweep claiming the same number of due actions written under one shard and under eight: what it reads from
                the Due index and how many DynamoDB requests it makes (cursor, index pages, claims) per action claimed.
                Baseline: one shard.

                | shards | claimed | items read | items read per action | ratio | DynamoDB requests | requests per action | ratio |
                |---|---|---|---|---|---|---|---|
                """);
        var one = reads.get(0);
        for (var r : reads) {
            text.append(String.format(Locale.ROOT, "| %d | %,d | %,d | %.3f | **%.2f** | %,d | %.3f | **%.2f** |%n", r.shards(), r.claimed(), r.itemsRead(),
                    r.itemsPerAction(), r.itemsPerAction() / one.itemsPerAction(), r.requests(), r.requestsPerAction(),
                    r.requestsPerAction() / one.requestsPerAction()));
        }
        return text.toString();
    }

    private static int intArg(String[] args, int index, int otherwise) {
        return args.length > index ? Integer.parseInt(args[index]) : otherwise;
    }

    private static int[] ints(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).mapToInt(Integer::parseInt).toArray();
    }

    static String sweepSection(List<SweepBenchmark.Reads> reads, SweepBenchmark.Throughput throughput) {
        var text = new StringBuilder("""
                One sweep with the table holding %d due actions and a number of actions not yet due (spread over the next
                60 days), against the baseline of the same sweep over an empty backlog: the sweep must read what is due and
                nothing else, however many customers wait for a later email. Items read are counted at the SDK.

                | not yet due | items read from the Due index | due found | sweep ms | ratio of items read to the baseline |
                |---|---|---|---|---|
                """.formatted(SweepBenchmark.DUE));
        double baseline = reads.get(0).itemsRead();
        for (var r : reads) {
            text.append(String.format(Locale.ROOT, "| %,d | %d | %d | %.1f | **%.2f** |%n",
                    r.notYetDue(), r.itemsRead(), r.dueFound(), r.sweepMs(), r.itemsRead() / baseline));
        }
        text.append(String.format(Locale.ROOT, """

                Thank-you emails through sweep, queue message (carrying the claimed action) and worker (reading the order,
                the policy checks, rendering with the cached templates, the exclusive sending mark in one transaction with
                the recipient's checks, the SES call, recording) on the SES emulator, with one worker and with %d taking batches of ten at once (as Lambda instances would), against
                the baseline: the same rendered email sent by a bare `SendEmail` loop through the same proxy in the same run. A
                worker runs its batch's messages at once (up to %d), the bare loop one send after another: the second baseline
                is the bare loop with %d senders at once.

                | emails | one worker /s | ratio | %d workers /s | ratio | bare SendEmail /s | one worker to %d bare senders | bare, %d senders /s | DynamoDB requests per email |
                |---|---|---|---|---|---|---|---|---|
                | %d | %.0f | **%.2f** | %.0f | **%.2f** | %.0f | **%.2f** | %.0f | %.1f (%s) |
                """, SweepBenchmark.WORKERS, ActionHandler.CONCURRENCY, ActionHandler.CONCURRENCY, SweepBenchmark.WORKERS,
                ActionHandler.CONCURRENCY, ActionHandler.CONCURRENCY, throughput.emails(), throughput.oneWorkerPerSecond(),
                throughput.oneWorkerPerSecond() / throughput.barePerSecond(), throughput.workersPerSecond(),
                throughput.workersPerSecond() / throughput.barePerSecond(), throughput.barePerSecond(),
                throughput.oneWorkerPerSecond() / throughput.bareConcurrentPerSecond(), throughput.bareConcurrentPerSecond(),
                throughput.totalRequestsPerEmail(),
                throughput.dynamoRequestsPerEmail().entrySet().stream()
                        .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue())).collect(Collectors.joining(", "))));
        return text.toString();
    }

    static String metricsSection(MetricsBenchmark.Result r) {
        return String.format(Locale.ROOT, """
                The metrics aggregator reading the local runner's table stream (DynamoDB Local) after %d Shopify `orders/create`
                deliveries (a new order of a new customer each) and after %d emails (their `EMAIL_SENT` entries). Requests are
                counted at the SDK; capacity units as DynamoDB Local reports them (`ReturnConsumedCapacity`, transactional writes
                at twice a plain write; a batch of changes adds to each day's item and month's rollup once, with the shard's
                cursor, in one transaction per chunk of up to 100 items). Baseline:
                the ingest's own DynamoDB requests per webhook in the same run, which must stay 1 (the aggregator is off the
                request path).

                | | per webhook | per email |
                |---|---|---|
                | ingest's own DynamoDB requests (baseline) | **%.2f** | - |
                | aggregator's DynamoDB requests | %.2f (ratio **%.2f** to the baseline) | %.2f |
                | aggregator's capacity units | %.2f | %.2f |

                DynamoDB Local reports the same units with and without the month rollup in the transaction; DynamoDB itself bills
                each item of a transaction, so the rollup adds 2 write units per batch and month (an item under 1 KB, written
                transactionally).

                The metrics API (`GET /api/shops/{shop}/metrics`, over HTTP, admin token) on a shop with %d days of
                aggregates (two orders a day), %d calls each, against the baseline of one day's report in the same run. Latencies in ms.
                A year by month reads its 12 month rollups; a year by day reads its 365 days and answers 365 periods.

                | report | p50 | p99 | ratio p50 to one day |
                |---|---|---|---|
                | one day (baseline) | %.2f | %.2f | **1.00** |
                | a year by month | %.2f | %.2f | **%.2f** |
                | a year by day (a period a day) | %.2f | %.2f | **%.2f** |

                The machine was shared with other work while this ran.
                """, r.webhooks(), r.emails(), r.ingestRequestsPerWebhook(), r.aggregatorRequestsPerWebhook(),
                r.aggregatorRequestsPerWebhook() / r.ingestRequestsPerWebhook(), r.aggregatorRequestsPerEmail(), r.aggregatorUnitsPerWebhook(),
                r.aggregatorUnitsPerEmail(), r.days(), r.calls(), r.oneDay().p50(), r.oneDay().p99(), r.yearByMonth().p50(), r.yearByMonth().p99(),
                r.yearByMonth().p50() / r.oneDay().p50(), r.yearByDay().p50(), r.yearByDay().p99(), r.yearByDay().p50() / r.oneDay().p50());
    }

    static String faultSection(List<FaultBenchmark.Row> rows) {
        var text = new StringBuilder("""
                Orders whose thank-you is due, sent through sweep and worker while a fault is injected in the first round (a
                proxy in front of the SES emulator, or the worker's own failure); then the fault heals and the sweep runs
                again each time the leases run out. Counted from what the emulator received. Baseline: expected emails.
                Lost must be 0; a duplicate can only come from the window where SES accepted an email and the worker died
                before recording it (at-least-once there, by design: see README, Post-purchase emails, Delivery).

                | fault | expected | delivered | ratio | duplicates | lost |
                |---|---|---|---|---|---|
                """);
        for (var r : rows) {
            text.append(String.format(Locale.ROOT, "| %s | %d | %d | **%.2f** | %d | %d |%n",
                    r.fault(), r.expected(), r.delivered(), r.delivered() / (double) r.expected(), r.duplicates(), r.lost()));
        }
        return text.toString();
    }

    /** What the stream's mapping handed the aggregator: the write units it costs are per batch, so their sizes say what they bought. */
    static String streamBatches(List<Integer> batches) {
        if (batches.isEmpty()) {
            return "";
        }
        List<Integer> sorted = batches.stream().sorted().toList();
        return String.format(Locale.ROOT, """

                The table's stream reached the aggregator in %,d batches (each an invocation, and each batching window one more
                for the tumbling window's closing call) of %d to %d changes, median %d, mean %.1f.
                """, sorted.size(), sorted.get(0), sorted.get(sorted.size() - 1), sorted.get(sorted.size() / 2),
                sorted.stream().mapToInt(Integer::intValue).average().orElse(0));
    }

    /** The aggregator's changes folded again in the batches a volume fills, beside the run's own. */
    static String refoldSection(CostBenchmark.Usage usage) {
        var aggregation = usage.aggregation();
        if (aggregation == null) {
            return "";
        }
        int orders = usage.orders();
        var text = new StringBuilder(String.format(Locale.ROOT, """

                The aggregator at volume: the run's batches hold what its pace put in them, so the %,d changes (%.2f per order)
                its stream handed the aggregator are read again from the stream's start (%d shard here) and folded again
                through the same handler into a scratch table (the run's table without the aggregator's items), in windows as
                full as a volume makes them, each window %d s after the one before (the shop's cache is as cold as on AWS).
                Measured: each refold's write units (priced as above), read units, batches, handler time (less the pricing's
                reads), and that its days' metrics equal the run's. Assumed: a shard's window holds the changes per order
                measured times a volume's orders in %d s (template.yaml's batching and tumbling windows), over %d stream
                shards (a shard per partition; a new on-demand table has at least 4: it takes 4,000 write units a second at
                once, 1,000 a partition), in batches of up to %d (its BatchSize), and each window invokes the function once
                more to close it. Every column prices the aggregator from a refold: a volume whose windows hold at most one
                change per shard, the run's own batches (their write units are the run's; its reads and times are not, as the
                run's include the local stream's reading, the mapping's work on AWS, and a shop cache the other functions
                kept warm); the row of one change each bounds it. Not measured: two shards' batches writing one day's item at
                once (a transaction conflict, retried and billed), and SQS at volume (below).

                | batches | changes per window | invocations per order | WRU per order | WRU per change | RRU per order | ms per batch | metrics as the run's |
                |---|---|---|---|---|---|---|---|
                """, aggregation.changes(), aggregation.changes() / (double) orders, aggregation.localShards(), aggregation.windowSeconds(),
                aggregation.windowSeconds(), CostBenchmark.STREAM_SHARDS, StreamWorker.BATCH));
        var run = usage.functions().get(AggregatorRefold.FUNCTION);
        text.append(String.format(Locale.ROOT, "| the run's (measured above) | %.1f | %.3f | %.1f | %.2f | %.1f | %.1f | |%n",
                aggregation.changes() / (double) usage.aggregatorBatches().size(), run.count() / (double) orders,
                aggregation.runWriteUnits() / orders, aggregation.runWriteUnits() / aggregation.changes(), aggregation.runReadUnits() / orders,
                1000 * run.seconds() / usage.aggregatorBatches().size()));
        refoldRow(text, "the run's, refolded", aggregation.replay(), orders);
        refoldRow(text, "one change each", aggregation.single(), orders);
        aggregation.byVolume().forEach((volume, refold) -> refoldRow(text, String.format(Locale.ROOT, "%,d orders a month", volume), refold, orders));
        return text.append(sqsByOperation(usage)).toString();
    }

    /**
     * SQS is not refolded: its requests could only be replayed by sweeping again, so every column prices the run's
     * requests per order. What they were, and what they would be if every batch request carried 10 messages.
     */
    private static String sqsByOperation(CostBenchmark.Usage usage) {
        var operations = new TreeMap<>(usage.sqsByOperation());
        if (operations.isEmpty()) {
            return "";
        }
        int orders = usage.orders();
        double full = operations.entrySet().stream().mapToDouble(e -> e.getKey().endsWith("Batch") || e.getKey().startsWith(SqsRequests.RECEIVE)
                ? Math.ceil(e.getValue().messages() / 10.0) : e.getValue().requests()).sum();
        return String.format(Locale.ROOT, """

                SQS at volume is not measured: the sweep's sends and the worker's receives and deletes could only be made
                fuller by sweeping again, so every column prices the run's %.1f requests per order (its idle sweeps' drains
                left out, as the mappings' idle polling is priced apart) but for the receives that found nothing. By
                operation, per order (messages a request): %s. The receives that found nothing are the local worker's
                drains ending at an empty queue, which on AWS the mappings' long polls do: priced apart, as their floor.
                The rest is an upper bound: were every send, receive and delete a full batch of 10,
                they would be %.1f per order (a bound, not measured).
                """, usage.sqsRequests() / (double) orders,
                operations.entrySet().stream().filter(e -> e.getValue().requests() > 0).map(e -> String.format(Locale.ROOT, "%s %.2f (%.1f)",
                        e.getKey(), e.getValue().requests() / (double) orders, e.getValue().messages() / (double) e.getValue().requests()))
                        .collect(Collectors.joining(", ")), full / orders);
    }

    private static void refoldRow(StringBuilder text, String name, AggregatorRefold.Refold refold, int orders) {
        text.append(String.format(Locale.ROOT, "| %s | %.1f | %.3f | %.1f | %.2f | %.1f | %.1f | %s |%n", name, refold.changesPerWindow(),
                refold.invocations() / (double) orders, refold.writeUnits() / orders, refold.writeUnitsPerChange(), refold.readUnits() / orders,
                1000 * refold.seconds() / refold.batches(), refold.sameMetrics() ? "yes" : "**no**"));
    }

    static String costSection(CostBenchmark.Usage usage, CostBenchmark.Prices prices) {
        var idle = usage.idleSweep();
        int orders = usage.orders();
        var text = new StringBuilder(String.format(Locale.ROOT, """
                What %,d orders of a Shopify shop cost in AWS, from what one run measured through the local runner (its HTTP API,
                DynamoDB Local, ElasticMQ, the SES emulator): each order's five usual webhooks (orders/create, orders/paid,
                fulfillments/create, fulfillment events in transit and delivered), its thank-you, check-in and survey, a ticket
                for one order in twenty (opened through the agent API, acknowledged, noticed to staff, answered, resolved),
                SES's delivery event for each email through the SES event function, and the table's stream through the metrics
                aggregator. Write units are what DynamoDB bills for each item every write request touched (`WriteUnits`: the
                item read before and after each request; the larger per KB, twice in a transaction, a cancelled transaction's
                prepare phase once; each index entry added, changed or removed per KB), since DynamoDB Local bills a
                transaction by its request, not its items (4 units for 1 small item or for 10); read units are DynamoDB
                Local's `ConsumedCapacity`. SQS requests are counted at the SDK; each function's duration is the time its
                handler calls took here (HTTP ones from the client, loopback included) in a second run of the same orders
                without the write units' pricing (its reads would overlap a batch's concurrent messages), at the memory
                template.yaml gives it, at the arm64 price. Prices: `infrastructure/bench/src/main/resources/aws-prices-us-east-1.json`, read %s, list
                prices without free tiers. The run sweeps every %d simulated minutes for five days (%,d sweeps, %,d of them
                idle); a deployment sweeps every minute whatever the volume, so each 1,000 orders carry a month of idle sweeps
                (%,d) over the month's orders, and what busy sweeps took beyond an idle one is the orders' own. An idle sweep is
                priced at the sweep's memory with its CPU time stretched as Lambda's CPU share shrinks below %,d MB; the SQS
                event source mappings' polling of %d idle queues at %,d receives each a month (two pollers, 20-second long
                polls: AWS's floor). Baseline: SES ($0.10 per 1,000 emails); target: everything else at most a third of it. The
                machine was shared with other builds: durations are upper bounds.

                Measured: %,d emails (%.2f per order), %,d tickets, %,d API requests (%.2f per order), %,d DynamoDB requests,
                %.1f RRU and %.1f WRU per order (DynamoDB Local's own count: %.1f), %.1f SQS requests per order. An idle sweep:
                %.1f ms (%.1f ms of it CPU), %.2f RRU, %.2f WRU, %.2f SQS requests of its own; a busy one %.1f ms (%.1f ms CPU).

                | function | invocations per order | mean duration (ms) | memory (MB) | GB-s per order |
                |---|---|---|---|---|
                """, orders, prices.read(), CostBenchmark.SWEEP_EVERY_MINUTES, usage.sweeps(), usage.idleSweeps(), CostBenchmark.SWEEPS_PER_MONTH,
                CostBenchmark.FULL_VCPU_MB, usage.polledQueues(), CostBenchmark.IDLE_RECEIVES_PER_QUEUE_MONTH,
                usage.emails(), usage.emails() / (double) orders, usage.tickets(), usage.apiRequests(), usage.apiRequests() / (double) orders,
                usage.dynamoRequests(), usage.readUnits() / orders, usage.writeUnits() / orders, usage.localWriteUnits() / orders,
                usage.sqsRequests() / (double) orders, 1000 * idle.seconds(), 1000 * idle.cpuSeconds(), idle.readUnits(), idle.writeUnits(),
                idle.sqsRequests(), 1000 * usage.busySweeps().seconds() / Math.max(1, usage.busySweeps().count()),
                1000 * usage.busySweeps().cpuSeconds() / Math.max(1, usage.busySweeps().count())));
        usage.functions().forEach((name, f) -> {
            boolean sweep = name.equals("SweepFunction");
            text.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %.4f |%n", name,
                    sweep ? "1 a minute, whatever the orders" : String.format(Locale.ROOT, "%.3f", f.count() / (double) orders),
                    sweep ? String.format(Locale.ROOT, "%.1f idle (%.1f at %d MB)", 1000 * idle.seconds(), 1000 * idle.secondsAt(f.memoryMb()), f.memoryMb())
                            : String.format(Locale.ROOT, "%.1f", 1000 * f.seconds() / Math.max(1, f.count())),
                    f.memoryMb(), f.gbSeconds() / orders));
        });
        text.append(streamBatches(usage.aggregatorBatches()));
        text.append(refoldSection(usage));
        text.append(writeUnitsSection(usage));
        List<CostBenchmark.Bill> bills = Arrays.stream(CostBenchmark.MONTHLY_ORDERS).mapToObj(n -> CostBenchmark.bill(usage, prices, n)).toList();
        text.append("\nDollars per 1,000 orders, by monthly volume:\n\n| service |");
        bills.forEach(b -> text.append(String.format(Locale.ROOT, " %,d orders a month |", b.ordersPerMonth())));
        text.append("\n|---|").append("---|".repeat(bills.size())).append('\n');
        for (String service : bills.get(0).perThousandOrders().keySet()) {
            text.append("| ").append(service).append(" |");
            bills.forEach(b -> text.append(String.format(Locale.ROOT, " $%.4f |", b.perThousandOrders().get(service))));
            text.append('\n');
        }
        text.append("| **all but SES** |");
        bills.forEach(b -> text.append(String.format(Locale.ROOT, " **$%.4f** |", b.allButSes())));
        text.append("\n| ratio to SES (target <= 0.33) |");
        bills.forEach(b -> text.append(String.format(Locale.ROOT, " **%.2f** %s |", b.allButSes() / b.ses(), b.met() ? "met" : "missed")));
        text.append("\n| ratio with the run's aggregator at every volume (before the refolds) |");
        Arrays.stream(CostBenchmark.MONTHLY_ORDERS).mapToObj(n -> CostBenchmark.bill(usage, prices, n, false))
                .forEach(b -> text.append(String.format(Locale.ROOT, " %.2f |", b.allButSes() / b.ses())));
        text.append('\n');
        return text.toString();
    }

    /** Where the write units go: by function and index, by kind of item, and the requests that write the most. */
    private static String writeUnitsSection(CostBenchmark.Usage usage) {
        int orders = usage.orders();
        List<String> indexes = usage.billed().values().stream().flatMap(b -> b.indexes.keySet().stream()).distinct().sorted().toList();
        var text = new StringBuilder("\nWrite units per order, by function (the table's, each index's):\n\n| function | WRU | table |");
        indexes.forEach(i -> text.append(' ').append(i).append(" |"));
        text.append("\n|---|---|---|").append("---|".repeat(indexes.size())).append('\n');
        Map<String, List<Map.Entry<Capacity.Line, Capacity.Billed>>> byFunction = new TreeMap<>(usage.billed().entrySet().stream()
                .collect(Collectors.groupingBy(e -> e.getKey().function())));
        byFunction.forEach((function, lines) -> {
            text.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f |", function, sum(lines, Capacity.Billed::total) / orders,
                    sum(lines, b -> b.table.sum()) / orders));
            indexes.forEach(i -> text.append(String.format(Locale.ROOT, " %.1f |", sum(lines, b -> index(b, i)) / orders)));
            text.append('\n');
        });
        text.append("\nBy kind of item (items written per order, their write units per order), largest first:\n\n"
                + "| function | item | items | WRU | table |");
        indexes.forEach(i -> text.append(' ').append(i).append(" |"));
        text.append("\n|---|---|---|---|---|").append("---|".repeat(indexes.size())).append('\n');
        Map<List<String>, List<Map.Entry<Capacity.Line, Capacity.Billed>>> byKind = usage.billed().entrySet().stream()
                .collect(Collectors.groupingBy(e -> List.of(e.getKey().function(), e.getKey().kind())));
        byKind.entrySet().stream().sorted(Comparator.comparingDouble(e -> -sum(e.getValue(), Capacity.Billed::total))).forEach(e -> {
            text.append(String.format(Locale.ROOT, "| %s | %s | %.2f | %.1f | %.1f |", e.getKey().get(0), e.getKey().get(1),
                    sum(e.getValue(), b -> b.items.get()) / orders, sum(e.getValue(), Capacity.Billed::total) / orders,
                    sum(e.getValue(), b -> b.table.sum()) / orders));
            indexes.forEach(i -> text.append(String.format(Locale.ROOT, " %.1f |", sum(e.getValue(), b -> index(b, i)) / orders)));
            text.append('\n');
        });
        text.append("\nThe requests that write the most (each request's items by kind), per order:\n\n| function | request | WRU |\n|---|---|---|\n");
        Map<List<String>, Double> byRequest = usage.billed().entrySet().stream().collect(Collectors.groupingBy(
                e -> List.of(e.getKey().function(), e.getKey().request()), Collectors.summingDouble(e -> e.getValue().total())));
        byRequest.entrySet().stream().sorted(Map.Entry.<List<String>, Double>comparingByValue().reversed()).limit(15).forEach(e ->
                text.append(String.format(Locale.ROOT, "| %s | %s | %.1f |%n", e.getKey().get(0), e.getKey().get(1), e.getValue() / orders)));
        return text.toString();
    }

    private static double sum(List<Map.Entry<Capacity.Line, Capacity.Billed>> lines, ToDoubleFunction<Capacity.Billed> of) {
        return lines.stream().mapToDouble(e -> of.applyAsDouble(e.getValue())).sum();
    }

    private static double index(Capacity.Billed billed, String index) {
        var units = billed.indexes.get(index);
        return units == null ? 0 : units.sum();
    }

    static String loadSection(List<LoadBenchmark.Step> steps) {
        var text = new StringBuilder("""
                Open-loop load on the local runner's webhook endpoint (loopback only), after an untimed warm-up: each step
                sends new Shopify orders at a fixed rate whatever the answers, latency counted from when each request was
                due, so queueing shows (p50 and p99 of the deliveries recorded at the first try). Baseline: the lowest
                rate's p50. The runner answers 429 when its 32 threads are busy and 128 requests wait (as API Gateway
                throttles); the refused deliveries are sent again after the step, as a platform retries. Then every
                delivery is looked up in the table. The runner has one DynamoDB Local in its JVM; a deployment scales per request.

                | rate /s | sent | recorded | 429 | other errors | p50 ms | p99 ms | p50 ratio to the baseline | recorded on retry | missing |
                |---|---|---|---|---|---|---|---|---|---|
                """);
        double baseline = steps.get(0).latency().p50();
        for (var s : steps) {
            text.append(String.format(Locale.ROOT, "| %d | %d | %d | %d | %d | %.1f | %.1f | **%.2f** | %d | %d |%n", s.rate(), s.sent(),
                    s.recorded(), s.throttled(), s.errors(), s.latency().p50(), s.latency().p99(), s.latency().p50() / baseline,
                    s.recordedOnRetry(), s.missing()));
        }
        OptionalInt held = steps.stream().filter(LoadBenchmark.Step::held).mapToInt(LoadBenchmark.Step::rate).max();
        text.append(String.format(Locale.ROOT, "%nHeld with p99 under 200 ms, every delivery recorded at the first try: %s. "
                        + "Deliveries missing from the table over all steps: %d.%n",
                held.isPresent() ? held.getAsInt() + " webhooks/s" : "none of the rates tried", steps.stream().mapToInt(LoadBenchmark.Step::missing).sum()));
        return text.toString();
    }

    static String badInputSection(BadInputBenchmark.Result r) {
        var text = new StringBuilder(String.format(Locale.ROOT, """
                Shopify's own payloads mutated (truncated, bytes flipped, fields removed or retyped, huge strings and numbers,
                deep nesting, invalid UTF-8, ...), each correctly signed so it reaches the parser, posted over HTTP with a random
                content type. Baseline: the number of inputs. Every answer must be a 2xx or a 4xx, and a rejected request
                must write nothing.

                | inputs | server errors | writes for rejected requests | ratio of clean answers | statuses |
                |---|---|---|---|---|
                | %,d | %d | %d | **%.2f** | %s |

                Hostile admin input through the API, each of which must be refused with a 4xx and write nothing: shop
                template overrides (unescaped tags, partials, undocumented values and methods, markup that hides or runs;
                see README, Post-purchase emails) and chat webhook URLs (user info tricks, internal, link-local and metadata
                hosts, IPv6, decimal, octal and hex IPv4 forms, names of loopback, other schemes). Baseline: the inputs tried.
                The runner resolves names with the machine's DNS.

                | input | tried | refused (4xx) | got through (2xx) | server errors | writes for refused | ratio refused |
                |---|---|---|---|---|---|---|
                """, r.inputs(), r.serverErrors(), r.strayWrites(), (r.inputs() - r.serverErrors()) / (double) r.inputs(), r.statuses()));
        for (var a : r.admin()) {
            text.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | **%.2f** |%n", a.what(), a.tried(), a.refused(),
                    a.accepted(), a.serverErrors(), a.strayWrites(), a.refused() / (double) a.tried()));
        }
        return text.toString();
    }

    static String ingestSection(List<IngestBenchmark.Result> results) {
        var text = new StringBuilder();
        text.append("""
                Shopify `orders/create` deliveries (a new order of a new customer each: the order with its dedupe marker, customer
                profile and order link, 3 timeline entries, 2 due actions) POSTed to the local runner's HTTP endpoint,
                against the baseline: the raw `TransactWriteItems` of exactly the items each delivery wrote, captured at
                the SDK and replayed into an empty table of the same definition on the same DynamoDB Local, with the
                same number of concurrent senders; each sender replays a delivery's transaction right after sending it, so
                both sides share load, JIT state and table size. Latencies in ms.

                | senders | deliveries | endpoint p50 | p99 | baseline p50 | p99 | ratio p50 | ratio p99 | webhooks /s | DynamoDB requests per webhook | per duplicate | errors |
                |---|---|---|---|---|---|---|---|---|---|---|---|
                """);
        for (var r : results) {
            text.append(String.format(Locale.ROOT, "| %d | %d | %.2f | %.2f | %.2f | %.2f | **%.2f** | **%.2f** | %.0f | %.2f | %.2f | %d |%n",
                    r.senders(), r.deliveries(), r.endpoint().p50(), r.endpoint().p99(), r.baseline().p50(), r.baseline().p99(),
                    r.p50Ratio(), r.p99Ratio(), r.endpointPerSecond(), r.requestsPerWebhook(),
                    r.requestsPerDuplicate(), r.errors()));
        }
        return text.toString();
    }

    static String coldStartSection(ColdStartBenchmark.Result r) {
        return String.format(Locale.ROOT, """
                A fresh JVM (the Lambda's java21 flags, no SnapStart) on the shaded jar, from its start until its first request
                is done: the webhook function built from its environment and recording one signed order in DynamoDB Local,
                against the baseline, a handler that only builds the same DynamoDB client (URL-connection HTTP client).
                Then the first request's own time (after the handler is built, as Lambda's init leaves it), without and with
                SnapStart's priming run first (`WebhookHandler.prime`, what the checkpoint hook runs: a restored snapshot
                starts from that state; the restore itself cannot be measured here). Median of %d alternating runs, in ms.

                | webhook function, first request | baseline, client built | ratio | first request alone | after priming | shaded jar |
                |---|---|---|---|---|---|
                | %d | %d | **%.2f** | %d | **%d** | %.1f MB |
                """, r.runs(), r.webhookMedianMs(), r.clientMedianMs(), r.ratio(), r.firstRequestMs(), r.primedRequestMs(),
                r.jarBytes() / 1024.0 / 1024.0);
    }

    static String line(IngestBenchmark.Result r) {
        return String.format(Locale.ROOT, "ingest senders=%d: endpoint p50 %.2f ms p99 %.2f ms; baseline p50 %.2f ms p99 %.2f ms; "
                        + "ratio p50 %.2f p99 %.2f; %.2f requests/webhook, %.2f/duplicate, %d errors",
                r.senders(), r.endpoint().p50(), r.endpoint().p99(), r.baseline().p50(), r.baseline().p99(), r.p50Ratio(), r.p99Ratio(),
                r.requestsPerWebhook(), r.requestsPerDuplicate(), r.errors());
    }

    /** Replaces (or adds) {@code ## name} in RESULTS.md, stamped with date, machine and commit. */
    static String queueSection(List<QueueBenchmark.Run> runs) {
        var text = new StringBuilder(String.format(Locale.ROOT, """
                `GET /api/shops/{shop}/tickets?view=...&limit=%d` through the agent API's handler (admin token), in a shop with
                %,d open tickets (urgent, a third assigned) against one with %d, on the same DynamoDB Local, their requests
                alternating; the page size is the small shop's whole queue, so both answer the same number of rows. Latencies
                in ms; queue items read per request counted at the SDK.

                | view | open tickets | p50 | p99 | baseline (%d open) p50 | p99 | ratio p50 | ratio p99 | items read per request | baseline |
                |---|---|---|---|---|---|---|---|---|---|
                """, runs.get(0).limit(), runs.get(0).large(), QueueBenchmark.SMALL, QueueBenchmark.SMALL));
        for (var r : runs) {
            text.append(String.format(Locale.ROOT, "| %s | %,d | %.2f | %.2f | %.2f | %.2f | **%.2f** | **%.2f** | %.1f | %.1f |%n", r.view(), r.large(),
                    r.largeMs().p50(), r.largeMs().p99(), r.smallMs().p50(), r.smallMs().p99(), r.ratioP50(), r.ratioP99(),
                    r.itemsPerLargeRequest(), r.itemsPerSmallRequest()));
        }
        return text.toString();
    }

    static String inboundSection(InboundBenchmark.Run run) {
        return String.format(Locale.ROOT, """
                `%s` (%,d bytes, a Gmail reply with quoted history), %d times, each from a sender of its own, to the Reply-To of
                a ticket's acknowledgement: the inbound function's handler end to end (the raw message read from the embedded
                S3-compatible server, parsed, the attachments kept, the message added to its ticket in DynamoDB Local) against
                the same bytes' MIME parse alone (`MimeMessageParser`), alternating in one run. Latencies in ms.

                | messages | on their ticket | handler p50 | p99 | parse alone p50 | p99 | ratio p50 |
                |---|---|---|---|---|---|---|
                | %d | %d | %.2f | %.2f | %.2f | %.2f | **%.1f** |
                """, InboundBenchmark.FIXTURE, run.bytes(), run.messages(), run.messages(), run.ticketed(), run.endToEndMs().p50(),
                run.endToEndMs().p99(), run.parseMs().p50(), run.parseMs().p99(), run.ratioP50());
    }

    static void writeSection(String name, String body) throws IOException {
        Path file = RepositoryRoot.find().resolve("infrastructure/bench/RESULTS.md");
        String existing = Files.exists(file) ? Files.readString(file) : "# Benchmark results\n\nEach section is rewritten by its benchmark (see README, Benchmarks).\n";
        String section = "## " + name + "\n\n" + stamp() + "\n\n" + body;
        var pattern = Pattern.compile("(?ms)^## " + Pattern.quote(name) + "\\n.*?(?=^## |\\z)");
        var matcher = pattern.matcher(existing);
        String updated = matcher.find()
                ? existing.substring(0, matcher.start()) + section + "\n" + existing.substring(matcher.end())
                : existing.stripTrailing() + "\n\n" + section;
        Files.writeString(file, updated.stripTrailing() + "\n");
    }

    private static String stamp() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        long memoryGiB = Math.round(((com.sun.management.OperatingSystemMXBean) os).getTotalMemorySize() / (1024.0 * 1024 * 1024));
        return String.format(Locale.ROOT, "Measured %s on %d cores, %d GiB, %s %s, Java %s; commit %s.", LocalDate.now(), os.getAvailableProcessors(),
                memoryGiB, os.getName(), os.getArch(), Runtime.version(), commit());
    }

    private static String commit() {
        try {
            Process git = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").directory(RepositoryRoot.find().toFile()).start();
            String hash = new String(git.getInputStream().readAllBytes()).trim();
            return git.waitFor() == 0 && !hash.isEmpty() ? hash : "unknown";
        } catch (IOException | InterruptedException e) {
            return "unknown";
        }
    }

}
