package io.aftercare.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aftercare.devkit.DynamoDbExtension;
import io.aftercare.devkit.Fixtures;
import io.aftercare.devkit.SesEmulator;
import io.aftercare.devkit.SesEmulatorExtension;
import io.aftercare.devkit.SesMailbox;
import io.aftercare.devkit.TestTable;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * Returns with a life of their own and parcels that get stuck, end to end: webhooks in, the sweep and the action
 * handler run the due checks against DynamoDB Local and the SES emulator; only the clock is moved by hand.
 */
@ExtendWith({DynamoDbExtension.class, SesEmulatorExtension.class})
class ReturnsAndDeliveryProblemsTest {

    private static final ZoneId WARSAW = ZoneId.of("Europe/Warsaw");
    /** A Friday morning: the business days of an approved return's threshold skip the weekend. */
    private static final Instant FRIDAY_NINE = LocalDateTime.parse("2026-11-20T09:00").atZone(WARSAW).toInstant();
    private static final String SHOPIFY_ORDER = "4783296544821";
    private static final String SHOPIFY_RETURN = "123134564567890";

    private SesMailbox ses;
    private TestTable table;
    private Harness aftercare;

    @BeforeEach
    void freshTable(TestTable table, SesMailbox ses) {
        this.ses = ses;
        this.table = table;
        aftercare = new Harness(table, FRIDAY_NINE, ses);
    }

    @Test
    void givenEveryShopifyReturnsFixture_whenEachArrivesAtAShopOfItsOwn_thenItIsAcceptedAndTheReturnsTimelineSaysWhereItStands() {
        Map<String, String> stateAfter = Map.of("returns-request.json", "requested", "returns-approve.json", "approved",
                "returns-decline.json", "declined", "returns-cancel.json", "cancelled", "returns-close.json", "closed",
                "returns-reopen.json", "approved");
        stateAfter.forEach((fixture, state) -> {
            String shop = "ret-" + fixture.replace(".json", "").replace("returns-", "");
            aftercare.registerShop(shop, "shopify");
            String topic = "returns/" + fixture.replace(".json", "").replace("returns-", "");
            var answer = aftercare.shopify(shop, Fixtures.shopify(fixture), topic);
            assertThat(answer.status()).as(fixture + ": " + answer.body()).isEqualTo(200);
        });
        aftercare.sweepAndWork();

        stateAfter.forEach((fixture, state) -> {
            String shop = "ret-" + fixture.replace(".json", "").replace("returns-", "");
            assertThat(aftercare.returnSummaries(shop, SHOPIFY_ORDER, SHOPIFY_RETURN)).as(fixture)
                    .contains("Return " + SHOPIFY_RETURN + " of order " + SHOPIFY_ORDER + " is now " + state);
        });
    }

    @Test
    void givenAnApprovalThatArrivesBeforeItsRequest_whenADeclineFollows_thenTheReturnIsApprovedAndTheDeclineAnAnomalyNeverApplied() {
        aftercare.registerShop("ret-order", "shopify");
        Instant requested = FRIDAY_NINE.minus(Duration.ofHours(2));
        Instant approved = FRIDAY_NINE.minus(Duration.ofHours(1));
        shopify("ret-order", "returns-approve.json", "returns/approve", approved);
        shopify("ret-order", "returns-request.json", "returns/request", requested);
        aftercare.sweepAndWork();
        assertThat(aftercare.returnSummaries("ret-order", SHOPIFY_ORDER, SHOPIFY_RETURN)).contains("Return " + SHOPIFY_RETURN + " of order " + SHOPIFY_ORDER + " is now approved")
                .noneMatch(s -> s.contains("cannot follow"));

        var declined = shopify("ret-order", "returns-decline.json", "returns/decline", FRIDAY_NINE);
        aftercare.sweepAndWork();

        assertThat(declined.status()).isEqualTo(200);
        assertThat(aftercare.returnSummaries("ret-order", SHOPIFY_ORDER, SHOPIFY_RETURN))
                .contains("Return " + SHOPIFY_RETURN + ": \"declined\" cannot follow \"approved\"; recorded, not applied")
                .noneMatch(s -> s.endsWith("is now declined"));
        assertThat(aftercare.order("ret-order", SHOPIFY_ORDER).path("returns").get(0).path("state").asText()).isEqualTo("open");
    }

