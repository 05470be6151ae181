package io.aftercare.bench;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.aftercare.devkit.LocalDynamoDb;
import io.aftercare.devkit.LocalSqs;
import io.aftercare.devkit.QueueWorker;
import io.aftercare.devkit.SesEmulator;
import io.aftercare.devkit.TemplateQueue;
import io.aftercare.devkit.TemplateTable;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.action.ActionDetail;
import io.aftercare.domain.action.ActionKind;
import io.aftercare.domain.email.EmailKind;
import io.aftercare.domain.action.ActionQueue;
import io.aftercare.domain.action.ClaimedAction;
import io.aftercare.domain.action.DueAction;
import io.aftercare.domain.action.SendRates;
import io.aftercare.domain.action.Sweep;
import io.aftercare.domain.order.OrderId;
import io.aftercare.domain.timeline.Subject;
import io.aftercare.dynamodb.ActionItems;
import io.aftercare.dynamodb.DynamoActionStore;
import io.aftercare.lambda.ActionHandler;
import io.aftercare.lambda.Aftercare;
import io.aftercare.lambda.SweepHandler;
import io.aftercare.lambda.WebhookHandler;
import io.aftercare.lambda.queue.SqsActionQueue;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * A wave in real time: thank-yous of orders placed at once, and escalations due a minute after the sweeps start,
 * through the sweep (every {@link #SWEEP_EVERY}, as the local runner sweeps, topping the bulk queue up to that interval
 * of sending at the bulk rate), ElasticMQ's urgent and bulk queues made from {@code template.yaml} and workers polling
 * both, urgent first, on the SES emulator; an action claimed twice is one whose lease ended before it was done. And what a sweep reads and
 * asks of DynamoDB per action it claims, with one shard and with eight.
 */
final class WaveBenchmark {

    /** The sweep's interval here: the escalations' target is to be claimed within it. */
    static final Duration SWEEP_EVERY = Duration.ofSeconds(10);
    static final int ESCALATIONS = 10;
    /** The bulk send rate by default: above what the workers manage on a shared laptop, so that they govern the drain. */
    static final double BULK_RATE = 100;
    private static final String TABLE = "wave";
    /** The issue's wave: the escalations come due a minute into it. */
    static final Duration ESCALATIONS_DUE_AFTER = Duration.ofMinutes(1);
    private static final Duration GIVE_UP = Duration.ofMinutes(20);

    /**
     * @param bulkRate the bulk send rate the sweep paces by, emails a second
     * @param drainSeconds from the first sweep until every thank-you was claimed and none was left in its queue
     *     (waiting, delayed or being worked)
     * @param escalationDelaysSeconds for each escalation, from its due time to its claim
     * @param claimedAgain claims of an action claimed before: its lease ended before it was done
     * @param duplicates emails sent to an address that had its email already
     */
    record Run(int workers, int thankYous, double bulkRate, double drainSeconds, int emailsSent, List<Double> escalationDelaysSeconds,
               long claimedAgain, long duplicates) {

        double worstEscalationDelay() {
            return escalationDelaysSeconds.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        }

        /** Thank-yous sent a second over the drain. */
        double drainRate() {
            return thankYous / drainSeconds;
        }
    }

    record Reads(int shards, int claimed, long itemsRead, long requests) {

        double itemsPerAction() {
            return itemsRead / (double) claimed;
        }

        double requestsPerAction() {
            return requests / (double) claimed;
        }
    }

    /** @param bulkRate the deployment's bulk send rate (and one shop's: the wave is one shop's) */
    Run wave(int thankYous, int workers, double bulkRate, Duration escalationsDueAfter) throws Exception {
        try (var dynamoDb = LocalDynamoDb.inMemory(); var ses = SesEmulator.start(); var sqs = LocalSqs.start()) {
            var dynamo = dynamoDb.client();
            TemplateTable.fromRepository().createIfAbsent(dynamo, TABLE);
            var queues = sqs.create(TemplateQueue.urgentActionsFromRepository(), TemplateQueue.actionsFromRepository(), "wave");
            var toSqs = new SqsActionQueue(sqs.client(), queues.urgent().url(), queues.bulk().url());
            Map<String, Instant> claimedAt = new ConcurrentHashMap<>();
            var claimedAgain = new AtomicLong();
            ActionQueue timed = new ActionQueue() {
                @Override
                public void submit(List<ClaimedAction> claimed, Duration delay) {
                    Instant now = Instant.now();
                    toSqs.submit(claimed, delay);
                    // only once queued: "claimed and its queue empty" must not be seen while the messages are on their way
                    claimed.forEach(action -> {
                        if (claimedAt.putIfAbsent(action.actionId(), now) != null) {
                            claimedAgain.incrementAndGet();
                        }
                    });
                }

                @Override
                public long bulkQueued() {
                    return toSqs.bulkQueued();
                }
            };
            var app = Aftercare.builder().dynamo(dynamo, TABLE)
                    .ses(ses::client, Optional.empty())
                    .linkKey(() -> "wave-link-key-0123456789-0123456789".getBytes(StandardCharsets.UTF_8))
                    .publicUrl(() -> URI.create("https://bench.example"))
                    .actionQueue(() -> timed)
                    // a sweep ends before the next is due
                    .sweepSettings(() -> new Sweep.Settings(SWEEP_EVERY, SWEEP_EVERY.minusSeconds(2), Sweep.Settings.DEFAULT.claimConcurrency(),
                            new SendRates(bulkRate, bulkRate)))
                    .clock(Clock.systemUTC())
                    .build();
            Rig.registerShop(app);
            placeOrders(app, thankYous);

            Instant start = Instant.now();
            Instant escalationsDue = start.plus(escalationsDueAfter);
            List<String> escalations = scheduleEscalations(dynamo, escalationsDue);
            var handler = new ActionHandler(app);
            var worker = new QueueWorker(sqs.client(), queues.urls(), event -> handler.handleRequest(event, null));
            var sweeper = Executors.newSingleThreadScheduledExecutor();
            var pool = Executors.newFixedThreadPool(workers);
            var stop = new AtomicBoolean();
            try {
                var sweep = new SweepHandler(app);
                sweeper.scheduleAtFixedRate(() -> sweep.handleRequest(new ScheduledEvent(), null), 0, SWEEP_EVERY.toMillis(), TimeUnit.MILLISECONDS);
                for (int i = 0; i < workers; i++) {
                    pool.submit(() -> {
                        while (!stop.get()) {
                            worker.poll(Duration.ofSeconds(1));
                        }
                        return null;
                    });
                }
                Instant drained = null;
                while (Instant.now().isBefore(start.plus(GIVE_UP))) {
                    long thankYousClaimed = claimedAt.keySet().stream().filter(id -> id.startsWith(EmailKind.THANK_YOU.action().slug())).count();
                    if (drained == null && thankYousClaimed >= thankYous && toSqs.bulkQueued() == 0) {
                        drained = Instant.now();
                    }
                    if (drained != null && escalations.stream().allMatch(claimedAt::containsKey) && sqs.messagesIn(queues.urgent().url()) == 0) {
                        break;
                    }
                    Thread.sleep(100);
                }
                if (drained == null) {
                    throw new IllegalStateException("the wave did not drain in " + GIVE_UP);
                }
                List<Double> delays = escalations.stream().map(id -> Duration.between(escalationsDue, claimedAt.get(id)).toMillis() / 1000.0).toList();
                List<String> sentTo = ses.emails().stream().map(email -> email.to().get(0)).filter(to -> to.startsWith("wave-")).toList();
                return new Run(workers, thankYous, bulkRate, Duration.between(start, drained).toMillis() / 1000.0, sentTo.size(), delays,
                        claimedAgain.get(), sentTo.size() - sentTo.stream().distinct().count());
            } finally {
                stop.set(true);
                sweeper.shutdownNow();
                pool.shutdown();
                pool.awaitTermination(10, TimeUnit.SECONDS);
            }
        }
    }

    /** The orders, placed through the webhook handler four at a time: each thank-you is due as its order is placed. */
    private static void placeOrders(Aftercare app, int orders) throws Exception {
        var webhooks = new WebhookHandler(app);
        var placing = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < orders; i++) {
                String id = "W" + i;
                answers.add(placing.submit(() -> webhooks.handleRequest(Rig.orderEvent(id, "wave-" + id + "@example.com", Instant.now()), null).getStatusCode()));
            }
            for (Future<Integer> answer : answers) {
                if (answer.get() != 200) {
                    throw new IllegalStateException("an order was not recorded: " + answer.get());
                }
            }
        } finally {
            placing.shutdown();
        }
    }

    private static List<String> scheduleEscalations(DynamoDbClient dynamo, Instant due) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < ESCALATIONS; i++) {
            var escalation = DueAction.of(ActionKind.ESCALATION, Subject.ticket("wave-ticket-" + i), new ActionDetail.Escalation(1, 1), due);
            dynamo.putItem(b -> b.tableName(TABLE).item(ActionItems.pending(new ShopId(Rig.SHOP), escalation, Instant.now(),
                    DynamoActionStore.DEFAULT_DUE_SHARDS)));
            ids.add(escalation.id());
        }
        return ids;
    }

    /** Items read from the Due index and DynamoDB requests of one sweep claiming {@code due} actions written under {@code shards}. */
    Reads reads(int due, int shards) {
        var itemsRead = new AtomicLong();
        var requests = new AtomicLong();
        ExecutionInterceptor counter = new ExecutionInterceptor() {
            @Override
            public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
                requests.incrementAndGet();
                if (context.request() instanceof QueryRequest query && "Due".equals(query.indexName())) {
                    itemsRead.addAndGet(((QueryResponse) context.response()).count());
                }
            }
        };
        try (var dynamoDb = LocalDynamoDb.inMemory()) {
            var dynamo = dynamoDb.client(counter);
            TemplateTable.fromRepository().createIfAbsent(dynamo, TABLE);
            var claimed = new HeldQueue();
            var app = Aftercare.builder().dynamo(dynamo, TABLE).dueShards(shards)
                    .actionQueue(() -> claimed)
                    // a rate that lets one sweep take everything due, and the longest budget a sweep may have
                    .sweepSettings(() -> new Sweep.Settings(Sweep.LEASE.minusSeconds(1), Sweep.LEASE.minusSeconds(2),
                            Sweep.Settings.DEFAULT.claimConcurrency(), new SendRates(due, due)))
                    .clock(Clock.systemUTC())
                    .build();
            // as every minute: the cursor at this hour
            app.sweep().run();
            Instant now = Instant.now();
            BatchWrites.put(dynamo, TABLE, IntStream.range(0, due).mapToObj(i -> ActionItems.pending(new ShopId(Rig.SHOP),
                    DueAction.of(EmailKind.THANK_YOU.action(), Subject.order(new OrderId("R" + i)), now.minusSeconds(30)), now, shards)).iterator());
            itemsRead.set(0);
            requests.set(0);
            app.sweep().run();
            return new Reads(shards, claimed.take().size(), itemsRead.get(), requests.get());
        }
    }
}
