package io.aftercare.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aftercare.lambda.inbound.SesReceipt;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * SES's receipt rule invokes this (asynchronously) once its S3 action has written the raw message: each record is
 * read, parsed and put on its ticket. A message that cannot be read is refused and done with; anything else that
 * fails is thrown, and Lambda retries the event twice, then hands it to the inbound DLQ (alarmed).
 */
public final class InboundEmailHandler implements RequestHandler<Map<String, Object>, Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(InboundEmailHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Aftercare app;

    public InboundEmailHandler() {
        this(Aftercare.instance());
    }

    public InboundEmailHandler(Aftercare app) {
        this.app = app;
        app.receivedMail();
    }

    /** @return how many records went on a ticket (added to one or opening one) */
    @Override
    public Integer handleRequest(Map<String, Object> event, Context context) {
        return Invocations.logged(context, Map.of(), () -> {
            int ticketed = 0;
            for (SesReceipt receipt : receipts(event)) {
                MDC.put("delivery_id", receipt.messageId());
                try {
                    var outcome = app.receivedMail().receive(receipt);
                    app.telemetry().inbound(outcome);
                    LOG.info("received message {}: {}{}", receipt.messageId(), outcome.disposition(),
                            outcome.ticketId().map(t -> " ticket " + t).orElse(""));
                    ticketed += outcome.ticketId().isPresent() ? 1 : 0;
                } finally {
                    MDC.remove("delivery_id");
                }
            }
            return ticketed;
        });
    }

    /** An event that is no SES receipt is refused whole: Lambda would only retry it into the DLQ. */
    private static java.util.List<SesReceipt> receipts(Map<String, Object> event) {
        try {
            return SesReceipt.read(JSON.valueToTree(event));
        } catch (SesReceipt.NotAReceipt notAReceipt) {
            LOG.warn("event refused: {}", notAReceipt.getMessage());
            return java.util.List.of();
        }
    }
}
