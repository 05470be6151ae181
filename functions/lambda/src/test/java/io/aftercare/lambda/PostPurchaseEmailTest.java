package io.aftercare.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.aftercare.devkit.DynamoDbExtension;
import io.aftercare.devkit.RepositoryRoot;
import io.aftercare.devkit.Fixtures;
import io.aftercare.devkit.SesEmulator;
import io.aftercare.devkit.SesEmulatorExtension;
import io.aftercare.devkit.SesMailbox;
import io.aftercare.devkit.TestTable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Post-purchase emails end to end: a signed webhook, the sweep, the action worker, the real SES v2 client and the
 * aws-ses-v2-local emulator; only the clock is moved by hand, and only forwards, as time goes.
 */
@ExtendWith({DynamoDbExtension.class, SesEmulatorExtension.class})
class PostPurchaseEmailTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static Harness aftercare;
    private static SesMailbox ses;

    @BeforeAll
    static void start(TestTable table, SesMailbox mailbox) {
        ses = mailbox;
        aftercare = new Harness(table, NOW, mailbox);
        aftercare.registerShop("kettle-house", "generic");
        aftercare.admin("PATCH /admin/shops/{shop}", Map.of("shop", "kettle-house"), "{\"thankYouDiscount\": {\"prefix\": \"THANKS-\", \"percent\": 10}}");
        // a generic shop's codes come from the pool it made in its own system and uploaded
        StringBuilder pool = new StringBuilder("code\n");
        for (int i = 0; i < 200; i++) {
            pool.append("THANKS-").append("ABCDEFGH".charAt(i % 8)).append("JKLMNPQR".charAt(i / 8 % 8)).append("STUV2345".charAt(i / 64)).append("WXYZ6\n");
        }
        assertThat(aftercare.admin("POST /admin/shops/{shop}/discount-pool", Map.of("shop", "kettle-house"), pool.toString()).status()).isEqualTo(200);
    }

    @Test
    void givenOrdersFromCustomersInFourLanguages_whenTheirThankYousAreSent_thenEachArrivesInItsLanguageWithBothPartsAndNoUnsubscribeHeaders() {
        Map<String, String> subjects = Map.of(
                "en", "Thank you for your order #EN-1",
                "pl", "Dziękujemy za zamówienie #PL-1",
                "ru", "Спасибо за ваш заказ #RU-1",
                "ro", "Vă mulțumim pentru comanda #RO-1");
        Map<String, String> totals = Map.of("en", "PLN129.90", "pl", "129,90 zł", "ru", "129,90 PLN", "ro", "129,90 PLN");
        for (String lang : subjects.keySet()) {
            order(lang.toUpperCase() + "-1", lang + "-buyer@example.com", lang, "Ola <b>Nowak</b>");
        }

        aftercare.sweepAndWork();

        for (var expected : subjects.entrySet()) {
            String lang = expected.getKey();
            SesEmulator.Email email = single(lang + "-buyer@example.com");
            assertThat(email.subject()).isEqualTo(expected.getValue());
            assertThat(email.html()).contains("lang=\"" + lang + "\"", "Stovetop kettle", "THANKS-").doesNotContain("<b>Nowak</b>");
            assertThat(email.html().replace('\u00a0', ' ').replace('\u202f', ' ')).contains(totals.get(lang));
            assertThat(email.text()).contains("Stovetop kettle").doesNotContain("<");
            assertThat(email.from()).contains("hello@kettlehouse.example");
            assertThat(email.replyTo()).containsExactly("support@kettlehouse.example");
            assertThat(email.header("List-Unsubscribe")).as("a thank-you is transactional").isNull();
        }
        assertThat(summaries("PL-1")).anyMatch(s -> s.startsWith("Thank-you email sent in Polish"))
                .anyMatch(s -> s.matches("Discount code THANKS-[A-Z2-9]{8} issued \\(10% off\\)"));
    }

    @Test
    void givenAShopifyOrderPaidInAnotherCurrencyThanTheShops_whenItsThankYouIsSent_thenTheEmailShowsWhatTheCustomerPaid() {
        // the order as if placed a minute ago (its times moved from 2024-06-24T13:55, +02:00), so it is thanked for
        String aMinuteAgo = aftercare.clock.instant().minus(Duration.ofMinutes(1)).atOffset(ZoneOffset.ofHours(2)).toString().substring(0, 16);
        String order = new String(Fixtures.shopify("orders-create.multi-currency.json"), StandardCharsets.UTF_8)
                .replace("2024-06-24T13:55", aMinuteAgo);
        aftercare.registerShop("markets", "shopify");
        aftercare.shopify("markets", order.getBytes(StandardCharsets.UTF_8), "orders/create");

        aftercare.sweepAndWork();

        SesEmulator.Email email = single("retro.colin@gmail.com");
        String html = email.html().replace('\u00a0', ' ');
        assertThat(html).contains("€115.90", "€41.95", "€73.95").doesNotContain("124.36", "45.01", "$");
        assertThat(email.text()).contains("€115.90").doesNotContain("124.36");
    }

    @Test
    void givenACheckInComingDue_whenSent_thenItCarriesBothUnsubscribeHeadersAndItsOneClickLinkUnsubscribes() {
        String customer = "check-in-" + UUID.randomUUID() + "@example.com";
        order("CI-1", customer, "pl", "Kasia");
        aftercare.sweepAndWork();

        aftercare.clock.advance(Duration.ofDays(60).plusMinutes(1));
        aftercare.sweepAndWork();

        var checkIn = ses.emailsTo(customer).stream().filter(e -> e.subject().startsWith("Jak sprawdza się")).findFirst().orElseThrow();
        assertThat(checkIn.header("List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
        String url = checkIn.header("List-Unsubscribe");
        assertThat(url).startsWith("<" + Harness.PUBLIC_URL + "/u/").endsWith(">");
        assertThat(checkIn.text()).contains(Harness.PUBLIC_URL + "/f/");

        String token = url.substring(url.indexOf("/u/") + 3, url.length() - 1);
        var unsubscribed = aftercare.customerPage("POST /u/{token}", token, "List-Unsubscribe=One-Click");
        assertThat(unsubscribed.status()).isEqualTo(200);
        assertThat(unsubscribed.body()).contains("Wypisano Cię");
        assertThat(customerSummaries(customer)).contains("Unsubscribed from follow-ups");
    }

    @Test
    void givenARefundBeforeTheCheckInIsDue_whenItComesDue_thenNoCheckInIsSentAndTheTimelineSaysWhy() {
        String customer = "refunded-" + UUID.randomUUID() + "@example.com";

        untilTheCheckIn("RF-1", customer, "refund.created", """
                {"order_id": "RF-1", "refund_id": "r1", "amount": "129.90", "currency": "PLN"}""");

        assertThat(ses.emailsTo(customer)).extracting(SesEmulator.Email::subject)
                .as("the refund's notice and its customer effort survey go out, the cheerful check-in does not")
                .containsExactlyInAnyOrder("Thank you for your order #RF-1", "Your refund of PLN129.90 for order #RF-1 is on its way",
                        "How easy was your return for order #RF-1?");
        assertThat(summaries("RF-1")).contains("Check-in email not sent: the order was refunded in full");
    }

    @Test
    void givenAReturnRequestedBeforeTheCheckInIsDue_whenItComesDue_thenNoCheckInIsSentAndTheTimelineSaysWhy() {
        String customer = "returning-" + UUID.randomUUID() + "@example.com";

        untilTheCheckIn("RT-1", customer, "return.updated", """
                {"order_id": "RT-1", "return_id": "ret-1", "event": "requested"}""");

        assertThat(ses.emailsTo(customer)).extracting(SesEmulator.Email::subject).containsExactly("Thank you for your order #RT-1",
                "We have your return request for order #RT-1");
        assertThat(summaries("RT-1")).contains("Return ret-1 requested", "Check-in email not sent: the order is being returned (requested)");
    }

    @Test
    void givenAPartialRefundBeforeTheCheckInIsDue_whenItComesDue_thenItIsSkippedAsPartlyRefundedAndBothTimelinesShowTheAmount() {
        String customer = "partly-" + UUID.randomUUID() + "@example.com";

        untilTheCheckIn("PR-1", customer, "refund.created", """
                {"order_id": "PR-1", "refund_id": "r1", "amount": "30.00", "currency": "PLN", "reason": "Lid scratched"}""");

        assertThat(summaries("PR-1")).contains("Refund of PLN30.00 (Lid scratched)", "Check-in email not sent: part of the order was refunded");
        assertThat(customerSummaries(customer)).contains("Refund of PLN30.00 (Lid scratched)", "Check-in email not sent: part of the order was refunded");
    }

    @Test
    void givenAReturnCompletedBeforeTheCheckInIsDue_whenItComesDue_thenItIsSkippedAsReturnedNotAsBeingReturned() {
        String customer = "returned-" + UUID.randomUUID() + "@example.com";

        untilTheCheckIn("RC-1", customer, "return.updated", """
                {"order_id": "RC-1", "return_id": "ret-1", "event": "requested"}""", """
                {"order_id": "RC-1", "return_id": "ret-1", "event": "approved"}""", """
                {"order_id": "RC-1", "return_id": "ret-1", "event": "received"}""");

        assertThat(summaries("RC-1")).contains("Check-in email not sent: the order's goods came back in a return (received)")
                .noneMatch(s -> s.contains("is being returned"));
        assertThat(customerSummaries(customer)).contains("Check-in email not sent: the order's goods came back in a return (received)",
                "Return ret-1 of order #RC-1 is now received");
    }

    @Test
    void givenAReturnTheShopDeclined_whenTheCheckInComesDue_thenItIsSent() {
        String customer = "declined-" + UUID.randomUUID() + "@example.com";

        untilTheCheckIn("RT-2", customer, "return.updated",
                "{\"order_id\": \"RT-2\", \"return_id\": \"ret-2\", \"event\": \"requested\"}",
                "{\"order_id\": \"RT-2\", \"return_id\": \"ret-2\", \"event\": \"declined\"}");

        assertThat(ses.emailsTo(customer)).extracting(SesEmulator.Email::subject).hasSize(3)
                .contains("Thank you for your order #RT-2", "About your return request for order #RT-2");
        assertThat(summaries("RT-2")).contains("Return ret-2 declined").anyMatch(s -> s.startsWith("Check-in email sent"));
    }

    @Test
    void givenAnAddressThatBouncedPermanently_whenItsThankYouComesDue_thenNothingIsSentAndTheAddressStaysSuppressed() {
        // SES's own record, as SNS delivers it: a hard bounce of no-such-user@example.pl from the shop kettle-house.
        SNSEvent sns = EventLoader.loadSNSEvent(RepositoryRoot.fixtures().resolve("ses/sns-event-bounce-permanent.json").toString());
        assertThat(new SesEventHandler(aftercare.app).handleRequest(sns, null)).isEqualTo(1);

        order("BN-1", "no-such-user@example.pl", "pl", "Nobody");
        aftercare.sweepAndWork();

        assertThat(ses.emailsTo("no-such-user@example.pl")).isEmpty();
        assertThat(summaries("BN-1")).contains("Thank-you email not sent: the address is suppressed (an email to it bounced)");
    }

    @Test
    void givenTwoCheckInsDueTheSameHour_whenSent_thenTheSecondWaitsOutTheSixteenHourCap() {
        String customer = "twice-" + UUID.randomUUID() + "@example.com";
        Instant start = aftercare.clock.instant();
        order("FC-1", customer, "en", "Tom");
        aftercare.clock.advance(Duration.ofMinutes(30));
        order("FC-2", customer, "en", "Tom");
        aftercare.sweepAndWork();

        aftercare.clock.set(start.plus(Duration.ofDays(60)).plus(Duration.ofHours(1)));
        aftercare.sweepAndWork();
        long checkInsAtFirst = ses.emailsTo(customer).stream().filter(e -> e.subject().startsWith("How is your")).count();
        aftercare.clock.advance(Duration.ofHours(17));
        aftercare.sweepAndWork();

        assertThat(checkInsAtFirst).isEqualTo(1);
        assertThat(ses.emailsTo(customer).stream().filter(e -> e.subject().startsWith("How is your")).count()).isEqualTo(2);
        // the worker runs both at once: whichever took the customer's turn second is the one postponed
        assertThat(Stream.of("FC-1", "FC-2").flatMap(o -> summaries(o).stream())).filteredOn(s -> s.startsWith("Check-in email postponed to")).hasSize(1);
    }

    @Test
    void givenAForgedUnsubscribeToken_whenPosted_thenA400PageAndNothingChanges() {
        int items = aftercare.table.itemCount();

        var forged = aftercare.customerPage("POST /u/{token}", "eyJzaG9wIjoia2V0dGxlLWhvdXNlIn0.AAAA", "");

        assertThat(forged.status()).isEqualTo(400);
        assertThat(forged.body()).contains("This link does not work");
        assertThat(aftercare.table.itemCount()).isEqualTo(items);
    }

    private static SesEmulator.Email single(String address) {
        List<SesEmulator.Email> emails = ses.emailsTo(address);
        assertThat(emails).as("emails to " + address).hasSize(1);
        return emails.get(0);
    }

    /** An order whose thank-you went out, then these events of one type an hour apart, then two months on: the check-in's turn. */
    private static void untilTheCheckIn(String orderId, String customer, String type, String... data) {
        order(orderId, customer, "en", "Ann");
        aftercare.sweepAndWork();
        for (int i = 0; i < data.length; i++) {
            aftercare.clock.advance(Duration.ofHours(1));
            assertThat(aftercare.generic("kettle-house", event(type, orderId + "-" + type + "-" + i, data[i])).status()).isEqualTo(200);
        }
        aftercare.clock.advance(Duration.ofDays(61));
        assertThat(aftercare.sweepAndWork().getBatchItemFailures()).as("the check-in's message ends, whether it is sent or skipped").isEmpty();
    }

    private static void order(String id, String email, String locale, String name) {
        var response = aftercare.generic("kettle-house", event("order.created", "evt-" + id, """
                {"id": "%s", "number": "#%s", "created_at": "%s", "currency": "PLN", "total": "129.90",
                 "customer": {"email": "%s", "name": "%s", "locale": "%s"},
                 "lines": [{"title": "Stovetop kettle", "quantity": 1, "price": "129.90"}]}"""
                .formatted(id, id, aftercare.clock.instant(), email, name, locale)));
        assertThat(response.status()).isEqualTo(200);
    }

    private static String event(String type, String id, String data) {
        return """
                {"schema": "aftercare.webhook.v1", "id": "%s", "type": "%s", "occurred_at": "%s", "data": %s}"""
                .formatted(id, type, aftercare.clock.instant(), data);
    }

    private static List<String> summaries(String orderId) {
        List<String> summaries = new java.util.ArrayList<>();
        aftercare.orderTimeline("kettle-house", orderId).path("items").forEach(e -> summaries.add(e.path("summary").asText()));
        return summaries;
    }

    private static List<String> customerSummaries(String email) {
        List<String> summaries = new java.util.ArrayList<>();
        aftercare.agent("GET /api/shops/{shop}/customers/{email}/timeline", Map.of("shop", "kettle-house", "email", email), Map.of("lang", "en"))
                .json().path("items").forEach(e -> summaries.add(e.path("summary").asText()));
        return summaries;
    }

}
