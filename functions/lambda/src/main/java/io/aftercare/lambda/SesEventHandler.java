package io.aftercare.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import io.aftercare.email.SesEventParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SES's configuration set publishes to SNS: bounces and complaints suppress addresses; deliveries, delays and rejects
 * go on timelines, and a reject is counted as a failed email.
 */
public final class SesEventHandler implements RequestHandler<SNSEvent, Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(SesEventHandler.class);

    private final Aftercare app;

    public SesEventHandler() {
        this(Aftercare.instance());
    }

    public SesEventHandler(Aftercare app) {
        this.app = app;
        app.mailboxEvents();
    }

    /** @return how many records were about mail Aftercare sent */
    @Override
    public Integer handleRequest(SNSEvent event, Context context) {
        return Invocations.logged(context, java.util.Map.of(), () -> handle(event));
    }

    private int handle(SNSEvent event) {
        int handled = 0;
        for (SNSEvent.SNSRecord record : event.getRecords()) {
            var mailboxEvent = SesEventParser.parse(record.getSNS().getMessage());
            if (app.mailboxEvents().handle(mailboxEvent)) {
                handled++;
                app.telemetry().mailbox(mailboxEvent);
            } else {
                LOG.info("SES {} event without Aftercare's shop tag ignored", mailboxEvent.type());
            }
        }
        return handled;
    }
}
