package io.aftercare.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aftercare.devkit.CapturedOutput;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.action.ActionClass;
import io.aftercare.domain.action.ActionDetail;
import io.aftercare.domain.action.ActionKind;
import io.aftercare.domain.action.ActionRef;
import io.aftercare.domain.action.ActionWorker.Done;
import io.aftercare.domain.action.ActionWorker.Handled;
import io.aftercare.domain.action.ActionWorker.Result;
import io.aftercare.domain.action.DueAction;
import io.aftercare.domain.action.Reason;
import io.aftercare.domain.email.EmailKind;
import io.aftercare.domain.action.Sweep;
import io.aftercare.domain.shop.SlaTarget;
import io.aftercare.domain.timeline.Subject;
import io.aftercare.domain.webhook.ReturnLocator;
import io.aftercare.domain.webhook.WebhookOutcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every way an action can end, counted as the action function counts it, read back from the EMF it writes. */
class TelemetryTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void givenEveryOutcomeOfAnAction_whenCounted_thenEachIsOneMetricWhoseDimensionsAreCodes() throws Exception {
        var telemetry = new Telemetry();
        List<Done> outcomes = new ArrayList<>();
        outcomes.add(done(EmailKind.THANK_YOU.action(), "thank-you#1", Result.of(Handled.SENT)));
        for (Reason reason : Reason.values()) {
            outcomes.add(done(EmailKind.CHECK_IN.action(), "check-in#1", Result.of(Handled.SKIPPED, reason)));
        }
        outcomes.add(done(EmailKind.SURVEY.action(), "survey#1", Result.of(Handled.POSTPONED, Reason.FREQUENCY_CAP)));
        outcomes.add(done(EmailKind.SURVEY.action(), "survey#1", Result.of(Handled.FAILED, Reason.REJECTED)));
        outcomes.add(done(EmailKind.CHECK_IN.action(), "check-in#1", Result.of(Handled.FAILED, Reason.ATTEMPTS_EXHAUSTED)));
        outcomes.add(done(ActionKind.ESCALATION, new ActionDetail.Escalation(2, 1), Result.of(Handled.SENT)));
        outcomes.add(done(ActionKind.SLA_WARNING, new ActionDetail.SlaDeadline(SlaTarget.FIRST_RESPONSE, 1), Result.of(Handled.FAILED, Reason.ATTEMPTS_EXHAUSTED)));
        outcomes.add(done(ActionKind.SLA_BREACH, new ActionDetail.SlaDeadline(SlaTarget.FIRST_RESPONSE, 1), Result.of(Handled.POSTPONED, Reason.OUTSIDE_BUSINESS_HOURS)));
        outcomes.add(done(ActionKind.SLA_BREACH, "sla-breach#T1~first-response~p1", Result.of(Handled.FAILED, Reason.DETAIL_MISSING)));

        List<JsonNode> metrics = emf(CapturedOutput.of(() -> outcomes.forEach(telemetry::action)));

