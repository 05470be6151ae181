package io.aftercare.lambda;

import io.aftercare.domain.action.ActionDetail;
import io.aftercare.domain.action.ActionKind;
import io.aftercare.domain.action.ActionWorker;
import io.aftercare.domain.action.Sweep;
import io.aftercare.domain.email.MailboxEvent;
import io.aftercare.domain.inbound.InboundOutcome;
import io.aftercare.domain.webhook.WebhookOutcome;
import software.amazon.cloudwatchlogs.emf.config.EnvironmentConfigurationProvider;
import software.amazon.cloudwatchlogs.emf.environment.Environments;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * Aftercare's CloudWatch metrics, in Embedded Metric Format through Powertools: webhooks accepted, duplicate and
 * rejected by reason; emails sent, skipped by reason, failed; actions abandoned after too many attempts; escalations by
 * level; SLA warnings and breaches; the sweep's lag per action class. Dimension values are codes from fixed sets
 * (CloudWatch refuses free text). Each count is flushed as it happens, with only its own dimensions. The alarms in
 * {@code template.yaml} read them.
 */
public final class Telemetry {

    public static final String NAMESPACE = "Aftercare";

    private final Metrics metrics;

    public Telemetry() {
        if (System.getenv("AWS_LAMBDA_FUNCTION_NAME") == null) {
            // Outside Lambda (local runner, tests) the EMF library would look for a CloudWatch agent: write to stdout instead.
            EnvironmentConfigurationProvider.getConfig().setEnvironmentOverride(Environments.Local);
        }
        this.metrics = MetricsFactory.getMetricsInstance();
    }

    public void webhook(WebhookOutcome outcome) {
        switch (outcome) {
            case WebhookOutcome.Recorded recorded -> count("WebhooksAccepted", DimensionSet.of("Service", "webhooks"));
            case WebhookOutcome.Duplicate duplicate -> count("WebhookDuplicates", DimensionSet.of("Service", "webhooks"));
            case WebhookOutcome.Rejected rejected -> count("WebhooksRejected", DimensionSet.of("Reason", rejected.reason().code()));
            // a write that lost every race: the platform retries, and a steady count means contention worth a look
            case WebhookOutcome.RetryLater retry -> count("WebhooksRetryLater", DimensionSet.of("Service", "webhooks"));
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
            count("ActionsAbandoned", DimensionSet.of("Service", "actions"));
        }
        if (kind.forCase() || kind.forPrivacy()) {
            return; // a check on a return or a parcel, or a privacy job, is no email: what it did is on the timelines
        }
        if (kind.equals(ActionKind.SLA_WARNING)) {
            countIfSent(result, "SlaWarnings", DimensionSet.of("Service", "tickets"));
        } else if (kind.equals(ActionKind.SLA_BREACH)) {
            countIfSent(result, "SlaBreaches", DimensionSet.of("Service", "tickets"));
        } else if (kind.equals(ActionKind.ESCALATION)) {
            countIfSent(result, "Escalations", DimensionSet.of("Level", level(done)));
        } else {
            switch (result.handled()) {
                case SENT -> count("EmailsSent", DimensionSet.of("Kind", kind.slug()));
                case SKIPPED -> count("EmailsSkipped", DimensionSet.of("Reason", result.reason().orElseThrow().code()));
                case FAILED -> count("EmailsFailed", DimensionSet.of("Kind", kind.slug()));
                default -> { }
            }
        }
    }

    /**
     * Per class, the age of the oldest action due and not yet claimed when the sweep began, in seconds: zero while the
     * sweep keeps up, growing when it does not (the lag alarms read it).
     */
    public void sweep(Sweep.Result result) {
        result.oldestDue().forEach((actionClass, age) -> metrics.flushSingleMetric("OldestDueAge", age.toMillis() / 1000.0, MetricUnit.SECONDS,
                NAMESPACE, DimensionSet.of("Class", actionClass.code())));
    }

    /** SES refusing to send an email is as much a failed email as a refusal at SendEmail. */
    public void mailbox(MailboxEvent event) {
        if (event.type() == MailboxEvent.Type.REJECTED) {
            count("EmailsFailed", DimensionSet.of("Kind", event.kind().map(ActionKind::slug).orElse("email")));
        }
    }

    /** Received emails by what became of them (added, opened, auto-reply, quarantined, rate-limited, refused, duplicate). */
    public void inbound(InboundOutcome outcome) {
        count("InboundMessages", DimensionSet.of("Disposition", outcome.disposition().name().toLowerCase(java.util.Locale.ROOT)));
    }

    /** Discount codes issued, withheld (the shop refused), redeemed, and a shop's pool running low. */
    void discount(String metric) {
        count(metric, DimensionSet.of("Service", "discounts"));
    }

    private void countIfSent(ActionWorker.Result result, String metric, DimensionSet dimensions) {
        if (result.handled() == ActionWorker.Handled.SENT) {
            count(metric, dimensions);
        }
    }

    private static String level(ActionWorker.Done done) {
        return done.detail().filter(ActionDetail.Escalation.class::isInstance).map(ActionDetail.Escalation.class::cast)
                .map(escalation -> Integer.toString(escalation.level())).orElse("unknown");
    }

    private void count(String metric, DimensionSet dimensions) {
        metrics.flushSingleMetric(metric, 1, MetricUnit.COUNT, NAMESPACE, dimensions);
    }
}
