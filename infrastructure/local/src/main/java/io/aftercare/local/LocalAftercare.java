package io.aftercare.local;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.aftercare.devkit.LocalDynamoDb;
import io.aftercare.devkit.LocalSqs;
import io.aftercare.devkit.Ports;
import io.aftercare.devkit.PrivateFiles;
import io.aftercare.devkit.QueueWorker;
import io.aftercare.devkit.SesEmulator;
import io.aftercare.devkit.StreamWorker;
import io.aftercare.devkit.TemplateQueue;
import io.aftercare.devkit.TemplateResources;
import io.aftercare.devkit.TemplateTable;
import io.aftercare.dynamodb.MetricsAggregator;
import io.aftercare.lambda.ActionHandler;
import io.aftercare.lambda.Aftercare;
import io.aftercare.lambda.AggregatorHandler;
import io.aftercare.lambda.Failures;
import io.aftercare.lambda.InboundEmailHandler;
import io.aftercare.mail.MimeMessageParser;
import io.aftercare.lambda.SweepHandler;
import io.aftercare.lambda.queue.SqsActionQueue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Aftercare on localhost: DynamoDB Local (its data kept under a local folder across restarts), the table from
 * {@code template.yaml}, the template's HTTP routes served by the Lambda handler classes, the SES emulator receiving
 * the emails, and the sweep run on a timer, its actions sent to an SQS-compatible queue (and DLQ) made from
 * {@code template.yaml}, from which a {@link QueueWorker} hands them to the action handler as Lambda would; the table's
 * stream read by a {@link StreamWorker} into the metrics aggregator's handler.
 */
public final class LocalAftercare implements AutoCloseable {

    public static final String TABLE = "aftercare-local";
    public static final String QUEUE = "aftercare-local-actions";
    /** {@code template.yaml}'s SweepFunction timeout: how long a local sweep may claim. */
    private static final Duration SWEEP_TIMEOUT = Duration.ofSeconds(60);

    /**
     * @param port the HTTP port (0 for any free one)
     * @param dataDir where DynamoDB Local keeps its data, the admin token and the link key; empty for an in-memory run
     * @param sesPort the SES emulator's port (0 for any free one)
     * @param sweepEvery how often the sweep runs; empty to run it only through {@link #sweep()}
     * @param dynamoInterceptors watch Aftercare's DynamoDB requests (the benchmarks count them, tests make them fail)
     * @param visibilityTimeout the action queue's, when not the template's (tests that wait for a redelivery)
     * @param sqsInterceptors watch the SQS requests of Aftercare and of the runner's queue worker (the cost benchmark counts them)
     */
    public record Settings(int port, Optional<Path> dataDir, Optional<String> adminToken, Clock clock, int sesPort,
                           Optional<Duration> sweepEvery, List<ExecutionInterceptor> dynamoInterceptors, Optional<Duration> visibilityTimeout,
                           List<ExecutionInterceptor> sqsInterceptors) {

        /** Nothing watched. */
        public Settings(int port, Optional<Path> dataDir, Optional<String> adminToken, Clock clock, int sesPort,
                        Optional<Duration> sweepEvery, List<ExecutionInterceptor> dynamoInterceptors, Optional<Duration> visibilityTimeout) {
            this(port, dataDir, adminToken, clock, sesPort, sweepEvery, dynamoInterceptors, visibilityTimeout, List.of());
        }

        /** In memory, on free ports, swept by hand: for tests and benchmarks. */
        public static Settings ephemeral(String adminToken, Clock clock) {
            return new Settings(0, Optional.empty(), Optional.of(adminToken), clock, 0, Optional.empty(), List.of(), Optional.empty());
        }

        public Settings watchingDynamoDb(ExecutionInterceptor... interceptors) {
            return new Settings(port, dataDir, adminToken, clock, sesPort, sweepEvery, List.of(interceptors), visibilityTimeout, sqsInterceptors);
        }

        public Settings watchingSqs(ExecutionInterceptor interceptor) {
            return new Settings(port, dataDir, adminToken, clock, sesPort, sweepEvery, dynamoInterceptors, visibilityTimeout, List.of(interceptor));
        }

        public Settings withVisibilityTimeout(Duration timeout) {
            return new Settings(port, dataDir, adminToken, clock, sesPort, sweepEvery, dynamoInterceptors, Optional.of(timeout), sqsInterceptors);
        }
    }

