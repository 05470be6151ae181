package io.aftercare.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every minute (EventBridge): claim what is due and queue it for the action workers, well inside the invocation's time. */
public final class SweepHandler implements RequestHandler<ScheduledEvent, String> {

    private static final Logger LOG = LoggerFactory.getLogger(SweepHandler.class);

    private final Aftercare app;

    public SweepHandler() {
        this(Aftercare.instance());
    }

    public SweepHandler(Aftercare app) {
        this.app = app;
        app.sweep();
    }

    @Override
    public String handleRequest(ScheduledEvent event, Context context) {
        return Invocations.logged(context, java.util.Map.of(), () -> {
            // without a context (the local runner, tests) nothing but the sweep's own budget limits it
            var result = context == null ? app.sweep().run() : app.sweep().run(Duration.ofMillis(context.getRemainingTimeInMillis()));
            app.telemetry().sweep(result);
            LOG.info("sweep: {} due, {} claimed and queued, {} bulk left for the next sweep; oldest due {}", result.due(), result.claimed(),
                    result.deferred(), result.oldestDue());
            return "due=" + result.due() + " claimed=" + result.claimed() + " deferred=" + result.deferred();
        });
    }
}
