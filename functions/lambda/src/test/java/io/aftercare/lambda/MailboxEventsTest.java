package io.aftercare.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.aftercare.devkit.DynamoDbExtension;
import io.aftercare.devkit.Fixtures;
import io.aftercare.devkit.TestTable;
import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.PageRequest;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.timeline.EntryKind;
import io.aftercare.domain.timeline.Subject;
import io.aftercare.domain.timeline.TimelineEntry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** SES's documented event records (in infrastructure/fixtures/ses) delivered through SNS to the SES event handler. */
@ExtendWith(DynamoDbExtension.class)
class MailboxEventsTest {

    private static Harness aftercare;

    @BeforeAll
    static void start(TestTable table) {
        aftercare = new Harness(table, Instant.parse("2026-11-23T10:00:00Z"));
    }

    @Test
    void givenADeliveryRecord_whenReceived_thenTheOrdersTimelineSaysTheThankYouWasDelivered() {
        handle("delivery.json");

        assertThat(summaries("7300000000001")).contains("Thank-you email delivered");
    }

    @Test
    void givenARecordWhoseActionIdSaysNothing_whenReceived_thenItsKindAndOrderTagsStillPutItOnTheOrdersTimeline() {
        String opaque = new String(Fixtures.ses("delivery.json"), StandardCharsets.UTF_8).replace("thank-you#7300000000001", "opaque-1")
                .replace("\"7300000000001\"", "\"7300000000002\"");

        assertThat(new SesEventHandler(aftercare.app).handleRequest(sns(opaque), null)).isEqualTo(1);

        assertThat(summaries("7300000000002")).contains("Thank-you email delivered");
    }

    @Test
    void givenAComplaintRecord_whenReceived_thenTheAddressIsSuppressedAndTheTimelineSaysSo() {
        handle("complaint.json");

        assertThat(customerSummaries("annoyed@example.com")).anyMatch(s -> s.startsWith("Survey invitation was marked as spam (abuse)"));
    }

    @Test
    void givenASoftBounce_whenReceived_thenItIsRecordedButTheAddressIsNotSuppressed() {
        handle("bounce-transient.json");
        handle("bounce-transient.json");

        List<String> summaries = new ArrayList<>();
        aftercare.table.allItems().stream().filter(i -> i.get("SK").s().equals("SUPPRESSION")).forEach(i -> summaries.add(i.toString()));
        assertThat(summaries).noneMatch(s -> s.contains("hardSuppression"));
    }

    @Test
    void givenAHardBounceWithAnEmptyDiagnostic_whenReceived_thenTheTimelineNamesItsTypeAndSubtype() {
        String bounce = new String(Fixtures.ses("bounce-permanent.json"), StandardCharsets.UTF_8)
                .replaceAll("\"diagnosticCode\": \"[^\"]*\"", "\"diagnosticCode\": \"\"")
                .replace("\"General\"", "\"OnAccountSuppressionList\"")
                .replace("thank-you#7300000000001", "thank-you#7300000000009")
                .replace("\"7300000000001\"", "\"7300000000009\"");

        assertThat(new SesEventHandler(aftercare.app).handleRequest(sns(bounce), null)).isEqualTo(1);

        assertThat(summaries("7300000000009")).anyMatch(s -> s.startsWith("Thank-you email to n***@example.pl bounced (Permanent: OnAccountSuppressionList)"));
    }

    @Test
    void givenAHardBounceOfAnEmailAboutATicket_whenReceived_thenItIsOnTheTicketsTimeline_andTheCustomersListsItAsTheTickets() {
        String bounce = new String(Fixtures.ses("bounce-permanent.json"), StandardCharsets.UTF_8)
                .replace("thank-you#7300000000001", "ticket-survey#c-bounced-1")
                .replaceAll("\"order\": \\[\\s*\"7300000000001\"", "\"ticket\": [\"c-bounced-1\"");

        assertThat(new SesEventHandler(aftercare.app).handleRequest(sns(bounce), null)).isEqualTo(1);

        var shop = new ShopId("kettle-house");
        assertThat(aftercare.app.timelines().ticketTimeline(shop, "c-bounced-1", PageRequest.first(50)).items())
                .extracting(TimelineEntry::kind).containsExactly(EntryKind.EMAIL_BOUNCED);
        assertThat(aftercare.app.timelines().customerTimeline(shop, new EmailAddress("no-such-user@example.pl"), PageRequest.first(50)).items())
                .filteredOn(e -> e.id().contains("ticket-survey#c-bounced-1")).extracting(e -> e.subject())
                .containsExactly(Subject.ticket("c-bounced-1"));
    }

    @Test
    void givenARejectRecord_whenReceived_thenTheOrdersTimelineSaysTheEmailFailed() {
        handle("reject.json");

        JsonNode entry = StreamSupport.stream(aftercare.orderTimeline("kettle-house", "7300000000001").path("items").spliterator(), false)
                .filter(e -> e.path("kind").asText().equals("email_failed")).findFirst().orElseThrow();
        assertThat(entry.path("summary").asText()).isEqualTo("Thank-you email to n***@example.pl failed: SES rejected it (Bad content); not sent");
    }

    @Test
    void givenADeliveryDelayRecord_whenReceived_thenTheOrdersTimelineSaysTheEmailIsDelayed() {
        handle("delivery-delay.json");

        assertThat(summaries("9901")).contains("Check-in email to f***@example.ro delayed (MailboxFull); SES keeps trying");
    }

    @Test
    void givenAnEventOfMailAftercareDidNotSend_whenReceived_thenItIsIgnored() {
        String untagged = new String(Fixtures.ses("delivery.json"), StandardCharsets.UTF_8).replace("\"shop\"", "\"other\"");

        assertThat(new SesEventHandler(aftercare.app).handleRequest(sns(untagged), null)).isZero();
    }

    private static void handle(String fixture) {
        assertThat(new SesEventHandler(aftercare.app).handleRequest(sns(new String(Fixtures.ses(fixture), StandardCharsets.UTF_8)), null))
                .isEqualTo(1);
    }

    private static SNSEvent sns(String message) {
        var record = new SNSEvent.SNSRecord();
        var sns = new SNSEvent.SNS();
        sns.setMessage(message);
        record.setSns(sns);
        var event = new SNSEvent();
        event.setRecords(List.of(record));
        return event;
    }

    private static List<String> summaries(String orderId) {
        List<String> summaries = new ArrayList<>();
        aftercare.orderTimeline("kettle-house", orderId).path("items").forEach(e -> summaries.add(e.path("summary").asText()));
        return summaries;
    }

    private static List<String> customerSummaries(String email) {
        List<String> summaries = new ArrayList<>();
        aftercare.agent("GET /api/shops/{shop}/customers/{email}/timeline", Map.of("shop", "kettle-house", "email", email), Map.of("lang", "en"))
                .json().path("items").forEach(e -> summaries.add(e.path("summary").asText()));
        return summaries;
    }
}