    private final LocalDynamoDb dynamoDb;
    private final SesEmulator ses;
    private final LocalSqs sqs;
    private final LocalSqs.ActionQueues queues;
    private final QueueWorker worker;
    private final StreamWorker stream;
    private final LocalHttpApi api;
    private final Aftercare app;
    private final String adminToken;
    private final LocalInbound inbound;
    private final ScheduledExecutorService sweeper = Executors.newScheduledThreadPool(4);

    private LocalAftercare(LocalDynamoDb dynamoDb, SesEmulator ses, LocalSqs sqs, LocalSqs.ActionQueues queues, LocalHttpApi api, Aftercare app,
                           String adminToken, LocalInbound inbound) {
        this.dynamoDb = dynamoDb;
        this.inbound = inbound;
        inbound.handOverTo(new InboundEmailHandler(app));
        this.ses = ses;
        this.sqs = sqs;
        this.queues = queues;
        var actions = new ActionHandler(app);
        this.worker = new QueueWorker(sqs.client(), queues.urls(),
                event -> actions.handleRequest(event, new LocalContext("ActionFunction", UUID.randomUUID().toString())));
        var aggregator = new AggregatorHandler(app);
        this.stream = new StreamWorker(dynamoDb.streamsClient(), StreamWorker.streamOf(dynamoDb.client(), TABLE), MetricsAggregator.FOLDED_TYPES,
                event -> aggregator.handleRequest(event, new LocalContext("AggregatorFunction", UUID.randomUUID().toString())));
        this.api = api;
        this.app = app;
        this.adminToken = adminToken;
    }

    public static LocalAftercare start(Settings settings) {
        // before the slow start of the rest, and before DynamoDB Local opens a data folder another runner may be using
        if (settings.port() != 0) {
            Ports.requireFree(settings.port(), "the HTTP API");
        }
        SesEmulator ses = SesEmulator.start(settings.sesPort() == 0 ? Ports.free() : settings.sesPort()); // checks its port first
        LocalDynamoDb dynamoDb = null;
        LocalSqs sqs = null;
        LocalInbound inbound = null;
        try {
            // the data folder made private (once) for DynamoDB Local's files, the admin token and the link key
            dynamoDb = settings.dataDir().map(dir -> LocalDynamoDb.persistent(Ports.free(), dir)).orElseGet(LocalDynamoDb::inMemory);
            TemplateResources template = TemplateResources.fromRepository();
            TemplateQueue bulk = TemplateQueue.of(template, TemplateQueue.ACTIONS);
            TemplateQueue urgent = TemplateQueue.of(template, TemplateQueue.URGENT_ACTIONS);
            sqs = LocalSqs.start(settings.sqsInterceptors().toArray(ExecutionInterceptor[]::new));
            var queues = sqs.create(settings.visibilityTimeout().map(urgent::withVisibilityTimeout).orElse(urgent),
                    settings.visibilityTimeout().map(bulk::withVisibilityTimeout).orElse(bulk), QUEUE);
            var dynamo = dynamoDb.client(settings.dynamoInterceptors().toArray(ExecutionInterceptor[]::new));
            TemplateTable.of(template).createIfAbsent(dynamo, TABLE);
            String token = settings.adminToken().orElseGet(() -> kept(settings.dataDir(), "admin-token"));
            byte[] linkKey = kept(settings.dataDir(), "link-key").getBytes(StandardCharsets.UTF_8);
            int port = settings.port() == 0 ? Ports.free() : settings.port();
            var actionQueue = new SqsActionQueue(sqs.client(), queues.urgent().url(), queues.bulk().url());
            inbound = LocalInbound.start(new MimeMessageParser(), settings.clock());
            var bucket = inbound.bucket();
            Aftercare app = Aftercare.builder()
                    .dynamo(dynamo, TABLE)
                    .adminToken(() -> token)
                    .linkKey(() -> linkKey)
                    .publicUrl(() -> URI.create("http://127.0.0.1:" + port))
                    .ses(ses::client, Optional.empty())
                    .actionQueue(() -> actionQueue)
                    .inbound(() -> bucket)
                    .inboundDomain(Optional.of(LocalInbound.DOMAIN))
                    .clock(settings.clock())
                    .build();
            var api = new LocalHttpApi(port, TemplateRoutes.of(template), app, LocalHttpApi.Capacity.DEFAULT);
            var local = new LocalAftercare(dynamoDb, ses, sqs, queues, api, app, token, inbound);
            settings.sweepEvery().ifPresent(every -> {
                local.sweeper.scheduleWithFixedDelay(() -> quietly("sweep", local::sweep), every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
                // what comes back after its visibility timeout, between sweeps
                local.sweeper.scheduleWithFixedDelay(() -> quietly("action queue poll", () -> local.worker.poll(Duration.ZERO)), 1, 1, TimeUnit.SECONDS);
                // the table's stream into the metrics, as its event source mapping does
                local.sweeper.scheduleWithFixedDelay(() -> quietly("metrics stream poll", local::aggregate), 1, 1, TimeUnit.SECONDS);
            });
            settings.dataDir().ifPresent(dir -> {
                // raw messages dropped here are received as SES would deliver them
                Path drop = PrivateFiles.directory(dir.resolve("inbound"));
                local.sweeper.scheduleWithFixedDelay(() -> quietly("inbound drop folder", () -> local.inbound.receiveDropped(drop)), 1, 1, TimeUnit.SECONDS);
            });
            return local;
        } catch (RuntimeException e) {
            // the emulator's process, and DynamoDB Local's and ElasticMQ's server threads, would outlive a failed start
            ses.close();
            if (dynamoDb != null) {
                dynamoDb.close();
            }
            if (sqs != null) {
                sqs.close();
            }
            if (inbound != null) {
                inbound.close();
            }
            throw e;
        }
    }

    /** A secret kept beside the data, so it survives restarts; a fresh random one for in-memory runs. */
    private static String kept(Optional<Path> dataDir, String name) {
        String fresh = HexFormat.of().formatHex(new SecureRandom().generateSeed(24));
        if (dataDir.isEmpty()) {
            return fresh;
        }
        Path file = dataDir.get().resolve(name); // in the folder LocalDynamoDb.persistent made private
        PrivateFiles.createIfAbsent(file, fresh.getBytes(StandardCharsets.UTF_8));
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the " + name + " in " + file, e);
        }
    }

