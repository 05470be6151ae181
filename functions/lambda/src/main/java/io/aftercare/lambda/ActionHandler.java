package io.aftercare.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.aftercare.lambda.queue.ActionMessages;
import java.util.ArrayList;
import java.util.List;
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
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            try {
                var action = ActionMessages.read(message.getBody());
                MDC.put("action_id", action.ref().actionId());
                var handled = app.actionWorker().handle(action.ref(), action.claimToken());
                LOG.info("action {} of {}: {}", action.ref().actionId(), action.ref().shop(), handled);
            } catch (RuntimeException e) {
                LOG.warn("action message {} failed and will be retried: {}", message.getMessageId(), e.toString());
                failures.add(SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(message.getMessageId()).build());
            } finally {
                MDC.remove("action_id");
            }
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }
}
