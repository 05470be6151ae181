package io.aftercare.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.aftercare.lambda.queue.ActionMessages;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The action queue's consumer: runs each claimed action, the batch's at once. A message whose action fails for a
 * temporary reason is reported back (partial batch failure) and retried by SQS; the others in the batch are done and
 * not repeated.
 */
public final class ActionHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(ActionHandler.class);

    /** The event source's BatchSize: every message of a batch runs at once. */
    public static final int CONCURRENCY = 10;

    /** Left of the invocation's time when the handler stops waiting: enough to answer before Lambda stops it. */
    static final Duration MARGIN = Duration.ofSeconds(3);

    /** Platform threads: on java21 a virtual thread blocked in a synchronized block holds its carrier, and a small Lambda has one core. */
    private static final ThreadFactory THREADS = Thread.ofPlatform().name("action-", 0).daemon().factory();

    private final Aftercare app;

    public ActionHandler() {
        this(Aftercare.instance());
    }

    public ActionHandler(Aftercare app) {
        this.app = app;
        app.actionWorker();
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return Invocations.logged(context, Map.of(), () -> {
            List<SQSEvent.SQSMessage> messages = event.getRecords();
            List<Boolean> done = runAll(messages, deadline(context));
            List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
            for (int i = 0; i < messages.size(); i++) {
                if (!done.get(i)) {
                    failures.add(SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(messages.get(i).getMessageId()).build());
                }
            }
            return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
        });
    }

    /** When to stop waiting for the batch; none without a context (tests call the handler directly). */
    private static Optional<Instant> deadline(Context context) {
        return Optional.ofNullable(context).map(c -> Instant.now().plusMillis(c.getRemainingTimeInMillis()).minus(MARGIN));
    }

    /**
     * The batch's messages at once, at most {@link #CONCURRENCY} at a time: an email waits mostly on DynamoDB and SES,
     * so one after the other a batch takes ten times one email. Each runs on a thread of its own with the
     * invocation's log context; the exclusive sending mark keeps a message delivered twice in one batch to one email.
     * A message not done by the deadline is retried (its claim keeps a late finish from sending twice); its thread is
     * interrupted rather than left running into the next invocation of a thawed container.
     */
    private List<Boolean> runAll(List<SQSEvent.SQSMessage> messages, Optional<Instant> deadline) {
        if (messages.size() < 2) {
            return messages.stream().map(this::run).toList();
        }
        Map<String, String> logContext = MDC.getCopyOfContextMap();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(CONCURRENCY, messages.size()), THREADS);
        try {
            List<Future<Boolean>> runs = messages.stream().map(message -> pool.submit(() -> {
                if (logContext != null) {
                    MDC.setContextMap(logContext);
                }
                try {
                    return run(message);
                } finally {
                    MDC.clear();
                }
            })).toList();
            List<Boolean> done = new ArrayList<>();
            for (int i = 0; i < runs.size(); i++) {
                done.add(outcome(runs.get(i), messages.get(i).getMessageId(), deadline));
            }
            return done;
        } finally {
            pool.shutdownNow(); // after an Error, or past the deadline, nothing of this batch may run on
        }
    }

    /** A run's answer; a message whose run this invocation could not wait for is retried. */
    private static boolean outcome(Future<Boolean> run, String messageId, Optional<Instant> deadline) {
        try {
            if (deadline.isEmpty()) {
                return run.get();
            }
            return run.get(Math.max(0, Duration.between(Instant.now(), deadline.get()).toMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("action message {} was not done before the invocation's deadline and will be retried", messageId);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            // run() answers every RuntimeException itself: what is left is an Error, which fails the invocation as before
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** @return false when the message must be retried */
    private boolean run(SQSEvent.SQSMessage message) {
        try {
            var action = ActionMessages.read(message.getBody());
            MDC.put("action_id", action.ref().actionId());
            MDC.put("shop", action.ref().shop().value());
            var done = action.action().map(app.actionWorker()::handle).orElseGet(() -> app.actionWorker().handle(action.ref(), action.claimToken()));
            app.telemetry().action(done);
            LOG.info("action {}: {}{}", action.ref().actionId(), done.result().handled(), done.result().reason().map(r -> " " + r.code()).orElse(""));
            return true;
        } catch (RuntimeException e) {
            LOG.warn("action message {} failed and will be retried: {}", message.getMessageId(), Failures.describe(e));
            return false;
        } finally {
            MDC.remove("action_id");
            MDC.remove("shop");
        }
    }
}