    /**
     * One run of the sweep, through the same handler the scheduled Lambda runs, then every message visible in the
     * action queue through the action handler, as the event source mapping would deliver them.
     */
    public QueueWorker.Polled sweep() {
        new SweepHandler(app).handleRequest(new ScheduledEvent(), new LocalContext("SweepFunction", UUID.randomUUID().toString(), SWEEP_TIMEOUT));
        return worker.drain();
    }

    /** Every change written so far through the aggregator's handler, as the stream's event source mapping delivers them. */
    public int aggregate() {
        return stream.drain();
    }

    /** The size of each batch the aggregator's handler was given so far (each an invocation in a deployment). */
    public List<Integer> aggregatorBatches() {
        return stream.batchSizes();
    }

    /** One raw message received as SES would deliver it to the inbound function; @return its delivery id */
    public String receiveMail(byte[] raw) {
        return inbound.receive(raw);
    }

    /** A timer's run: its failure is said and the timer keeps running, as the next invocation would come anyway. */
    private static void quietly(String what, Runnable run) {
        try {
            run.run();
        } catch (RuntimeException e) {
            System.err.println(what + " failed: " + Failures.describe(e));
        }
    }


    public URI baseUri() {
        return api.baseUri();
    }

    public String adminToken() {
        return adminToken;
    }

    public Aftercare app() {
        return app;
    }

    public LocalDynamoDb dynamoDb() {
        return dynamoDb;
    }

    public SesEmulator ses() {
        return ses;
    }

    public LocalSqs sqs() {
        return sqs;
    }

    /** The action queues (urgent and bulk) and their dead-letter queues. */
    public LocalSqs.ActionQueues queues() {
        return queues;
    }

    /** The worker that hands the action queue's messages to the action handler. */
    public QueueWorker worker() {
        return worker;
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
        api.close();
        sqs.close();
        inbound.close();
        ses.close();
        dynamoDb.close();
    }
}
