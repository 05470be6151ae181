package io.aftercare.lambda;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.aftercare.domain.action.ActionDetail;
import io.aftercare.domain.action.ActionKind;
import io.aftercare.domain.action.ActionWorker;
import io.aftercare.domain.action.Sweep;
import io.aftercare.domain.email.MailboxEvent;
import io.aftercare.domain.inbound.InboundOutcome;
import io.aftercare.domain.webhook.WebhookOutcome;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Locale;

/**
 * Aftercare's CloudWatch metrics, in Embedded Metric Format: webhooks accepted, duplicate and
 * rejected by reason; emails sent, skipped by reason, failed; actions abandoned after too many attempts; escalations by
 * level; SLA warnings and breaches; the sweep's lag per action class. Dimension values are codes from fixed sets
 * (CloudWatch refuses free text). Each count is flushed as it happens, with only its own dimensions. The alarms in
 * {@code template.yaml} read them.
 *
 * <p>Each count is one EMF document on a line of standard output, which Lambda sends to CloudWatch Logs (the format:
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html).
 * Written here with Jackson's streaming writer rather than through Powertools' metrics and the EMF library, whose
 * environment probing and reflective serialization cost a fresh function about half a second on its first request.
 */
public final class Telemetry {

    public static final String NAMESPACE = "Aftercare";

    private static final JsonFactory JSON = new JsonFactory();

    private final Clock clock = Clock.systemUTC();

    public void webhook(WebhookOutcome outcome) {
        switch (outcome) {
            case WebhookOutcome.Recorded recorded -> count("WebhooksAccepted", new Dimension("Service", "webhooks"));
            // a return step no order could be found for: a shop without a token, or with a refused one, shows here
            case WebhookOutcome.NotPlaced notPlaced -> count("WebhooksNotPlaced", new Dimension("Reason", notPlaced.why().name().toLowerCase(Locale.ROOT)));
            case WebhookOutcome.Duplicate duplicate -> count("WebhookDuplicates", new Dimension("Service", "webhooks"));
            case WebhookOutcome.Rejected rejected -> count("WebhooksRejected", new Dimension("Reason", rejected.reason().code()));
            // a write that lost every race: the platform retries, and a steady count means contention worth a look
            case WebhookOutcome.RetryLater retry -> count("WebhooksRetryLater", new Dimension("Service", "webhooks"));
            case WebhookOutcome.Ignored ignored -> { }
            case WebhookOutcome.Ping ping -> { }
        }
    }

    public void action(ActionWorker.Done done) {
        if (done.kind().isEmpty()) {
            return;
        }
        ActionKind kind = done.kind().get();
        ActionWorker.Result result = done.result();
        if (result.abandoned()) {
            count("ActionsAbandoned", new Dimension("Service", "actions"));
        }
        if (kind.forCase() || kind.forPrivacy()) {
            return; // a check on a return or a parcel, or a privacy job, is no email: what it did is on the timelines
        }
        if (kind.equals(ActionKind.SLA_WARNING)) {
            countIfSent(result, "SlaWarnings", new Dimension("Service", "tickets"));
        } else if (kind.equals(ActionKind.SLA_BREACH)) {
            countIfSent(result, "SlaBreaches", new Dimension("Service", "tickets"));
        } else if (kind.equals(ActionKind.ESCALATION)) {
            countIfSent(result, "Escalations", new Dimension("Level", level(done)));
        } else {
            switch (result.handled()) {
                case SENT -> count("EmailsSent", new Dimension("Kind", kind.slug()));
                case SKIPPED -> count("EmailsSkipped", new Dimension("Reason", result.reason().orElseThrow().code()));
                case FAILED -> count("EmailsFailed", new Dimension("Kind", kind.slug()));
                default -> { }
            }
        }
    }

    /**
     * Per class, the age of the oldest action due and not yet claimed when the sweep began, in seconds: zero while the
     * sweep keeps up, growing when it does not (the lag alarms read it).
     */
    public void sweep(Sweep.Result result) {
        result.oldestDue().forEach((actionClass, age) -> write("OldestDueAge", age.toMillis() / 1000.0, "Seconds", new Dimension("Class", actionClass.code())));
    }

    /** SES refusing to send an email is as much a failed email as a refusal at SendEmail. */
    public void mailbox(MailboxEvent event) {
        if (event.type() == MailboxEvent.Type.REJECTED) {
            count("EmailsFailed", new Dimension("Kind", event.kind().map(ActionKind::slug).orElse("email")));
        }
    }

    /** Received emails by what became of them (added, opened, auto-reply, quarantined, rate-limited, refused, duplicate). */
    public void inbound(InboundOutcome outcome) {
        count("InboundMessages", new Dimension("Disposition", outcome.disposition().name().toLowerCase(Locale.ROOT)));
    }

    /** Discount codes issued, withheld (the shop refused), redeemed, and a shop's pool running low. */
    void discount(String metric) {
        count(metric, new Dimension("Service", "discounts"));
    }

    private void countIfSent(ActionWorker.Result result, String metric, Dimension dimension) {
        if (result.handled() == ActionWorker.Handled.SENT) {
            count(metric, dimension);
        }
    }

    private static String level(ActionWorker.Done done) {
        return done.detail().filter(ActionDetail.Escalation.class::isInstance).map(ActionDetail.Escalation.class::cast)
                .map(escalation -> Integer.toString(escalation.level())).orElse("unknown");
    }

    private void count(String metric, Dimension dimension) {
        write(metric, 1, "Count", dimension);
    }

    /** A metric's one dimension: its value a code from a fixed set. */
    private record Dimension(String name, String value) {
    }

    private void write(String metric, double value, String unit, Dimension dimension) {
        var line = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(line)) {
            json.writeStartObject();
            json.writeFieldName("_aws");
            json.writeStartObject();
            json.writeNumberField("Timestamp", clock.millis());
            json.writeFieldName("CloudWatchMetrics");
            json.writeStartArray();
            json.writeStartObject();
            json.writeStringField("Namespace", NAMESPACE);
            json.writeFieldName("Metrics");
            json.writeStartArray();
            json.writeStartObject();
            json.writeStringField("Name", metric);
            json.writeStringField("Unit", unit);
            json.writeEndObject();
            json.writeEndArray();
            json.writeFieldName("Dimensions");
            json.writeStartArray();
            json.writeStartArray();
            json.writeString(dimension.name());
            json.writeEndArray();
            json.writeEndArray();
            json.writeEndObject();
            json.writeEndArray();
            json.writeEndObject();
            json.writeStringField(dimension.name(), dimension.value());
            json.writeNumberField(metric, value);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        System.out.println(line); // read each time: the tests capture standard output by replacing it
    }
}