    @Test
    void givenAReturnClosedReopenedAndClosedAgain_whenEachStepArrivesAndTheLastTwice_thenItEndsClosedWithEveryOccurrenceKeptOnce() {
        String shop = "reclosed";
        aftercare.registerShop(shop, "generic");
        order(shop, "C-1", "cleo@example.com");
        for (String event : List.of("requested", "approved", "closed", "reopened")) {
            returnStep(shop, "C-1", "ret-1", event);
            aftercare.clock.advance(Duration.ofHours(1));
        }
        String closedAgain = aftercare.genericEvent("return.updated", "r-closed-again", """
                {"order_id": "C-1", "return_id": "ret-1", "event": "closed"}""");
        assertThat(aftercare.generic(shop, closedAgain).status()).isEqualTo(200);
        assertThat(aftercare.generic(shop, closedAgain).status()).isEqualTo(200);
        // another delivery telling the same closing (same time, new delivery id)
        assertThat(aftercare.generic(shop, closedAgain.replace("r-closed-again-", "r-closed-again-retold-")).status()).isEqualTo(200);
        aftercare.sweepAndWork();

        assertThat(aftercare.order(shop, "C-1").path("returns").get(0).path("state").asText()).isEqualTo("closed");
        assertThat(aftercare.returnSummaries(shop, "C-1", "ret-1")).filteredOn(s -> s.contains("closed") && !s.contains("is now"))
                .hasSize(2);
        assertThat(aftercare.returnSummaries(shop, "C-1", "ret-1")).noneMatch(s -> s.contains("cannot follow"))
                .first().isEqualTo("Return ret-1 of order #C-1 is now closed");
    }

    @Test
    void givenACustomersReturnAndParcel_whenTheirTimelineIsRead_thenItShowsTheReturnsStepsAndStateAndTheParcelsNewsBesideTheOrder() {
        String shop = "whole-story";
        shippedOrder(shop, "W-1", "wanda@example.com", "f-5");
        parcelNews(shop, "W-1", "f-5", "evt-w-transit", "in_transit", "");
        aftercare.clock.advance(Duration.ofHours(1));
        returnStep(shop, "W-1", "ret-4", "requested");
        aftercare.sweepAndWork();

        List<String> summaries = new ArrayList<>();
        aftercare.agent("GET /api/shops/{shop}/customers/{email}/timeline", Map.of("shop", shop, "email", "wanda@example.com"),
                Map.of("limit", "100", "lang", "en")).json().path("items").forEach(e -> summaries.add(e.path("summary").asText()));
        assertThat(summaries).contains("Parcel f-5 in transit", "Return ret-4 requested", "Return ret-4 of order #W-1 is now requested")
                .anyMatch(s -> s.startsWith("Order #W-1"));
    }

