package io.aftercare.bench;

import io.aftercare.devkit.SesEmulator;
import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.action.ActionKind;
import io.aftercare.domain.action.DueAction;
import io.aftercare.domain.email.EmailKind;
import io.aftercare.domain.email.OutgoingEmail;
import io.aftercare.domain.order.OrderId;
import io.aftercare.domain.shop.ShopSettings;
import io.aftercare.domain.timeline.Subject;
import io.aftercare.dynamodb.ActionItems;
import io.aftercare.dynamodb.DynamoActionStore;
import io.aftercare.email.SesEmailSender;
import io.aftercare.lambda.ActionHandler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The sweep's cost with the table full of actions not yet due (it must read only what is due), and the rate of
 * emails through sweep, queue and worker against a bare {@code SendEmail} loop on the same SES emulator.
 */
final class SweepBenchmark {

    record Reads(long notYetDue, long itemsRead, long dueFound, double sweepMs) {
    }

    /**
     * @param barePerSecond the bare loop, one send after another
     * @param bareConcurrentPerSecond the bare loop with as many senders at once as one worker runs a batch's messages
     */
    record Throughput(int emails, double oneWorkerPerSecond, double workersPerSecond, double barePerSecond, double bareConcurrentPerSecond,
                      Map<String, Double> dynamoRequestsPerEmail) {
        double totalRequestsPerEmail() {
            return dynamoRequestsPerEmail.values().stream().mapToDouble(Double::doubleValue).sum();
        }
    }

    private static final Instant NOW = Instant.parse("2026-11-23T10:30:00Z");
    static final int DUE = 50;
    static final int WORKERS = 4;

    /** Stuck parcels in the parcels' run: their watches came due, the others' not yet. */
    static final int STUCK = 10;

    /** Items the sweep reads from the Due index with {@code notYetDue} future actions in the table, and {@value #DUE} due ones. */
    Reads reads(long notYetDue) throws Exception {
        return reads(notYetDue, EmailKind.SURVEY.action(), DUE, Duration.ofDays(60));
    }

    /**
     * The same with parcels: {@code inTransit} parcels whose watches ({@code parcel-watch}, as a shipment schedules
     * them) come due within the next transit estimate, and {@value #STUCK} whose watches came due: the stuck ones.
     */
    Reads parcelReads(long inTransit) throws Exception {
        return reads(inTransit, ActionKind.PARCEL_WATCH, STUCK, ShopSettings.DEFAULT_TRANSIT_ESTIMATE);
    }

