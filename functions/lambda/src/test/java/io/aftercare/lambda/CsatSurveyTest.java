package io.aftercare.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aftercare.devkit.DynamoDbExtension;
import io.aftercare.devkit.SesEmulator;
import io.aftercare.devkit.SesEmulatorExtension;
import io.aftercare.devkit.SesMailbox;
import io.aftercare.devkit.StreamWorker;
import io.aftercare.devkit.TableStream;
import io.aftercare.devkit.TestTable;
import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.feedback.Survey;
import io.aftercare.domain.feedback.SurveyKind;
import io.aftercare.domain.order.OrderId;
import io.aftercare.dynamodb.DynamoSurveyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The satisfaction survey (CSAT) after a resolved ticket, end to end: complaints through the generic webhook, agents'
 * replies and resolutions through the agent API, the email through the SES emulator a day later, and its one-click
 * links opened as the customer would. The stream is read by the aggregator for the metrics.
 */
@TableStream
@ExtendWith({DynamoDbExtension.class, SesEmulatorExtension.class})
class CsatSurveyTest {

    private static final String SHOP = "csat-shop";
    private static final String CSAT_SUBJECT = "How satisfied are you with our help on";
    private static Harness aftercare;
    private static SesMailbox ses;
    private static StreamWorker stream;
    private static DynamoSurveyStore surveys;

    @BeforeAll
    static void start(TestTable table, SesMailbox emulator) {
        ses = emulator;
        aftercare = new Harness(table, Instant.parse("2026-11-02T09:00:00Z"), emulator);
        stream = aftercare.aggregatorStream();
        surveys = new DynamoSurveyStore(table.client(), table.name());
        aftercare.registerShop(SHOP, "generic");
    }

