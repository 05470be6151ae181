package io.aftercare.local;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import io.aftercare.domain.action.ActionQueue;
import io.aftercare.domain.action.ClaimedAction;
import io.aftercare.lambda.ActionHandler;
import io.aftercare.lambda.queue.ActionMessages;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The action queue of the local runner: what the sweep submits is handed, as the SQS event AWS would deliver (ten
 * messages a batch), to the same {@link ActionHandler} the action Lambda runs. Failed messages are left to the
 * lease: the next sweep claims their actions again, as it would after SQS gave up.
 */
final class InProcessActionQueue implements ActionQueue {

    private static final int SQS_BATCH = 10;
    private final AtomicReference<ActionHandler> handler = new AtomicReference<>();

    void deliverTo(ActionHandler actionHandler) {
        handler.set(actionHandler);
    }

    @Override
    public void submit(List<ClaimedAction> actions) {
        for (int from = 0; from < actions.size(); from += SQS_BATCH) {
            var event = ActionMessages.event(actions.subList(from, Math.min(actions.size(), from + SQS_BATCH)));
            SQSBatchResponse response = handler.get().handleRequest(event, new LocalContext("ActionFunction", UUID.randomUUID().toString()));
            if (!response.getBatchItemFailures().isEmpty()) {
                System.err.printf("%d action(s) failed; they are retried when their lease ends%n", response.getBatchItemFailures().size());
            }
        }
    }
}
