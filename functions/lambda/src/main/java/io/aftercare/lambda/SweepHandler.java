package io.aftercare.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every minute (EventBridge): claim what is due and queue it for the action workers. */
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
            var result = app.sweep().run();
            LOG.info("sweep: {} due, {} claimed and queued", result.due(), result.claimed());
            return "due=" + result.due() + " claimed=" + result.claimed();
        });
    }
}