    @Test
    void aResolvedTicketGetsOneSatisfactionEmailADayLaterWhoseFiveScoreLinksEachRecordTheirScore() {
        String customer = customer();
        String ticket = answered(SHOP, customer, "The lid <b>broke</b> & leaks");
        status(SHOP, ticket, "resolved");

        aftercare.clock.advance(Duration.ofHours(23));
        aftercare.sweepAndWork();
        assertThat(csatEmails(customer)).as("not before its day").isEmpty();
        aftercare.clock.advance(Duration.ofHours(1).plusMinutes(1));
        assertThat(aftercare.sweepAndWork().getBatchItemFailures()).isEmpty();
        aftercare.sweepAndWork();

        List<SesEmulator.Email> csat = csatEmails(customer);
        assertThat(csat).hasSize(1);
        String number = aftercare.ticket(SHOP, ticket).path("number").asText();
        assertThat(csat.get(0).subject()).isEqualTo(CSAT_SUBJECT + " " + number + "?");
        assertThat(csat.get(0).html()).contains("The lid &lt;b&gt;broke&lt;/b&gt; &amp; leaks").doesNotContain("<b>broke");
        assertThat(csat.get(0).text()).contains("The lid <b>broke</b> & leaks", "1: " + Harness.PUBLIC_URL, "5: " + Harness.PUBLIC_URL)
                .doesNotContain("0: " + Harness.PUBLIC_URL, "6: " + Harness.PUBLIC_URL);
        for (int score = 5; score >= 1; score--) {
            var page = aftercare.customerPage("GET /f/{token}", Harness.scoreToken(csat.get(0), score), "");
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body()).contains("You answered " + score).doesNotContain(customer);
        }
        JsonNode survey = panel(customer).path("surveys").get(0);
        assertThat(survey.path("kind").asText()).isEqualTo("csat");
        assertThat(survey.path("score").asInt()).isEqualTo(1);
        assertThat(aftercare.ticketSummaries(SHOP, ticket)).contains("Customer satisfaction survey sent in English");
    }

    @Test
    void theSurveyKeepsTheAgentAndTheOrderOfWhenItWasSentThoughTheTicketIsReassignedAfterwards() {
        String customer = customer();
        order("ATT-1", customer);
        String ticket = answered(SHOP, customer, "Chipped spout", Optional.of("ATT-1"));
        change(SHOP, ticket, "\"assignee\": \"kasia@kettlehouse.example\"");
        resolvedADayAgo(SHOP, ticket);
        assertThat(csatEmails(customer)).hasSize(1);

        change(SHOP, ticket, "\"assignee\": \"piotr@kettlehouse.example\"");

        Survey survey = surveys.ofCustomer(new ShopId(SHOP), new EmailAddress(customer).hash()).getFirst();
        assertThat(survey.kind()).isEqualTo(SurveyKind.CSAT);
        assertThat(survey.ticket()).contains(ticket);
        assertThat(survey.order()).contains(new OrderId("ATT-1"));
        assertThat(survey.agent()).contains(new EmailAddress("kasia@kettlehouse.example").hash());
    }

    @Test
    void aTicketReopenedBeforeItsDayIsSkippedAsReopenedAndNoEmailGoes() {
        String customer = customer();
        String ticket = answered(SHOP, customer, "Wrong colour");
        status(SHOP, ticket, "resolved");
        aftercare.clock.advance(Duration.ofHours(2));
        status(SHOP, ticket, "open");

        aftercare.clock.advance(Duration.ofHours(22).plusMinutes(1));
        assertThat(aftercare.sweepAndWork().getBatchItemFailures()).isEmpty();

        assertThat(csatEmails(customer)).isEmpty();
        assertThat(aftercare.ticketSummaries(SHOP, ticket))
                .contains("Customer satisfaction survey not sent: the ticket was reopened since it was resolved (open)");
    }

    @Test
    void aTicketResolvedReopenedAndResolvedAgainAsksExactlyOnceAboutItsLastResolution() {
        String customer = customer();
        String ticket = answered(SHOP, customer, "Missing saucer");
        status(SHOP, ticket, "resolved");
        aftercare.clock.advance(Duration.ofHours(1));
        status(SHOP, ticket, "open");
        aftercare.clock.advance(Duration.ofHours(1));
        status(SHOP, ticket, "resolved");

        aftercare.clock.advance(Duration.ofHours(22).plusMinutes(1)); // the first resolution's day
        aftercare.sweepAndWork();
        assertThat(csatEmails(customer)).isEmpty();
        aftercare.clock.advance(Duration.ofHours(2)); // the second's
        aftercare.sweepAndWork();
        aftercare.clock.advance(Duration.ofDays(2));
        aftercare.sweepAndWork();

        assertThat(csatEmails(customer)).hasSize(1);
        List<String> summaries = aftercare.ticketSummaries(SHOP, ticket);
        assertThat(summaries).containsOnlyOnce("Customer satisfaction survey sent in English")
                .containsOnlyOnce("Customer satisfaction survey not sent: the ticket was reopened since it was resolved (resolved)");
        assertThat(panel(customer).path("surveys")).hasSize(1);
    }

    @Test
    void aClickRecordsTheScoreOnceAndTheMetricsCountItAsSatisfied() {
        String shop = "csat-metrics";
        aftercare.registerShop(shop, "generic");
        String customer = customer();
        String ticket = answered(shop, customer, "Late parcel");
        resolvedADayAgo(shop, ticket);
        String four = Harness.scoreToken(csatEmails(customer).getFirst(), 4);

        aftercare.customerPage("GET /f/{token}", four, "");
        aftercare.customerPage("GET /f/{token}", four, "");
        stream.drain();

        assertThat(aftercare.ticketSummaries(shop, ticket).stream().filter(s -> s.startsWith("Survey answered")))
                .containsExactly("Survey answered: 4/5 CSAT");
        var response = aftercare.agent("GET /api/shops/{shop}/metrics", Map.of("shop", shop),
                Map.of("from", "2026-11-01", "to", "2026-11-30", "period", "month"));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode csat = response.json().path("items").get(0).path("surveys").path("csat");
        assertThat(csat.path("sent").asLong()).isEqualTo(1);
        assertThat(csat.path("answers").asLong()).isEqualTo(1);
        assertThat(csat.path("score").asDouble()).isEqualTo(1.0);
    }

    @Test
    void aScoreOfTwoReachesAPersonThroughTheLowScoreFollowUpNamingTheTicket() {
        String customer = customer();
        String ticket = answered(SHOP, customer, "Cracked cup");
        resolvedADayAgo(SHOP, ticket);
        String number = aftercare.ticket(SHOP, ticket).path("number").asText();

        aftercare.customerPage("GET /f/{token}", Harness.scoreToken(csatEmails(customer).getFirst(), 2), "");

        JsonNode panel = panel(customer);
        assertThat(panel.path("tickets")).hasSize(2);
        List<String> subjects = new ArrayList<>();
        panel.path("tickets").forEach(t -> subjects.add(aftercare.ticket(SHOP, t.path("id").asText()).path("subject").asText()));
        assertThat(subjects).contains("CSAT 2/5 after ticket " + number);
    }

    @Test
    void aNpsSurveyWithinTheCapSkipsTheSatisfactionSurveyWithTheCapsReason() {
        String customer = customer();
        order("CAP-1", customer);
        assertThat(aftercare.generic(SHOP, aftercare.genericEvent("delivery.updated", "evt-delivered-CAP-1", """
                {"order_id": "CAP-1", "fulfillment_id": "f-1", "status": "delivered"}""")).status()).isEqualTo(200);
        aftercare.clock.advance(Duration.ofDays(7).plusMinutes(1));
        aftercare.sweepAndWork();
        assertThat(ses.emailsTo(customer)).anyMatch(e -> e.subject().startsWith("How did we do"));
        String ticket = answered(SHOP, customer, "The handle wobbles");
        resolvedADayAgo(SHOP, ticket);

        assertThat(csatEmails(customer)).isEmpty();
        assertThat(aftercare.ticketSummaries(SHOP, ticket))
                .contains("Customer satisfaction survey not sent: another survey reached the customer within the survey cap");
    }

    @Test
    void aShopThatTurnsTheSurveyOffAfterAResolutionSendsNothingAndSaysSo() {
        String shop = "csat-off";
        aftercare.registerShop(shop, "generic");
        String customer = customer();
        String ticket = answered(shop, customer, "Scratched lid");
        status(shop, ticket, "resolved");

        var off = aftercare.admin("PATCH /admin/shops/{shop}", Map.of("shop", shop), "{\"support\": {\"csatSurvey\": false}}");
        assertThat(off.status()).as(off.body()).isEqualTo(200);
        assertThat(off.json().path("support").path("csatSurvey").asBoolean(true)).isFalse();
        aftercare.clock.advance(Duration.ofHours(24).plusMinutes(1));
        aftercare.sweepAndWork();

        assertThat(csatEmails(customer)).isEmpty();
        assertThat(aftercare.ticketSummaries(shop, ticket)).contains("Customer satisfaction survey not sent: the shop turned this survey off");
    }

    private static String answered(String shop, String customer, String subject) {
        return answered(shop, customer, subject, Optional.empty());
    }

    /** A complaint (about {@code order}, if given), acknowledged, and answered by an agent: its ticket's id. */
    private static String answered(String shop, String customer, String subject, Optional<String> order) {
        String id = "csat-" + UUID.randomUUID();
        var opened = aftercare.generic(shop, aftercare.genericEvent("complaint.created", "evt-" + id, """
                {"id": "%s", "subject": "%s", "message": "Please help.", %s"customer": {"email": "%s", "name": "Ann Lee", "locale": "en"}}"""
                .formatted(id, subject, order.map(o -> "\"order_id\": \"" + o + "\", ").orElse(""), customer)));
        assertThat(opened.status()).as(opened.body()).isEqualTo(200);
        aftercare.sweepAndWork();
        String ticket = "c-" + id;
        long version = aftercare.ticket(shop, ticket).path("version").asLong();
        var replied = aftercare.agentBody("POST /api/shops/{shop}/tickets/{ticketId}/replies", Map.of("shop", shop, "ticketId", ticket),
                "{\"version\": " + version + ", \"message\": \"A new one is on its way.\", \"agent\": \"Ola\"}");
        assertThat(replied.status()).as(replied.body()).isIn(200, 201);
        aftercare.sweepAndWork();
        return ticket;
    }

    /** Resolves the ticket, and sweeps a day later: its survey's day. */
    private static void resolvedADayAgo(String shop, String ticket) {
        status(shop, ticket, "resolved");
        aftercare.clock.advance(Duration.ofHours(24).plusMinutes(1));
        aftercare.sweepAndWork();
    }

    private static void status(String shop, String ticket, String status) {
        change(shop, ticket, "\"status\": \"" + status + "\"");
    }

    private static void change(String shop, String ticket, String changes) {
        long version = aftercare.ticket(shop, ticket).path("version").asLong();
        var changed = aftercare.agentBody("PATCH /api/shops/{shop}/tickets/{ticketId}", Map.of("shop", shop, "ticketId", ticket),
                "{\"version\": " + version + ", " + changes + "}");
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
    }

    private static void order(String id, String email) {
        var response = aftercare.generic(SHOP, aftercare.genericEvent("order.created", "evt-" + id, """
                {"id": "%s", "number": "#%s", "created_at": "%s", "currency": "PLN", "total": "129.90",
                 "customer": {"email": "%s", "name": "Ann Lee", "locale": "en"},
                 "lines": [{"title": "Stovetop kettle", "quantity": 1, "price": "129.90"}]}"""
                .formatted(id, id, aftercare.clock.instant(), email)));
        assertThat(response.status()).isEqualTo(200);
        aftercare.sweepAndWork();
    }

    private static List<SesEmulator.Email> csatEmails(String customer) {
        return ses.emailsTo(customer).stream().filter(e -> e.subject().startsWith(CSAT_SUBJECT)).toList();
    }

    private static String customer() {
        return "csat-" + UUID.randomUUID() + "@example.com";
    }

    private static JsonNode panel(String email) {
        return aftercare.agent("GET /api/shops/{shop}/customers/{email}", Map.of("shop", SHOP, "email", email), Map.of()).json();
    }
}
