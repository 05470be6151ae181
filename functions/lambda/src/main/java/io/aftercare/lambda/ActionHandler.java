package io.aftercare.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.aftercare.lambda.queue.ActionMessages;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The action queue's consumer: runs each claimed action. A message whose action fails for a temporary reason is
 * reported back (partial batch failure) and retried by SQS; the others in the batch are done and not repeated.
 */
public final class ActionHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(ActionHandler.class);

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
            List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
            for (SQSEvent.SQSMessage message : event.getRecords()) {
                if (!run(message)) {
                    failures.add(SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(message.getMessageId()).build());
                }
            }
            return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
        });
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