    @Test
    void givenAnApprovedReturnWithNoProgress_whenTenBusinessDaysPass_thenATicketOpensAndEscalatesLikeAnyComplaint() {
        String shop = "stalled";
        aftercare.registerShop(shop, "generic");
        escalationLadder(shop);
        order(shop, "R-1", "rita@example.com");
        returnStep(shop, "R-1", "ret-1", "requested");
        returnStep(shop, "R-1", "ret-1", "approved");
        aftercare.sweepAndWork();

        // Friday plus nine business days is Thursday of the week after next: not yet
        aftercare.clock.set(FRIDAY_NINE.plus(Duration.ofDays(13)));
        aftercare.sweepAndWork();
        assertThat(tickets(shop)).isEmpty();

        aftercare.clock.set(FRIDAY_NINE.plus(Duration.ofDays(14)).plus(Duration.ofMinutes(1)));
        aftercare.sweepAndWork();
        List<JsonNode> opened = tickets(shop);
        assertThat(opened).singleElement().satisfies(t -> assertThat(t.path("subject").asText())
                .isEqualTo("Return ret-1 of order #R-1 is stuck: open for 10 business days"));
        assertThat(aftercare.returnSummaries(shop, "R-1", "ret-1")).anyMatch(s -> s.startsWith("Return ret-1 has been approved for 10 business days: ticket T-"));
        assertThat(ses.emailsTo("rita@example.com")).extracting(SesEmulator.Email::subject).noneMatch(s -> s.startsWith("We have your message"));

        String ticketId = opened.get(0).path("id").asText();
        aftercare.clock.advance(Duration.ofHours(3));
        aftercare.sweepAndWork();
        assertThat(aftercare.ticket(shop, ticketId).path("figures").path("escalationLevel").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(ses.emailsTo("team-stalled@desk.example")).extracting(SesEmulator.Email::subject).anyMatch(s -> s.contains("Escalation level 1"));
    }

    @Test
    void givenAShopThatAllowsThreeBusinessDaysToReceiveAReturn_whenTheyPass_thenTheTicketOpensOnItsThresholdNotTheDefault() {
        String shop = "brisk";
        aftercare.registerShop(shop, "generic");
        var patched = aftercare.admin("PATCH /admin/shops/{shop}", Map.of("shop", shop), """
                {"returns": {"approvedNotReceivedDays": 3, "parcelSilenceDays": 2, "instructions": "Use the <b>DPD</b> label."}}""");
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(patched.json().path("returns").path("approvedNotReceivedDays").asInt()).isEqualTo(3);
        assertThat(patched.json().path("returns").path("requestUnansweredDays").asInt()).isEqualTo(2);
        assertThat(patched.json().path("returns").path("parcelSilenceDays").asInt()).isEqualTo(2);
        order(shop, "B-1", "bea@example.com");
        returnStep(shop, "B-1", "ret-1", "approved");
        aftercare.sweepAndWork();

        // Friday plus two business days is Tuesday; the third ends on Wednesday at nine
        aftercare.clock.set(FRIDAY_NINE.plus(Duration.ofDays(5)).minus(Duration.ofMinutes(1)));
        aftercare.sweepAndWork();
        assertThat(tickets(shop)).isEmpty();
        aftercare.clock.set(FRIDAY_NINE.plus(Duration.ofDays(5)).plus(Duration.ofMinutes(1)));
        aftercare.sweepAndWork();

        assertOneTicket(shop, "Return ret-1 of order #B-1 is stuck: open for 3 business days");
    }

    @Test
    void givenAShopWhoseParcelsGoSilentAfterTwoDays_whenTwoDaysPassWithoutNews_thenTheApologyGoesOutThoughTheTransitEstimateIsFive() {
        String shop = "hasty";
        aftercare.registerShop(shop, "generic");
        assertThat(aftercare.admin("PATCH /admin/shops/{shop}", Map.of("shop", shop), """
                {"returns": {"parcelSilenceDays": 2}}""").status()).isEqualTo(200);
        order(shop, "H-1", "hal@example.com");
        shipped(shop, "H-1", "f-2");

        aftercare.clock.advance(Duration.ofDays(2).minus(Duration.ofMinutes(1)));
        aftercare.sweepAndWork();
        assertThat(apologies("hal@example.com")).isEmpty();
        aftercare.clock.advance(Duration.ofMinutes(2));
        aftercare.sweepAndWork();
        aftercare.sweepAndWork();

        assertThat(apologies("hal@example.com")).hasSize(1);
    }

    @Test
    void givenAParcelsEstimatedDeliveryDate_whenItPassesUndelivered_thenOneApologyAndOneTicketButAMovedEstimateWaitsForItsOwnDate() {
        String shop = "estimates";
        aftercare.registerShop(shop, "generic");
        order(shop, "E-1", "eva@example.com");
        shipped(shop, "E-1", "f-3");
        for (int days : List.of(2, 3)) {
            var news = aftercare.generic(shop, aftercare.genericEvent("delivery.updated", "evt-estimate-" + days, """
                    {"order_id": "E-1", "fulfillment_id": "f-3", "status": "in_transit", "estimated_delivery_at": "%s"}"""
                    .formatted(FRIDAY_NINE.plus(Duration.ofDays(days)))));
            assertThat(news.status()).as(news.body()).isEqualTo(200);
            aftercare.clock.advance(Duration.ofMinutes(10));
        }

        // the first estimate's date: a later estimate replaced it
        aftercare.clock.set(FRIDAY_NINE.plus(Duration.ofDays(2)).plus(Duration.ofMinutes(1)));
        aftercare.sweepAndWork();
        assertThat(apologies("eva@example.com")).isEmpty();
        assertThat(tickets(shop)).isEmpty();

        aftercare.clock.set(FRIDAY_NINE.plus(Duration.ofDays(3)).plus(Duration.ofMinutes(1)));
        aftercare.sweepAndWork();
        aftercare.sweepAndWork();

        assertThat(apologies("eva@example.com")).hasSize(1);
        assertOneTicket(shop, "Delivery problem with order #E-1: overdue");
        assertThat(orderSummaries(shop, "E-1")).anyMatch(s -> s.startsWith("Parcel f-3 expected by "))
                .contains("Parcel f-3 not delivered by its estimated date");
    }

    @Test
    void givenAParcelFoundOverdue_whenTheSilenceThresholdPassesSinceTheCarriersLastNews_thenItIsFoundSilentOnTime() {
        String shop = "overdue-then-silent";
        shippedOrder(shop, "O-1", "otto@example.com", "f-4");
        parcelNews(shop, "O-1", "f-4", "evt-o-estimate", "in_transit", ", \"estimated_delivery_at\": \"" + FRIDAY_NINE.plus(Duration.ofDays(2)) + "\"");

        aftercare.clock.set(FRIDAY_NINE.plus(Duration.ofDays(2)).plus(Duration.ofMinutes(1)));
        aftercare.sweepAndWork();
        aftercare.sweepAndWork();
        assertThat(orderSummaries(shop, "O-1")).contains("Parcel f-4 not delivered by its estimated date")
                .doesNotContain("Parcel f-4 no tracking news");

        // the carrier last spoke at nine on Friday: five days later the parcel is silent, whatever Aftercare found meanwhile
        // (an overdue finding taken for news put the silence off by the two days it came after)
        aftercare.clock.set(FRIDAY_NINE.plus(Duration.ofDays(5)).plus(Duration.ofMinutes(1)));
        aftercare.sweepAndWork();
        aftercare.sweepAndWork();

        assertThat(orderSummaries(shop, "O-1")).contains("Parcel f-4 no tracking news");
        assertOneTicket(shop, "Delivery problem with order #O-1: overdue");
    }

    @Test
    void givenReturnSettingsOutOfBounds_whenPatched_thenEachIsA400NamingItsFieldAndNothingChanges() {
        String shop = "strict";
        aftercare.registerShop(shop, "generic");
        Map<String, String> refused = Map.of(
                """
                {"returns": {"approvedNotReceivedDays": 0}}""", "returns.approvedNotReceivedDays",
                """
                {"returns": {"receivedNotRefundedDays": 61}}""", "returns.receivedNotRefundedDays",
                """
                {"returns": {"parcelSilenceDays": "five"}}""", "returns.parcelSilenceDays",
                """
                {"returns": {"instructions": 7}}""", "returns.instructions",
                """
                {"returns": {"refundWithinDays": 3}}""", "returns.refundWithinDays",
                """
                {"returns": "lenient"}""", "returns");
        refused.forEach((body, field) -> {
            var answer = aftercare.admin("PATCH /admin/shops/{shop}", Map.of("shop", shop), body);
            assertThat(answer.status()).as(body).isEqualTo(400);
            assertThat(answer.json().path("field").asText()).as(body).isEqualTo(field);
        });
        var view = aftercare.admin("GET /admin/shops/{shop}", Map.of("shop", shop), "").json().path("returns");
        assertThat(view.path("approvedNotReceivedDays").asInt()).isEqualTo(10);
        assertThat(view.path("receivedNotRefundedDays").asInt()).isEqualTo(3);
        assertThat(view.has("parcelSilenceDays")).isFalse();
    }

    @Test
    void givenADeliveryFailureArrivingThreeTimes_whenTheChecksRun_thenOneApologyAndOneTicketAndADeliveryLaterResolvesIt() {
        String shop = "failing";
        aftercare.registerShop(shop, "generic");
        order(shop, "D-1", "dora@example.com");
        shipped(shop, "D-1", "f-1");
        String failure = aftercare.genericEvent("delivery.updated", "evt-fail", """
                {"order_id": "D-1", "fulfillment_id": "f-1", "status": "failure", "message": "Address not found"}""");
        for (int i = 0; i < 3; i++) {
            assertThat(aftercare.generic(shop, failure).status()).isEqualTo(200);
        }
        String sameStatusAgain = aftercare.genericEvent("delivery.updated", "evt-fail-2", """
                {"order_id": "D-1", "fulfillment_id": "f-1", "status": "failure", "message": "Address not found"}""");
        assertThat(aftercare.generic(shop, sameStatusAgain).status()).isEqualTo(200);
        aftercare.sweepAndWork();
        aftercare.sweepAndWork();

        assertThat(apologies("dora@example.com")).hasSize(1);
        assertOneTicket(shop, "Delivery problem with order #D-1: failure");

        aftercare.clock.advance(Duration.ofHours(1));
        aftercare.generic(shop, aftercare.genericEvent("delivery.updated", "evt-delivered", """
                {"order_id": "D-1", "fulfillment_id": "f-1", "status": "delivered"}"""));
        aftercare.sweepAndWork();

        assertThat(aftercare.ticket(shop, "c-delivery-D-1").path("status").asText()).isEqualTo("resolved");
        assertThat(orderSummaries(shop, "D-1")).anyMatch(s -> s.startsWith("Parcel delivered: the delivery problem of ticket T-"));
        assertThat(apologies("dora@example.com")).hasSize(1);
    }

    @Test
    void givenAParcelWithNoTrackingNews_whenTheTransitEstimatePassesTwice_thenOneApologyAndOneTicketAndNothingWhileNewsKeepsComing() {
        String shop = "silent";
        aftercare.registerShop(shop, "generic");
        order(shop, "S-1", "sam@example.com");
        shipped(shop, "S-1", "f-9");
        aftercare.clock.advance(Duration.ofDays(3));
        aftercare.generic(shop, aftercare.genericEvent("delivery.updated", "evt-transit", """
                {"order_id": "S-1", "fulfillment_id": "f-9", "status": "in_transit"}"""));

        // the watch set at shipping comes due after five days, but news came on day three: nothing
        aftercare.clock.set(FRIDAY_NINE.plus(Duration.ofDays(5)).plus(Duration.ofMinutes(1)));
        aftercare.sweepAndWork();
        assertThat(tickets(shop)).isEmpty();
        assertThat(apologies("sam@example.com")).isEmpty();

        // five days after the last news: silent
        aftercare.clock.set(FRIDAY_NINE.plus(Duration.ofDays(8)).plus(Duration.ofMinutes(1)));
        aftercare.sweepAndWork();
        aftercare.sweepAndWork();
        aftercare.clock.advance(Duration.ofDays(6));
        aftercare.sweepAndWork();

        assertThat(apologies("sam@example.com")).hasSize(1);
        assertOneTicket(shop, "Delivery problem with order #S-1: silent");
        assertThat(orderSummaries(shop, "S-1")).contains("Parcel f-9 no tracking news");

        aftercare.generic(shop, aftercare.genericEvent("delivery.updated", "evt-finally", """
                {"order_id": "S-1", "fulfillment_id": "f-9", "status": "delivered"}"""));
        aftercare.sweepAndWork();
        assertThat(aftercare.ticket(shop, "c-delivery-S-1").path("status").asText()).isEqualTo("resolved");
    }

    @Test
    void givenAParcelTheCarrierSpeaksOfDaily_whenItsWatchComesDue_thenOneWatchWaitsForTheSilenceAfterTheLatestNewsAndFindsItThen() {
        String shop = "chatty-carrier";
        shippedOrder(shop, "C-1", "cleo@example.com", "f-3");
        for (int day = 1; day <= 4; day++) { // day 4's news is the last: silent from day 9
            aftercare.clock.set(FRIDAY_NINE.plus(Duration.ofDays(day)));
            parcelNews(shop, "C-1", "f-3", "evt-c-" + day, day == 4 ? "out_for_delivery" : "in_transit", "");
        }
        assertThat(parcelWatches()).as("one watch for the parcel, set by its first news").hasSize(1);

        aftercare.clock.set(FRIDAY_NINE.plus(Duration.ofDays(5)).plus(Duration.ofMinutes(1)));
        aftercare.sweepAndWork();
        aftercare.clock.set(FRIDAY_NINE.plus(Duration.ofDays(9)).minus(Duration.ofMinutes(1)));
        aftercare.sweepAndWork();
        assertThat(tickets(shop)).isEmpty();
        assertThat(apologies("cleo@example.com")).isEmpty();
        assertThat(parcelWatches()).singleElement().satisfies(watch -> assertThat(watch.get("dueAt").s()).startsWith("2026-11-29T08:00"));

        aftercare.clock.set(FRIDAY_NINE.plus(Duration.ofDays(9)).plus(Duration.ofMinutes(1)));
        aftercare.sweepAndWork();
        aftercare.sweepAndWork();

        assertThat(apologies("cleo@example.com")).hasSize(1);
        assertOneTicket(shop, "Delivery problem with order #C-1: silent");
        assertThat(parcelWatches()).singleElement().satisfies(watch -> assertThat(watch.get("status").s()).isEqualTo("DONE"));
    }

    @Test
    void givenAParcelDeliveredBeforeItsWatchComesDue_whenItDoes_thenTheWatchEndsWithoutLookingAgain() {
        String shop = "prompt-carrier";
        shippedOrder(shop, "P-1", "pia@example.com", "f-5");
        aftercare.clock.set(FRIDAY_NINE.plus(Duration.ofDays(2)));
        parcelNews(shop, "P-1", "f-5", "evt-p-delivered", "delivered", "");

        aftercare.clock.set(FRIDAY_NINE.plus(Duration.ofDays(5)).plus(Duration.ofMinutes(1)));
        aftercare.sweepAndWork();
        aftercare.sweepAndWork();

        assertThat(parcelWatches()).singleElement().satisfies(watch -> {
            assertThat(watch.get("status").s()).isEqualTo("DONE");
            assertThat(watch).doesNotContainKey("DUEPK"); // out of the due index: no sweep reads it again
        });
        assertThat(apologies("pia@example.com")).isEmpty();
        assertThat(tickets(shop)).isEmpty();
    }

    @Test
    void givenAnOrderInTwoParcels_whenOneIsDeliveredAndTheOtherGoesSilent_thenTheSilentOneIsFoundThoughTheOrderWasDelivered() {
        String shop = "two-parcels";
        shippedOrder(shop, "T-1", "tom@example.com", "f-a");
        shipped(shop, "T-1", "f-b", "ship-T-1-b");
        aftercare.clock.set(FRIDAY_NINE.plus(Duration.ofDays(1)));
        parcelNews(shop, "T-1", "f-a", "evt-t-a-delivered", "delivered", "");

        aftercare.clock.set(FRIDAY_NINE.plus(Duration.ofDays(5)).plus(Duration.ofMinutes(1)));
        aftercare.sweepAndWork();
        aftercare.sweepAndWork();

        assertThat(apologies("tom@example.com")).hasSize(1);
        assertThat(orderSummaries(shop, "T-1")).contains("Parcel f-b no tracking news").doesNotContain("Parcel f-a no tracking news");
        assertThat(parcelWatches()).hasSize(2).allSatisfy(watch -> assertThat(watch.get("status").s()).isEqualTo("DONE"));
    }

    @Test
    void givenAnOrderInTwoParcels_whenOneKeepsMovingAndTheOtherGoesSilent_thenTheOthersNewsDoesNotHideTheSilence() {
        String shop = "one-moving";
        shippedOrder(shop, "M-1", "mia@example.com", "f-c");
        shipped(shop, "M-1", "f-d", "ship-M-1-d");
        for (int day = 1; day <= 4; day++) {
            aftercare.clock.set(FRIDAY_NINE.plus(Duration.ofDays(day)));
            parcelNews(shop, "M-1", "f-c", "evt-m-c-" + day, "in_transit", "");
        }

        aftercare.clock.set(FRIDAY_NINE.plus(Duration.ofDays(5)).plus(Duration.ofMinutes(1)));
        aftercare.sweepAndWork();
        aftercare.sweepAndWork();

        assertThat(orderSummaries(shop, "M-1")).contains("Parcel f-d no tracking news").doesNotContain("Parcel f-c no tracking news");
        assertOneTicket(shop, "Delivery problem with order #M-1: silent");
    }

    @Test
    void givenADeliveryRecordedWhileItsCaseIsBeingOpened_whenTheTicketIsWritten_thenTheCaseResolvesItselfAtOnce() {
        // the delivery arrives after the case's check read the order and before its ticket exists: it finds no case
        // to resolve, so the check must see the delivery once its ticket is written
        AtomicReference<Harness> racing = new AtomicReference<>();
        AtomicBoolean delivered = new AtomicBoolean();
        List<QueryRequest> afterTheTicket = new CopyOnWriteArrayList<>();
        racing.set(beforeEachRequest(request -> {
            if (request instanceof TransactWriteItemsRequest write && opensDeliveryTicket(write) && delivered.compareAndSet(false, true)) {
                var answer = racing.get().generic("racing", racing.get().genericEvent("delivery.updated", "evt-r-delivered", """
                        {"order_id": "R-1", "fulfillment_id": "f-8", "status": "delivered"}"""));
                assertThat(answer.json().path("scheduled").toString()).as("no ticket yet").doesNotContain("delivery-case#");
            } else if (delivered.get() && request instanceof QueryRequest query) {
                afterTheTicket.add(query);
            }
        }));
        shippedOrder("racing", "R-1", "rita@example.com", "f-8");
        parcelNews("racing", "R-1", "f-8", "evt-r-failure", "failure", ", \"message\": \"Address not found\"");

        aftercare.sweepAndWork();
        aftercare.sweepAndWork();

        assertThat(delivered).isTrue();
        // DynamoDB Local is always consistent: that the case read the order again strongly consistently is shown by the request
        assertThat(afterTheTicket).anyMatch(query -> Boolean.TRUE.equals(query.consistentRead())
                && query.expressionAttributeValues().values().stream().anyMatch(value -> value.s() != null && value.s().endsWith("#ORDER#R-1")));
        assertThat(aftercare.ticket("racing", "c-delivery-R-1").path("status").asText()).isEqualTo("resolved");
        assertThat(orderSummaries("racing", "R-1")).anyMatch(summary -> summary.startsWith("Parcel delivered: the delivery problem of ticket T-"));
    }

    @Test
    void givenACaseOpenedAfterADeliveryReadThereWasNone_whenTheDeliveryIsWritten_thenItsCheckIsRefusedAndTheResolutionScheduled() {
        // the case's ticket is written after the delivery's read found none and before its transaction
        AtomicReference<Harness> racing = new AtomicReference<>();
        AtomicBoolean opened = new AtomicBoolean();
        racing.set(beforeEachRequest(request -> {
            if (request instanceof TransactWriteItemsRequest write && checksNoDeliveryTicket(write) && opened.compareAndSet(false, true)) {
                racing.get().sweepAndWork(); // the failure's case: the order is not delivered yet, so it opens its ticket
            }
        }));
        shippedOrder("late-case", "L-1", "lena@example.com", "f-6");
        parcelNews("late-case", "L-1", "f-6", "evt-l-failure", "failure", ", \"message\": \"Address not found\"");

        var delivered = aftercare.generic("late-case", aftercare.genericEvent("delivery.updated", "evt-l-delivered", """
                {"order_id": "L-1", "fulfillment_id": "f-6", "status": "delivered"}"""));
        assertThat(opened).isTrue();
        assertThat(aftercare.ticket("late-case", "c-delivery-L-1").path("status").asText()).as("opened before the delivery was written")
                .isNotEqualTo("resolved");
        assertThat(delivered.json().path("scheduled").toString()).contains("delivery-case#L-1~delivered");
        aftercare.sweepAndWork();

        assertThat(aftercare.ticket("late-case", "c-delivery-L-1").path("status").asText()).isEqualTo("resolved");
    }

    @Test
    void givenAnOrderWhoseCaseIsOpen_whenItsDeliveryArrives_thenTheReadFindsTheTicketAndOneTransactionSchedulesTheResolution() {
        List<String> operations = new CopyOnWriteArrayList<>();
        AtomicBoolean counting = new AtomicBoolean();
        beforeEachRequest(request -> {
            if (counting.get()) {
                operations.add(request.getClass().getSimpleName());
            }
        });
        shippedOrder("open-case", "K-1", "kai@example.com", "f-2");
        parcelNews("open-case", "K-1", "f-2", "evt-k-failure", "failure", "");
        aftercare.sweepAndWork();
        assertThat(tickets("open-case")).hasSize(1);

        counting.set(true);
        var delivered = aftercare.generic("open-case", aftercare.genericEvent("delivery.updated", "evt-k-delivered", """
                {"order_id": "K-1", "fulfillment_id": "f-2", "status": "delivered"}"""));
        counting.set(false);

        assertThat(delivered.json().path("scheduled").toString()).contains("delivery-case#K-1~delivered");
        assertThat(operations).filteredOn("TransactWriteItemsRequest"::equals).as("no check refused").hasSize(1);
        aftercare.sweepAndWork();
        assertThat(aftercare.ticket("open-case", "c-delivery-K-1").path("status").asText()).isEqualTo("resolved");
    }

    private static boolean checksNoDeliveryTicket(TransactWriteItemsRequest write) {
        return write.transactItems().stream().anyMatch(item -> item.conditionCheck() != null
                && item.conditionCheck().key().get("PK").s().contains("delivery-"));
    }

    /** This test's Aftercare on a table client that hands each request to {@code hook} before sending it (a race staged at a chosen request). */
    private Harness beforeEachRequest(Consumer<SdkRequest> hook) {
        ExecutionInterceptor interceptor = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                hook.accept(context.request());
            }
        };
        aftercare = new Harness(table, table.client(interceptor), FRIDAY_NINE, ses);
        return aftercare;
    }

    private static boolean opensDeliveryTicket(TransactWriteItemsRequest write) {
        return write.transactItems().stream().anyMatch(item -> item.put() != null && "TICKET".equals(item.put().item().get("SK").s())
                && item.put().item().get("PK").s().contains("delivery-"));
    }

    private List<Map<String, AttributeValue>> parcelWatches() {
        return table.allItems().stream().filter(item -> item.get("PK").s().contains("#ACTION#parcel-watch#")).toList();
    }

    private Harness.Response shopify(String shop, String fixture, String topic, Instant triggeredAt) {
        return aftercare.shopify(shop, Fixtures.shopify(fixture), topic, UUID.randomUUID().toString(), triggeredAt);
    }

    private void order(String shop, String id, String email) {
        var placed = aftercare.generic(shop, aftercare.genericEvent("order.created", "o-" + id, """
                {"id": "%s", "created_at": "%s", "currency": "PLN", "total": "99.00",
                 "customer": {"email": "%s", "name": "Kim", "locale": "en"}, "lines": [{"title": "Teapot", "quantity": 1, "price": "99.00"}]}"""
                .formatted(id, aftercare.clock.instant(), email)));
        assertThat(placed.status()).as(placed.body()).isEqualTo(200);
    }

    private void shipped(String shop, String order, String fulfilment) {
        shipped(shop, order, fulfilment, "ship-" + order);
    }

    private void shipped(String shop, String order, String fulfilment, String deliveryId) {
        var sent = aftercare.generic(shop, aftercare.genericEvent("fulfillment.created", deliveryId, """
                {"order_id": "%s", "fulfillment_id": "%s", "shipped_at": "%s", "tracking": {"company": "DPD", "number": "0001"}}"""
                .formatted(order, fulfilment, aftercare.clock.instant())));
        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
    }

    /** A generic shop, and an order of {@code email}'s shipped now as parcel {@code fulfilment}. */
    private void shippedOrder(String shop, String order, String email, String fulfilment) {
        aftercare.registerShop(shop, "generic");
        order(shop, order, email);
        shipped(shop, order, fulfilment);
    }

    /** A carrier's news of a parcel in the generic format; {@code more} adds fields to its data. */
    private void parcelNews(String shop, String order, String fulfilment, String id, String status, String more) {
        var news = aftercare.generic(shop, aftercare.genericEvent("delivery.updated", id, """
                {"order_id": "%s", "fulfillment_id": "%s", "status": "%s"%s}""".formatted(order, fulfilment, status, more)));
        assertThat(news.status()).as(news.body()).isEqualTo(200);
    }

    private void returnStep(String shop, String order, String ret, String event) {
        var step = aftercare.generic(shop, aftercare.genericEvent("return.updated", "r-" + event, """
                {"order_id": "%s", "return_id": "%s", "event": "%s"}""".formatted(order, ret, event)));
        assertThat(step.status()).as(step.body()).isEqualTo(200);
    }

    private void escalationLadder(String shop) {
        var patched = aftercare.admin("PATCH /admin/shops/{shop}", Map.of("shop", shop), """
                {"support": {"escalation": [{"level": 1, "afterMinutes": 60, "contacts": ["team-%s@desk.example"]}]}}""".formatted(shop));
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
    }

    /** The shop has one ticket, and this is its subject. */
    private void assertOneTicket(String shop, String subject) {
        assertThat(tickets(shop)).singleElement().satisfies(t -> assertThat(t.path("subject").asText()).isEqualTo(subject));
    }

    private List<JsonNode> tickets(String shop) {
        List<JsonNode> found = new ArrayList<>();
        aftercare.agent("GET /api/shops/{shop}/tickets", Map.of("shop", shop), Map.of()).json().path("items").forEach(found::add);
        return found;
    }

    private List<SesEmulator.Email> apologies(String to) {
        return ses.emailsTo(to).stream().filter(e -> e.subject().contains("is held up")).toList();
    }

    private List<String> orderSummaries(String shop, String order) {
        List<String> summaries = new ArrayList<>();
        aftercare.orderTimeline(shop, order).path("items").forEach(e -> summaries.add(e.path("summary").asText()));
        return summaries;
    }
}
