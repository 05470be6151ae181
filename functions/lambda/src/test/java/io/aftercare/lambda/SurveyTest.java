package io.aftercare.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aftercare.devkit.DynamoDbExtension;
import io.aftercare.devkit.SesEmulator;
import io.aftercare.devkit.SesEmulatorExtension;
import io.aftercare.devkit.SesMailbox;
import io.aftercare.devkit.TestTable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Surveys end to end: an order delivered, the NPS email sent through the SES emulator, and its one-click links taken
 * from the stored email and opened as a customer (or a mail scanner) would.
 */
@ExtendWith({DynamoDbExtension.class, SesEmulatorExtension.class})
class SurveyTest {

    private static final String SHOP = "survey-shop";
    private static Harness aftercare;
    private static SesMailbox ses;

    @BeforeAll
    static void start(TestTable table, SesMailbox mailbox) {
        ses = mailbox;
        aftercare = new Harness(table, Instant.parse("2026-11-02T09:00:00Z"), mailbox);
        aftercare.registerShop(SHOP, "generic");
    }

    @Test
    void aScoreClickedInTheEmailIsRecordedOnceHoweverOftenTheLinkIsOpened() {
        String customer = customer();
        deliveredAndSurveyed("N-1", customer);
        String eight = scoreLink(customer, 8);

        var first = aftercare.customerPage("GET /f/{token}", eight, "");
        var again = aftercare.customerPage("GET /f/{token}", eight, "");

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body()).contains("You answered 8", "name=\"comment\"").doesNotContain(customer);
        assertThat(again.status()).isEqualTo(200);
        List<JsonNode> answers = answers("N-1");
        assertThat(answers).hasSize(1);
        assertThat(answers.get(0).path("summary").asText()).isEqualTo("Survey answered: 8/10 NPS (passive)");
        assertThat(answers.get(0).path("params").path("survey").asText()).isEqualTo("nps");
        assertThat(answers.get(0).path("params").path("score").asInt()).isEqualTo(8);
        assertThat(answers.get(0).path("params").has("previous")).isFalse();
        assertThat(panel(customer).path("surveys").get(0).path("score").asInt()).isEqualTo(8);
        assertThat(panel(customer).path("surveys").get(0).path("order").asText()).isEqualTo("N-1");
    }

    @Test
    void aSecondClickWithinSevenDaysChangesTheScoreAndTheTimelineSaysFromWhatToWhat() {
        String customer = customer();
        deliveredAndSurveyed("N-2", customer);
        aftercare.customerPage("GET /f/{token}", scoreLink(customer, 8), "");

        aftercare.clock.advance(Duration.ofDays(6));
        var changed = aftercare.customerPage("GET /f/{token}", scoreLink(customer, 10), "");

        assertThat(changed.body()).contains("You answered 10");
        assertThat(answers("N-2")).extracting(e -> e.path("summary").asText())
                .containsExactly("Survey answered: 10/10 NPS (promoter), changed from 8", "Survey answered: 8/10 NPS (passive)");
        assertThat(answers("N-2").get(0).path("params").path("previous").asInt()).isEqualTo(8);
        assertThat(customerSummaries(customer)).contains("Survey answered: 10/10 NPS (promoter), changed from 8");
        assertThat(panel(customer).path("surveys").get(0).path("score").asInt()).isEqualTo(10);
    }

    @Test
    void afterTheSevenDaysAnotherClickChangesNothingAndThePageSaysTheAnswerStays() {
        String customer = customer();
        deliveredAndSurveyed("N-3", customer);
        aftercare.customerPage("GET /f/{token}", scoreLink(customer, 9), "");

        aftercare.clock.advance(Duration.ofDays(7).plusMinutes(1));
        var late = aftercare.customerPage("GET /f/{token}", scoreLink(customer, 2), "");

        assertThat(late.status()).isEqualTo(200);
        assertThat(late.body()).contains("Your answer, 9, stays").doesNotContain("name=\"comment\"");
        assertThat(answers("N-3")).hasSize(1);
        assertThat(panel(customer).path("surveys").get(0).path("score").asInt()).isEqualTo(9);
        assertThat(panel(customer).path("tickets")).isEmpty();
    }

    @Test
    void aTamperedTokenOrALinkPastItsTwentyEightDaysCountsNothing() {
        String customer = customer();
        deliveredAndSurveyed("N-4", customer);
        String zero = scoreLink(customer, 0);
        String tampered = zero.substring(0, 30) + (zero.charAt(30) == 'A' ? 'B' : 'A') + zero.substring(31);
        int items = aftercare.table.itemCount();

        assertThat(aftercare.customerPage("GET /f/{token}", tampered, "").status()).isEqualTo(400);
        assertThat(aftercare.customerPage("POST /f/{token}", tampered, "comment=hello").status()).isEqualTo(400);
        assertThat(aftercare.table.itemCount()).isEqualTo(items);

        aftercare.clock.advance(Duration.ofDays(28));
        assertThat(aftercare.customerPage("GET /f/{token}", zero, "").status()).isEqualTo(400);
        assertThat(aftercare.table.itemCount()).isEqualTo(items);
        assertThat(answers("N-4")).isEmpty();
        assertThat(panel(customer).path("surveys").get(0).has("score")).as("unanswered").isFalse();
    }

    @Test
    void aSecondSurveyWithinThirtyDaysIsSkippedWithTheSurveyCapReason() {
        String customer = customer();
        order("C-1", customer);
        order("C-2", customer);
        delivered("C-1");
        delivered("C-2");

        aftercare.clock.advance(Duration.ofDays(7).plusMinutes(1));
        aftercare.sweepAndWork();
        aftercare.clock.advance(Duration.ofHours(17)); // the second waits out the 16-hour rule, then meets the survey cap
        aftercare.sweepAndWork();

        assertThat(surveyEmails(customer)).hasSize(1);
        List<String> both = new ArrayList<>(summaries("C-1"));
        both.addAll(summaries("C-2"));
        assertThat(both).contains("Survey invitation not sent: another survey reached the customer within the survey cap");
    }

    @Test
    void aDetractorScoreOpensATicketCarryingTheCommentAndOrderAndALaterCommentJoinsThatTicket() {
        String customer = customer();
        deliveredAndSurveyed("D-1", customer);
        int emailsBefore = ses.emailsTo(customer).size();

        aftercare.customerPage("GET /f/{token}", scoreLink(customer, 3), "");
        String link = scoreLink(customer, 3);
        var commented = aftercare.customerPage("POST /f/{token}", link,
                "comment=" + URLEncoder.encode("The lid <b>broke</b> on day two", StandardCharsets.UTF_8));

        assertThat(commented.status()).isEqualTo(200);
        assertThat(commented.body()).contains("your comment has reached Kettle House");
        JsonNode panel = panel(customer);
        assertThat(panel.path("tickets")).hasSize(1);
        String ticketId = panel.path("tickets").get(0).path("id").asText();
        assertThat(panel.path("surveys").get(0).path("ticket").asText()).isEqualTo(ticketId);
        assertThat(panel.path("surveys").get(0).path("comment").asText()).isEqualTo("The lid <b>broke</b> on day two");
        JsonNode ticket = aftercare.ticket(SHOP, ticketId);
        assertThat(ticket.path("orderId").asText()).isEqualTo("D-1");
        assertThat(String.join("\n", aftercare.ticketSummaries(SHOP, ticketId))).contains("The lid <b>broke</b> on day two");
        assertThat(ses.emailsTo(customer)).as("Aftercare's own ticket acknowledges nothing to the customer").hasSize(emailsBefore);
    }

    @Test
    void aPromoterScoreAfterAFollowedUpDetractorOneIsMarkedARecovery() {
        String customer = customer();
        deliveredAndSurveyed("R-1", customer);
        aftercare.customerPage("GET /f/{token}", scoreLink(customer, 2), "");

        aftercare.clock.advance(Duration.ofDays(1));
        aftercare.customerPage("GET /f/{token}", scoreLink(customer, 9), "");

        JsonNode latest = answers("R-1").get(0);
        assertThat(latest.path("params").path("recovered").asBoolean()).isTrue();
        assertThat(latest.path("summary").asText()).isEqualTo("Survey answered: 9/10 NPS (promoter), changed from 2, a recovery after a followed-up low score");
        assertThat(answers("R-1").get(1).path("params").has("recovered")).isFalse();
    }

    @Test
    void aCompletedRefundIsFollowedADayLaterByACustomerEffortSurveyWhoseLowScoreOpensATicket() {
        String customer = customer();
        order("E-1", customer);
        refunded("E-1");

        aftercare.clock.advance(Duration.ofDays(1).plusMinutes(1));
        assertThat(aftercare.sweepAndWork().getBatchItemFailures()).isEmpty();

        List<SesEmulator.Email> ces = emails(customer, "How easy was your return");
        assertThat(ces).hasSize(1);
        assertThat(ces.get(0).text()).contains("1: " + Harness.PUBLIC_URL, "7: " + Harness.PUBLIC_URL)
                .doesNotContain("0: " + Harness.PUBLIC_URL, "8: " + Harness.PUBLIC_URL);
        var page = aftercare.customerPage("GET /f/{token}", Harness.scoreToken(ces.get(0), 2), "");
        assertThat(page.body()).contains("You answered 2");
        JsonNode answer = answers("E-1").get(0);
        assertThat(answer.path("params").path("survey").asText()).isEqualTo("ces");
        assertThat(answer.path("summary").asText()).isEqualTo("Survey answered: 2/7 customer effort");
        JsonNode panel = panel(customer);
        assertThat(panel.path("surveys").get(0).path("kind").asText()).isEqualTo("ces");
        assertThat(panel.path("tickets")).hasSize(1);
        assertThat(panel.path("surveys").get(0).path("ticket").asText()).isEqualTo(panel.path("tickets").get(0).path("id").asText());
    }

    @Test
    void theSurveyCapHoldsAcrossSurveyKinds() {
        String customer = customer();
        deliveredAndSurveyed("X-1", customer);
        aftercare.clock.advance(Duration.ofDays(1));
        refunded("X-1");

        aftercare.clock.advance(Duration.ofDays(1).plusMinutes(1));
        aftercare.sweepAndWork();

        assertThat(emails(customer, "How easy was your return")).isEmpty();
        assertThat(summaries("X-1")).contains("Customer effort survey not sent: another survey reached the customer within the survey cap");
    }

    @Test
    void theSurveyCapIsAShopSettingTheAdminApiChecksAndKeeps() {
        aftercare.registerShop("capped-shop", "generic");

        var refused = aftercare.admin("PATCH /admin/shops/{shop}", Map.of("shop", "capped-shop"), "{\"surveyCapDays\": 400}");
        var kept = aftercare.admin("PATCH /admin/shops/{shop}", Map.of("shop", "capped-shop"), "{\"surveyCapDays\": 14}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("field").asText()).isEqualTo("surveyCapDays");
        assertThat(kept.status()).isEqualTo(200);
        assertThat(aftercare.admin("GET /admin/shops/{shop}", Map.of("shop", "capped-shop"), "").json().path("surveyCapDays").asInt()).isEqualTo(14);
    }

    private static void refunded(String orderId) {
        assertThat(aftercare.generic(SHOP, aftercare.genericEvent("refund.created", "evt-refund-" + orderId, """
                {"order_id": "%s", "refund_id": "r1", "amount": "129.90", "currency": "PLN"}""".formatted(orderId))).status()).isEqualTo(200);
    }

    private static List<SesEmulator.Email> emails(String customer, String subject) {
        return ses.emailsTo(customer).stream().filter(e -> e.subject().startsWith(subject)).toList();
    }

    private static String customer() {
        return "survey-" + UUID.randomUUID() + "@example.com";
    }

    /** An order, delivered, and a week on: its survey email sent. */
    private static void deliveredAndSurveyed(String orderId, String customer) {
        order(orderId, customer);
        delivered(orderId);
        aftercare.clock.advance(Duration.ofDays(7).plusMinutes(1));
        assertThat(aftercare.sweepAndWork().getBatchItemFailures()).isEmpty();
        assertThat(surveyEmails(customer)).hasSize(1);
    }

    private static List<SesEmulator.Email> surveyEmails(String customer) {
        return emails(customer, "How did we do");
    }

    private static String scoreLink(String customer, int score) {
        return Harness.scoreToken(surveyEmails(customer).getFirst(), score);
    }


    private static void order(String id, String email) {
        var response = aftercare.generic(SHOP, aftercare.genericEvent("order.created", "evt-" + id, """
                {"id": "%s", "number": "#%s", "created_at": "%s", "currency": "PLN", "total": "129.90",
                 "customer": {"email": "%s", "name": "Ann Lee", "locale": "en"},
                 "lines": [{"title": "Stovetop kettle", "quantity": 1, "price": "129.90"}]}"""
                .formatted(id, id, aftercare.clock.instant(), email)));
        assertThat(response.status()).isEqualTo(200);
        aftercare.sweepAndWork(); // the thank-you
    }

    private static void delivered(String id) {
        assertThat(aftercare.generic(SHOP, aftercare.genericEvent("delivery.updated", "evt-delivered-" + id, """
                {"order_id": "%s", "fulfillment_id": "f-1", "status": "delivered"}""".formatted(id))).status()).isEqualTo(200);
    }

    /** The order's survey answers, newest first. */
    private static List<JsonNode> answers(String orderId) {
        List<JsonNode> answers = new ArrayList<>();
        aftercare.orderTimeline(SHOP, orderId).path("items").forEach(e -> {
            if ("survey-answered".equals(e.path("phrase").asText())) {
                answers.add(e);
            }
        });
        return answers;
    }

    private static List<String> summaries(String orderId) {
        List<String> summaries = new ArrayList<>();
        aftercare.orderTimeline(SHOP, orderId).path("items").forEach(e -> summaries.add(e.path("summary").asText()));
        return summaries;
    }

    private static List<String> customerSummaries(String email) {
        List<String> summaries = new ArrayList<>();
        aftercare.agent("GET /api/shops/{shop}/customers/{email}/timeline", Map.of("shop", SHOP, "email", email), Map.of("lang", "en"))
                .json().path("items").forEach(e -> summaries.add(e.path("summary").asText()));
        return summaries;
    }

    private static JsonNode panel(String email) {
        return aftercare.agent("GET /api/shops/{shop}/customers/{email}", Map.of("shop", SHOP, "email", email), Map.of()).json();
    }
}