    private Reads reads(long notYetDue, ActionKind kind, int due, Duration spread) throws Exception {
        var itemsRead = new AtomicLong();
        ExecutionInterceptor counter = new ExecutionInterceptor() {
            @Override
            public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof QueryRequest query && "Due".equals(query.indexName())) {
                    itemsRead.addAndGet(((QueryResponse) context.response()).count());
                }
            }
        };
        try (var rig = new Rig(NOW, counter)) {
            load(rig, kind, notYetDue, spread);
            load(rig, kind, due, Duration.ZERO);
            itemsRead.set(0);
            long start = System.nanoTime();
            int found = rig.sweep().size();
            double ms = (System.nanoTime() - start) / 1e6;
            return new Reads(notYetDue, itemsRead.get(), found, ms);
        }
    }

    /** Action items written straight into the table: due over the {@code spread} ahead, or (no spread) an hour ago. */
    private static void load(Rig rig, ActionKind kind, long count, Duration spread) {
        boolean future = !spread.isZero();
        BatchWrites.put(rig.dynamo, "bench", LongStream.range(0, count).mapToObj(i -> {
            Instant due = future ? NOW.plus(Duration.ofMinutes(1 + (i * 7919) % spread.toMinutes())) : NOW.minus(Duration.ofHours(1));
            var action = DueAction.of(kind, Subject.order(new OrderId((future ? "F" : "D") + i)), due);
            return ActionItems.pending(new ShopId(Rig.SHOP), action, NOW, DynamoActionStore.DEFAULT_DUE_SHARDS);
        }).iterator());
    }

    /**
     * Emails per second: orders' thank-yous through sweep, queue and worker (one worker, then {@value #WORKERS} at once,
     * as several Lambda instances would take batches), against SendEmail called in a loop through the same proxy to
     * the same emulator, one send after another and {@link ActionHandler#CONCURRENCY} at once (as a worker runs a
     * batch). A tenth as many of each go first, untimed, so that every side runs warm.
     */
    Throughput throughput(int emails) throws Exception {
        Map<String, AtomicLong> requests = new ConcurrentSkipListMap<>();
        ExecutionInterceptor counter = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                String operation = context.request().getClass().getSimpleName().replaceFirst("Request$", "");
                requests.computeIfAbsent(operation, k -> new AtomicLong()).incrementAndGet();
            }
        };
        try (var rig = new Rig(NOW, counter)) {
            var bare = new SesEmailSender(SesEmulator.client(rig.proxy.endpoint()), Optional.empty());
            int warmUp = Math.max(1, emails / 10);
            sendThrough(rig, "W", warmUp, WORKERS, requests);
            sendBare(rig, bare, "W", warmUp, ActionHandler.CONCURRENCY);
            double oneWorker = sendThrough(rig, "A", emails, 1, requests);
            Map<String, Double> requestsPerEmail = new TreeMap<>();
            requests.forEach((operation, count) -> requestsPerEmail.put(operation, count.get() / (double) emails));
            double manyWorkers = sendThrough(rig, "B", emails, WORKERS, requests);
            return new Throughput(emails, oneWorker, manyWorkers, sendBare(rig, bare, "T", emails, 1),
                    sendBare(rig, bare, "C", emails, ActionHandler.CONCURRENCY), requestsPerEmail);
        }
    }

    /** Places the orders, then times the sweep and the workers taking its claims in batches of ten. */
    private static double sendThrough(Rig rig, String prefix, int emails, int workers, Map<String, AtomicLong> requests) throws Exception {
        for (int i = 0; i < emails; i++) {
            rig.order(prefix + i, prefix + "-" + i + "@example.com");
        }
        requests.clear();
        var pool = Executors.newFixedThreadPool(workers);
        try {
            long start = System.nanoTime();
            var claimed = rig.sweep();
            List<Future<Integer>> batches = new ArrayList<>();
            for (int from = 0; from < claimed.size(); from += 10) {
                var batch = claimed.subList(from, Math.min(claimed.size(), from + 10));
                batches.add(pool.submit(() -> rig.work(batch)));
            }
            for (Future<Integer> batch : batches) {
                if (batch.get() > 0) {
                    throw new IllegalStateException("a worker failed on a healthy emulator");
                }
            }
            return claimed.size() / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdown();
        }
    }

    /** SendEmail in a loop by {@code senders} threads at once, each taking the next email until all are sent. */
    private static double sendBare(Rig rig, SesEmailSender sender, String prefix, int emails, int senders) throws Exception {
        var sample = rig.ses.emails().get(0);
        var next = new AtomicLong();
        Callable<Void> loop = () -> {
            for (long i = next.getAndIncrement(); i < emails; i = next.getAndIncrement()) {
                sender.send(new OutgoingEmail("Bench", new EmailAddress("hello@bench.example"), new EmailAddress("help@bench.example"),
                        new EmailAddress("bare-" + prefix + i + "@example.com"), sample.subject(), sample.html(), sample.text(), Map.of(),
                        Map.of("shop", Rig.SHOP)));
            }
            return null;
        };
        var pool = Executors.newFixedThreadPool(senders);
        try {
            long start = System.nanoTime();
            for (Future<Void> done : pool.invokeAll(Collections.nCopies(senders, loop))) {
                done.get();
            }
            return emails / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdown();
        }
    }
}