        Map<String, List<String>> dimensions = new HashMap<>();
        for (JsonNode metric : metrics) {
            JsonNode definition = metric.path("_aws").path("CloudWatchMetrics").get(0);
            assertThat(definition.path("Namespace").asText()).isEqualTo(Telemetry.NAMESPACE);
            String name = definition.path("Metrics").get(0).path("Name").asText();
            assertThat(metric.path(name).asDouble()).as(name).isEqualTo(1.0);
            for (JsonNode set : definition.path("Dimensions")) {
                for (JsonNode dimension : set) {
                    String value = metric.path(dimension.asText()).asText();
                    assertThat(value).as(name + " " + dimension.asText()).matches("[A-Za-z0-9_-]+");
                    dimensions.computeIfAbsent(name + "/" + dimension.asText(), k -> new ArrayList<>()).add(value);
                }
            }
        }
        assertThat(dimensions.get("EmailsSkipped/Reason")).containsExactlyInAnyOrderElementsOf(Arrays.stream(Reason.values()).map(Reason::code).toList());
        assertThat(dimensions.get("EmailsSent/Kind")).containsExactly("thank-you");
        assertThat(dimensions.get("EmailsFailed/Kind")).containsExactlyInAnyOrder("survey", "check-in");
        assertThat(dimensions.get("ActionsAbandoned/Service")).containsExactly("actions", "actions", "actions");
        assertThat(dimensions.get("Escalations/Level")).containsExactly("2");
        assertThat(metrics).hasSize(Reason.values().length + 7);
    }

    @Test
    void givenAnEscalationWhoseIdSaysNothingOfItsLevel_whenCounted_thenTheLevelComesFromItsStoredDetail() throws Exception {
        var telemetry = new Telemetry();
        var escalation = new Done(new ActionRef(new ShopId("counted"), "escalation#T1"), Optional.of(ActionKind.ESCALATION),
                Optional.of(new ActionDetail.Escalation(3, 7)), Result.of(Handled.SENT));

        List<JsonNode> metrics = emf(CapturedOutput.of(() -> telemetry.action(escalation)));

        assertThat(metrics).singleElement().satisfies(metric -> assertThat(metric.path("Level").asText()).isEqualTo("3"));
    }

    @Test
    void givenEveryWebhookOutcome_whenCounted_thenAcceptedDuplicateNotPlacedRetryLaterAndRejectedAreCountedAndPingsAndIgnoredTopicsAreNot() throws Exception {
        var telemetry = new Telemetry();
        List<WebhookOutcome> outcomes = List.of(
                new WebhookOutcome.Recorded("d1", "orders/create", 3, List.of(), false, Optional.empty()),
                new WebhookOutcome.Duplicate("d1"),
                new WebhookOutcome.NotPlaced("d3", "reverse_fulfillment_orders/dispose", ReturnLocator.Why.NO_TOKEN),
                new WebhookOutcome.RetryLater("d2", "changed meanwhile"),
                new WebhookOutcome.Rejected(WebhookOutcome.Reason.UNAUTHORIZED, "bad"),
                new WebhookOutcome.Ignored("products/update"),
                new WebhookOutcome.Ping());

        List<String> names = emf(CapturedOutput.of(() -> outcomes.forEach(telemetry::webhook))).stream()
                .map(metric -> metric.path("_aws").path("CloudWatchMetrics").get(0).path("Metrics").get(0).path("Name").asText())
                .toList();

        assertThat(names).containsExactly("WebhooksAccepted", "WebhookDuplicates", "WebhooksNotPlaced", "WebhooksRetryLater", "WebhooksRejected");
    }

    @Test
    void givenASweepThatFoundUrgentWorkWaitingAndNoBulk_whenCounted_thenTheOldestDueAgeOfEachClassIsReportedInSeconds() throws Exception {
        var telemetry = new Telemetry();
        var result = new Sweep.Result(3, 3, 0, Map.of(ActionClass.URGENT, Duration.ofSeconds(95), ActionClass.BULK, Duration.ZERO));

        List<JsonNode> metrics = emf(CapturedOutput.of(() -> telemetry.sweep(result)));

        Map<String, Double> ages = new HashMap<>();
        for (JsonNode metric : metrics) {
            JsonNode definition = metric.path("_aws").path("CloudWatchMetrics").get(0);
            assertThat(definition.path("Metrics").get(0).path("Name").asText()).isEqualTo("OldestDueAge");
            assertThat(definition.path("Metrics").get(0).path("Unit").asText()).isEqualTo("Seconds");
            ages.put(metric.path("Class").asText(), metric.path("OldestDueAge").asDouble());
        }
        assertThat(ages).isEqualTo(Map.of("urgent", 95.0, "bulk", 0.0));
    }

    @Test
    void givenAWebhookAccepted_whenCounted_thenStandardOutputHasOneLineThatIsACompleteEmfDocument() throws Exception {
        var telemetry = new Telemetry();
        long before = System.currentTimeMillis();

        String output = CapturedOutput.of(() -> telemetry.webhook(new WebhookOutcome.Recorded("d1", "orders/create", 1, List.of(), false, Optional.empty())));

        assertThat(output.lines().filter(line -> line.contains("_aws"))).singleElement().satisfies(line -> {
            JsonNode metric = JSON.readTree(line);
            JsonNode aws = metric.path("_aws");
            assertThat(aws.path("Timestamp").asLong()).isBetween(before, System.currentTimeMillis());
            assertThat(aws.path("CloudWatchMetrics")).hasSize(1);
            JsonNode definition = aws.path("CloudWatchMetrics").get(0);
            assertThat(definition.path("Namespace").asText()).isEqualTo("Aftercare");
            assertThat(definition.path("Metrics").toString()).isEqualTo("[{\"Name\":\"WebhooksAccepted\",\"Unit\":\"Count\"}]");
            assertThat(definition.path("Dimensions").toString()).isEqualTo("[[\"Service\"]]");
            assertThat(metric.path("Service").asText()).isEqualTo("webhooks");
            assertThat(metric.path("WebhooksAccepted").asDouble()).isEqualTo(1.0);
        });
    }

    private static Done done(ActionKind kind, String actionId, Result result) {
        return new Done(new ActionRef(new ShopId("counted"), actionId), Optional.of(kind), Optional.empty(), result);
    }

    private static Done done(ActionKind kind, ActionDetail detail, Result result) {
        String actionId = DueAction.of(kind, new Subject(Subject.Type.TICKET, "T1"), detail, Instant.EPOCH).id();
        return new Done(new ActionRef(new ShopId("counted"), actionId), Optional.of(kind), Optional.of(detail), result);
    }

    private static List<JsonNode> emf(String output) {
        List<JsonNode> metrics = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (line.contains("\"_aws\"")) {
                try {
                    metrics.add(JSON.readTree(line.substring(line.indexOf('{'))));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return metrics;
    }
}
