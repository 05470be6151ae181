package io.aftercare.bench;

import io.aftercare.devkit.RepositoryRoot;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code java -jar infrastructure/bench/target/aftercare-bench.jar ingest [deliveries]}: runs a benchmark and writes
 * its section of {@code infrastructure/bench/RESULTS.md}, every figure beside the baseline measured in the same run.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        useBundledSqliteLibrary();
        String which = args.length > 0 ? args[0] : "ingest";
        if (which.equals("cold-start")) {
            var result = new ColdStartBenchmark(args.length > 1 ? Integer.parseInt(args[1]) : 7).run();
            System.out.println(coldStartSection(result));
            writeSection("Cold start", coldStartSection(result));
            System.exit(0);
        }
        if (!which.equals("ingest")) {
            System.err.println("usage: aftercare-bench.jar ingest [deliveries [senders,...]] | cold-start [runs]");
            System.exit(2);
        }
        int deliveries = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        List<IngestBenchmark.Result> results = new ArrayList<>();
        int[] senderCounts = args.length > 2 ? java.util.Arrays.stream(args[2].split(",")).mapToInt(Integer::parseInt).toArray() : new int[] {1, 4, 16};
        for (int senders : senderCounts) {
            var result = new IngestBenchmark(deliveries, 300).run(senders);
            System.out.println(line(result));
            results.add(result);
        }
        writeSection("Ingest", ingestSection(results));
        // DynamoDB Local leaves a non-daemon job thread sleeping after it stops; do not wait minutes for it.
        System.exit(0);
    }

    static String ingestSection(List<IngestBenchmark.Result> results) {
        var text = new StringBuilder();
        text.append("""
                Shopify `orders/create` deliveries (a new order of a new customer each: dedupe marker, order, customer
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
                A fresh JVM (the Lambda's Java 17 flags, no SnapStart) on the shaded jar, from its start until its first request
                is done: the webhook function built from its environment and recording one signed order in DynamoDB Local,
                against the baseline, a handler that only builds the same DynamoDB client (URL-connection HTTP client).
                Median of %d alternating runs, in ms.

                | webhook function, first request | baseline, client built | ratio | shaded jar |
                |---|---|---|---|
                | %d | %d | **%.2f** | %.1f MB |
                """, r.runs(), r.webhookMedianMs(), r.clientMedianMs(), r.ratio(), r.jarBytes() / 1024.0 / 1024.0);
    }

    static String line(IngestBenchmark.Result r) {
        return String.format(Locale.ROOT, "ingest senders=%d: endpoint p50 %.2f ms p99 %.2f ms; baseline p50 %.2f ms p99 %.2f ms; "
                        + "ratio p50 %.2f p99 %.2f; %.2f requests/webhook, %.2f/duplicate, %d errors",
                r.senders(), r.endpoint().p50(), r.endpoint().p99(), r.baseline().p50(), r.baseline().p99(), r.p50Ratio(), r.p99Ratio(),
                r.requestsPerWebhook(), r.requestsPerDuplicate(), r.errors());
    }

    /** Replaces (or adds) {@code ## name} in RESULTS.md, stamped with date, machine and commit. */
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

    private static void useBundledSqliteLibrary() throws Exception {
        if (System.getProperty("sqlite4java.library.path") == null) {
            Path jar = Path.of(Bench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            System.setProperty("sqlite4java.library.path", jar.resolveSibling("native-libs").toString());
        }
    }
}
