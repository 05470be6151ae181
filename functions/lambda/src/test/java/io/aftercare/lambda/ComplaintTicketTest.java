package io.aftercare.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aftercare.devkit.DynamoDbExtension;
import io.aftercare.devkit.Fixtures;
import io.aftercare.devkit.SesEmulator;
import io.aftercare.devkit.SesEmulatorExtension;
import io.aftercare.devkit.SesMailbox;
import io.aftercare.devkit.TestTable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Complaint tickets end to end: the generic webhook opens them, the sweep and the action handler run their deadlines
 * against the real SES client and emulator, escalation chat posts reach a loopback receiver; the clock is moved by hand.
 */
@ExtendWith({DynamoDbExtension.class, SesEmulatorExtension.class})
class ComplaintTicketTest {

    private static final ZoneId WARSAW = ZoneId.of("Europe/Warsaw");
    private static final Instant MONDAY_NINE = LocalDateTime.parse("2026-11-23T09:00").atZone(WARSAW).toInstant();

    private static ChatReceiver chat;
    private SesMailbox ses;
    /** Each test has a table of its own, so its clock can start on the same Monday morning. */
    private Harness aftercare;

    @BeforeAll
    static void start() {
        chat = new ChatReceiver();
    }

    @BeforeEach
    void freshTable(TestTable table, SesMailbox ses) {
        this.ses = ses;
        aftercare = new Harness(table, MONDAY_NINE, ses);
    }

    @AfterAll
    static void stop() {
        chat.close();
    }

    @Test
    void givenAComplaintNobodyAnswers_whenBusinessTimePasses_thenItIsAcknowledgedAndEscalatesToLevelOneTwoAndThreeWithEveryNoticeDelivered() {
        String shop = desk("escalating");
        var opened = complaint(shop, "e-1", "lukasz@example.pl", "pl");
        assertThat(opened.json().path("ticket").asText()).startsWith("T-");
        aftercare.sweepAndWork();
        var ack = ses.emailsTo("lukasz@example.pl").get(0);
        assertThat(ack.subject()).isEqualTo("Otrzymaliśmy Twoją wiadomość [" + opened.json().path("ticket").asText() + "]");
        assertThat(ack.text()).contains("Odpowiemy najpóźniej", "23 listopada 2026");

        for (int minutes : new int[] {61, 121, 241}) {
            aftercare.clock.set(MONDAY_NINE.plus(Duration.ofMinutes(minutes)));
            aftercare.sweepAndWork();
        }

        assertThat(ses.emailsTo("team-escalating@desk.example")).extracting(SesEmulator.Email::subject)
                .anyMatch(s -> s.contains("Escalation level 1"));
        assertThat(ses.emailsTo("lead-escalating@desk.example")).extracting(SesEmulator.Email::subject)
                .anyMatch(s -> s.contains("Escalation level 2"));
        assertThat(ses.emailsTo("manager-escalating@desk.example")).extracting(SesEmulator.Email::subject)
                .anyMatch(s -> s.contains("Escalation level 3"));
        assertThat(chat.postsFor(shop)).anyMatch(p -> p.contains("Escalation level 1")).anyMatch(p -> p.contains("Escalation level 2"))
                .anyMatch(p -> p.contains("Escalation level 3")).anyMatch(p -> p.contains("SLA breached: first response"));
        JsonNode ticket = aftercare.ticket(shop, "c-e-1");
        assertThat(ticket.path("figures").path("escalationLevel").asInt()).isEqualTo(3);
        assertThat(ticket.path("figures").path("breached").asBoolean()).isTrue();
    }

    @Test
    void givenAnAgentAnswersBeforeTheAcknowledgementGoesOut_whenItsTurnComes_thenNoAcknowledgementPromisesAnAnswerAlreadyGiven() {
        String shop = desk("ack-late");
        complaint(shop, "k-1", "karol@example.com", "en");
        long version = aftercare.ticket(shop, "c-k-1").path("version").asLong();

        assertThat(reply(shop, "c-k-1", version, "Here is your answer already.").status()).isEqualTo(200);
        aftercare.clock.set(MONDAY_NINE.plus(Duration.ofMinutes(5)));
        aftercare.sweepAndWork();

        assertThat(ses.emailsTo("karol@example.com")).extracting(SesEmulator.Email::text).anyMatch(t -> t.contains("Here is your answer already."))
                .noneMatch(t -> t.contains("You will hear from us by"));
        assertThat(ses.emailsTo("karol@example.com")).extracting(SesEmulator.Email::subject).noneMatch(s -> s.startsWith("We have your message"));
        assertThat(aftercare.ticketSummaries(shop, "c-k-1")).contains("Complaint acknowledgement not needed: an agent answered");
    }

    @Test
    void givenSixCopiesOfOneComplaintAtOnce_whenANewComplaintFollows_thenItTakesTheVeryNextNumber() throws Exception {
        String shop = desk("numbers");
        complaint(shop, "n-1", "first@example.com", "en");
        String copy = aftercare.genericEvent("complaint.created", "evt-n-2", """
                {"id": "n-2", "subject": "Sent six times", "message": "Hello?", "customer": {"email": "six@example.com"}}""");
        var pool = Executors.newFixedThreadPool(6);
        try {
            var start = new CountDownLatch(1);
            List<Future<Harness.Response>> copies = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                copies.add(pool.submit(() -> {
                    start.await();
                    return aftercare.generic(shop, copy);
                }));
            }
            start.countDown();
            for (var answer : copies) {
                assertThat(answer.get().status()).as(answer.get().body()).isEqualTo(200);
            }
        } finally {
            pool.shutdown();
        }
        complaint(shop, "n-3", "third@example.com", "en");

        assertThat(List.of(number(shop, "c-n-1"), number(shop, "c-n-2"), number(shop, "c-n-3"))).containsExactly("T-1001", "T-1002", "T-1003");
        assertThat(aftercare.table.allItems()).filteredOn(i -> i.get("PK").s().equals("SHOP#" + shop) && i.get("SK").s().equals("COUNTER#TICKETS"))
                .singleElement().satisfies(counter -> assertThat(counter.get("next").n()).isEqualTo("3"));
    }

    @Test
    void givenAnEscalationAlreadyQueued_whenAnAgentAnswersBeforeItRuns_thenItEscalatesNoFurther() {
        String shop = desk("answered");
        complaint(shop, "a-1", "anna@example.com", "en");
        aftercare.clock.set(MONDAY_NINE.plus(Duration.ofMinutes(61)));
        aftercare.app.sweep().run(); // the level-1 escalation is claimed and queued...
        long version = aftercare.ticket(shop, "c-a-1").path("version").asLong();

        var reply = reply(shop, "c-a-1", version, "Sorry about the scratch: a new lid is on its way.");
        aftercare.work(); // ...and runs after the answer
        aftercare.clock.set(MONDAY_NINE.plus(Duration.ofMinutes(300)));
        aftercare.sweepAndWork();

        assertThat(reply.status()).isEqualTo(200);
        assertThat(ses.emailsTo("team-answered@desk.example")).isEmpty();
        assertThat(ses.emailsTo("anna@example.com")).extracting(SesEmulator.Email::text).anyMatch(t -> t.contains("a new lid is on its way"));
        assertThat(aftercare.ticketSummaries(shop, "c-a-1")).anyMatch(s -> s.equals("Escalation notice not needed: an agent answered"))
                .anyMatch(s -> s.contains("first response met"));
        assertThat(aftercare.ticket(shop, "c-a-1").path("figures").path("firstResponseMinutes").asInt()).isEqualTo(61);
    }

    @Test
    void givenATicketResolvedBeforeItsEscalation_whenTheEscalationComesDue_thenItsTimelineSaysInTheCallersLanguageWhichStatusItHad() {
        String shop = desk("resolved-early");
        complaint(shop, "r-1", "early@example.com", "en");
        aftercare.sweepAndWork();
        change(shop, "c-r-1", "{\"version\": " + aftercare.ticket(shop, "c-r-1").path("version").asLong() + ", \"status\": \"resolved\"}");
        aftercare.clock.set(MONDAY_NINE.plus(Duration.ofMinutes(61)));
        aftercare.sweepAndWork();

        assertThat(ses.emailsTo("team-resolved-early@desk.example")).isEmpty();
        assertThat(aftercare.ticketSummaries(shop, "c-r-1")).contains("Escalation notice not needed: the ticket is no longer open (resolved)");
        assertThat(aftercare.agent("GET /api/shops/{shop}/tickets/{ticketId}", Map.of("shop", shop, "ticketId", "c-r-1"), Map.of("lang", "pl"))
                .json().path("ticketTimeline").path("items")).extracting(e -> e.path("summary").asText())
                .contains("Powiadomienie o eskalacji: niepotrzebne — zgłoszenie nie jest już otwarte (rozwiązane)");
    }

    @Test
    void givenABreachDueAtThreeOnSaturdayNight_whenItComesDue_thenTheNoticeWaitsForMondaysOpeningUnlessTheTicketIsUrgent() {
        String shop = desk("weekend");
        aftercare.admin("PATCH /admin/shops/{shop}", Map.of("shop", shop), """
                {"support": {"sla": {"normal": {"firstResponseMinutes": 60, "aroundTheClock": true},
                                     "urgent": {"firstResponseMinutes": 60, "aroundTheClock": true}}}}""");
        Instant saturdayTwo = LocalDateTime.parse("2026-11-28T02:00").atZone(WARSAW).toInstant();
        aftercare.clock.set(saturdayTwo);
        complaint(shop, "w-normal", "weekend-normal@example.com", "en");
        complaintWithPriority(shop, "w-urgent", "weekend-urgent@example.com", "urgent");

        aftercare.clock.set(saturdayTwo.plus(Duration.ofMinutes(61)));
        aftercare.sweepAndWork();
        List<String> atNight = chat.postsFor(shop);
        aftercare.clock.set(LocalDateTime.parse("2026-11-30T09:01").atZone(WARSAW).toInstant());
        aftercare.sweepAndWork();

        assertThat(atNight).anyMatch(p -> p.contains("SLA breached") && p.contains(number(shop, "c-w-urgent")))
                .noneMatch(p -> p.contains(number(shop, "c-w-normal")));
        assertThat(aftercare.ticketSummaries(shop, "c-w-normal")).anyMatch(s -> s.equals("SLA breach notice held until the shop opens at Nov 30, 2026, 9:00\u202fAM (Europe/Warsaw)"));
        assertThat(chat.postsFor(shop)).anyMatch(p -> p.contains("SLA breached") && p.contains(number(shop, "c-w-normal")));
    }

    @Test
    void givenTwoAgentsChangingTheSameVersion_whenBothSave_thenOneSucceedsAndTheOtherGets409() throws Exception {
        String shop = desk("raced");
        complaint(shop, "r-1", "race@example.com", "en");
        long version = aftercare.ticket(shop, "c-r-1").path("version").asLong();
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(2);
        List<Callable<Integer>> agents = List.of(
                () -> {
                    start.await();
                    return change(shop, "c-r-1", "{\"version\": " + version + ", \"priority\": \"high\", \"agent\": \"ola\"}").status();
                },
                () -> {
                    start.await();
                    return change(shop, "c-r-1", "{\"version\": " + version + ", \"assignee\": \"piotr@desk.example\", \"agent\": \"piotr\"}").status();
                });
        var results = agents.stream().map(pool::submit).toList();
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (var result : results) {
            statuses.add(result.get());
        }
        pool.shutdown();

        assertThat(statuses).containsExactlyInAnyOrder(200, 409);
        JsonNode ticket = aftercare.ticket(shop, "c-r-1");
        assertThat(ticket.path("version").asLong()).isEqualTo(version + 1);
        assertThat(ticket.path("priority").asText().equals("high") ^ ticket.path("assignee").asText().equals("piotr@desk.example")).isTrue();
    }

    @Test
    void givenATicketPendingForTwoDays_whenTheCustomerWritesBack_thenTheResolutionDeadlineMovedByThePausedBusinessTime() {
        String shop = desk("paused");
        complaint(shop, "p-1", "pause@example.com", "en");
        String dueBefore = clock(aftercare.ticket(shop, "c-p-1"), "resolution").path("dueAt").asText();
        aftercare.clock.set(MONDAY_NINE.plus(Duration.ofHours(1)));
        change(shop, "c-p-1", "{\"version\": " + aftercare.ticket(shop, "c-p-1").path("version").asLong() + ", \"status\": \"pending\"}");

        aftercare.clock.set(MONDAY_NINE.plus(Duration.ofDays(2)).plus(Duration.ofHours(1)));
        aftercare.generic(shop, aftercare.genericEvent("complaint.message", "p-1-follow-up", "{\"complaint_id\": \"p-1\", \"message\": \"Any news?\"}"));

        JsonNode ticket = aftercare.ticket(shop, "c-p-1");
        assertThat(ticket.path("status").asText()).isEqualTo("open");
        // Paused Monday 10:00 to Wednesday 10:00: 16 business hours, so Wednesday 17:00 becomes Friday 17:00.
        assertThat(Instant.parse(clock(ticket, "resolution").path("dueAt").asText()))
                .isEqualTo(Instant.parse(dueBefore).plus(Duration.ofDays(2)));
        assertThat(clock(ticket, "first-response").path("running").asBoolean()).as("still waiting for the first answer").isTrue();
    }

    @Test
    void givenAShopWithNoCodeLeft_whenItsGoodwillComesDue_thenTheApologyGoesWithoutACodeAndTheTicketSaysWhy() {
        String shop = desk("no-codes");
        var pool = aftercare.app.discountPool();
        pool.handOut(new io.aftercare.domain.ShopId(shop), "drain#1").orElseThrow();
        pool.handOut(new io.aftercare.domain.ShopId(shop), "drain#2").orElseThrow();
        resolvedAfterABreach(shop, "n-1", "no-code@example.com");

        var apology = ses.emailsTo("no-code@example.com").stream().filter(e -> e.subject().startsWith("We are sorry")).toList();
        assertThat(apology).hasSize(1);
        assertThat(apology.get(0).text()).doesNotContain("SORRY-");
        assertThat(aftercare.ticketSummaries(shop, "c-n-1")).contains(
                "Goodwill discount: sent without its code, the shop refused to create it (the shop's pool of uploaded codes is empty)");
    }

    @Test
    void givenATicketResolvedAfterABreach_whenTheShopOffersGoodwill_thenTheCustomerGetsADiscountCode() {
        String shop = desk("sorry");
        resolvedAfterABreach(shop, "s-1", "sorry@example.com");

        assertThat(ses.emailsTo("sorry@example.com")).extracting(SesEmulator.Email::subject).contains("We are sorry we kept you waiting [" + number(shop, "c-s-1") + "]");
        assertThat(aftercare.ticketSummaries(shop, "c-s-1")).anyMatch(s -> s.matches("Goodwill discount code SORRY-[A-Z2-9]{8} \\(15% off\\) sent for the breached SLA"));
    }

    @Test
    void givenAGoodwillCodeForAComplaintAboutAnOrder_whenTheShopRemindsTwoDaysBeforeItEnds_thenTheCustomerGetsOneReminderCarryingIt() {
        String shop = desk("sorry-remind");
        assertThat(aftercare.admin("PATCH /admin/shops/{shop}", Map.of("shop", shop), """
                {"support": {"goodwill": {"prefix": "SORRY-", "percent": 15, "validDays": 5, "remindDaysBefore": 2}}}""").status()).isEqualTo(200);
        aftercare.generic(shop, aftercare.genericEvent("order.created", "o-sr-1", """
                {"id": "SR-1", "created_at": "%s", "currency": "PLN", "total": "99.00",
                 "customer": {"email": "remind-sorry@example.com", "locale": "en"}, "lines": [{"title": "Teapot", "quantity": 1, "price": "99.00"}]}"""
                .formatted(aftercare.clock.instant())));
        aftercare.generic(shop, aftercare.genericEvent("complaint.created", "evt-sr-1", """
                {"id": "sr-1", "subject": "The teapot leaks", "message": "It leaks.", "order_id": "SR-1",
                 "customer": {"email": "remind-sorry@example.com", "name": "Ola Nowak", "locale": "en"}}"""));
        breachedThenResolved(shop, "sr-1");
        Instant sent = aftercare.clock.instant();
        String code = ses.emailsTo("remind-sorry@example.com").stream().filter(e -> e.subject().startsWith("We are sorry")).findFirst()
                .map(e -> e.text().replaceAll("(?s).*(SORRY-[A-Z0-9]+).*", "$1")).orElseThrow();

        aftercare.clock.set(sent.plus(Duration.ofDays(3)).minusSeconds(60));
        aftercare.sweepAndWork();
        assertThat(ses.emailsTo("remind-sorry@example.com")).as("not before its day").noneMatch(e -> e.subject().contains("expires soon"));
        aftercare.clock.set(sent.plus(Duration.ofDays(3)).plusSeconds(60));
        aftercare.sweepAndWork();
        aftercare.sweepAndWork();

        var reminders = ses.emailsTo("remind-sorry@example.com").stream().filter(e -> e.subject().equals("Your 15% code expires soon")).toList();
        assertThat(reminders).hasSize(1);
        assertThat(reminders.get(0).text()).contains(code);
        assertThat(aftercare.orderTimeline(shop, "SR-1").path("items")).extracting(e -> e.path("summary").asText())
                .contains("Discount code reminder sent in English");
    }

    @Test
    void givenAComplaintLinkedToSomeoneElsesOrder_whenItsGoodwillCodeNearsItsEnd_thenThatOrdersCustomerIsNeverRemindedOfIt() {
        String shop = desk("sorry-gift");
        remindingGoodwill(shop);
        order(shop, "SG-1", "gift-buyer@example.com");
        aftercare.generic(shop, aftercare.genericEvent("complaint.created", "evt-sg-1", """
                {"id": "sg-1", "subject": "My gift leaks", "message": "It leaks.", "order_id": "SG-1",
                 "customer": {"email": "gift-receiver@example.com", "name": "Ola Nowak", "locale": "en"}}"""));
        breachedThenResolved(shop, "sg-1");
        Instant sent = aftercare.clock.instant();
        assertThat(ses.emailsTo("gift-receiver@example.com")).anyMatch(e -> e.subject().startsWith("We are sorry") && e.text().contains("SORRY-"));

        aftercare.clock.set(sent.plus(Duration.ofDays(3)).plusSeconds(60));
        aftercare.sweepAndWork();
        aftercare.sweepAndWork();

        assertThat(ses.emailsTo("gift-buyer@example.com")).noneMatch(e -> e.text().contains("SORRY-") || e.subject().contains("expires soon"));
    }

    @Test
    void givenBadInput_whenAgentsCallTheApi_thenTheyGetA4xxAndNothingIsWritten() {
        String shop = desk("strict");
        String other = desk("other");
        complaint(shop, "b-1", "strict@example.com", "en");
        long version = aftercare.ticket(shop, "c-b-1").path("version").asLong();
        change(shop, "c-b-1", "{\"version\": " + version + ", \"status\": \"closed\"}");
        int items = aftercare.table.itemCount();

        assertThat(aftercare.agent("GET /api/shops/{shop}/tickets/{ticketId}", Map.of("shop", shop, "ticketId", "c-nope"), Map.of()).status()).isEqualTo(404);
        assertThat(aftercare.agent("GET /api/shops/{shop}/tickets/{ticketId}", Map.of("shop", other, "ticketId", "c-b-1"), Map.of()).status()).isEqualTo(404);
        var reopenClosed = change(shop, "c-b-1", "{\"version\": " + (version + 1) + ", \"status\": \"pending\"}");
        assertThat(reopenClosed.status()).isEqualTo(400);
        assertThat(reopenClosed.json().path("field").asText()).isEqualTo("status");
        assertThat(change(shop, "c-b-1", "{\"status\": \"open\"}").json().path("field").asText()).isEqualTo("version");
        assertThat(aftercare.generic(shop, aftercare.genericEvent("complaint.message", "b-ghost", "{\"complaint_id\": \"ghost\", \"message\": \"hi\"}")).status()).isEqualTo(400);
        assertThat(aftercare.table.itemCount()).isEqualTo(items);
    }

    @Test
    void givenAnOrderPaidInDollarsAtAShopKeepingAustralianDollars_whenItsShopTotalIsOverTheThreshold_thenItsComplaintIsHighPriority() {
        String shop = "desk-aud";
        aftercare.registerShop(shop, "shopify");
        assertThat(aftercare.admin("PATCH /admin/shops/{shop}", Map.of("shop", shop),
                "{\"support\": {\"highValueOrder\": {\"amount\": \"120.00\", \"currency\": \"AUD\"}}}").status()).isEqualTo(200);
        // the sample paid in euros at a dollar shop, made a dollar payment at an Australian shop
        String order = new String(Fixtures.shopify("orders-create.multi-currency.json"), StandardCharsets.UTF_8)
                .replace("\"USD\"", "\"AUD\"").replace("\"EUR\"", "\"USD\"");
        assertThat(aftercare.shopify(shop, order.getBytes(StandardCharsets.UTF_8), "orders/create").status()).isEqualTo(200);
        assertThat(aftercare.order(shop, "6134457074006").path("total").toString()).isEqualTo("{\"amount\":\"115.90\",\"currency\":\"USD\"}");

        var opened = aftercare.agentBody("POST /api/shops/{shop}/tickets", Map.of("shop", shop), """
                {"customer": {"email": "valued@example.com"}, "subject": "Wrong size", "message": "It is too small.",
                 "orderId": "6134457074006"}""");

        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        assertThat(opened.json().path("priority").asText()).as("124.36 AUD is over 120.00 AUD").isEqualTo("high");
    }

    @Test
    void givenAComplaintOpenedByAnAgent_whileItIsOpen_thenTheOrdersCheerfulCheckInIsNotSent() {
        String shop = desk("no-cheer");
        aftercare.generic(shop, aftercare.genericEvent("order.created", "o-1", """
                {"id": "NC-1", "created_at": "%s", "currency": "PLN", "total": "99.00",
                 "customer": {"email": "grumpy@example.com", "locale": "en"}, "lines": [{"title": "Teapot", "quantity": 1, "price": "99.00"}]}"""
                .formatted(aftercare.clock.instant())));
        var opened = aftercare.agentBody("POST /api/shops/{shop}/tickets", Map.of("shop", shop), """
                {"customer": {"email": "grumpy@example.com"}, "subject": "Teapot leaks", "message": "It leaks.", "orderId": "NC-1",
                 "priority": "low"}""");
        assertThat(opened.status()).isEqualTo(201);
        assertThat(opened.json().path("priority").asText()).isEqualTo("low");

        aftercare.clock.set(MONDAY_NINE.plus(Duration.ofDays(61)));
        aftercare.sweepAndWork();

        assertThat(ses.emailsTo("grumpy@example.com")).extracting(SesEmulator.Email::subject).noneMatch(s -> s.startsWith("How is your"));
        assertThat(aftercare.orderTimeline(shop, "NC-1").path("items")).extracting(e -> e.path("summary").asText())
                .contains("Check-in email not sent: the customer has an open complaint")
                .anyMatch(s -> s.startsWith("Complaint T-") && s.endsWith("opened: Teapot leaks"));
    }

    @Test
    void givenTicketsOfDifferentUrgency_whenAgentsOpenTheirQueue_thenTheNearestBreachComesFirstAndWaitingOnesLast() {
        String shop = desk("queue");
        complaintWithPriority(shop, "q-low", "low@example.com", "low");
        complaintWithPriority(shop, "q-urgent", "urgent@example.com", "urgent");
        aftercare.clock.advance(Duration.ofMinutes(1)); // an urgent and a high ticket promise the same hour: the older goes first
        complaintWithPriority(shop, "q-high", "high@example.com", "high");
        complaintWithPriority(shop, "q-waiting", "waiting@example.com", "urgent");
        change(shop, "c-q-waiting", "{\"version\": " + aftercare.ticket(shop, "c-q-waiting").path("version").asLong() + ", \"status\": \"pending\"}");

        JsonNode queue = aftercare.agent("GET /api/shops/{shop}/tickets", Map.of("shop", shop), Map.of()).json();

        assertThat(queue.path("items")).extracting(t -> t.path("id").asText()).containsExactly("c-q-urgent", "c-q-high", "c-q-low", "c-q-waiting");
    }

    /** A complaint left unanswered past its first-response SLA, then resolved: its goodwill comes due and is sent. */
    private void resolvedAfterABreach(String shop, String complaintId, String email) {
        complaint(shop, complaintId, email, "en");
        breachedThenResolved(shop, complaintId);
    }

    /** Goodwill codes of 15% for 5 days, with a reminder 2 days before they end. */
    private void remindingGoodwill(String shop) {
        assertThat(aftercare.admin("PATCH /admin/shops/{shop}", Map.of("shop", shop), """
                {"support": {"goodwill": {"prefix": "SORRY-", "percent": 15, "validDays": 5, "remindDaysBefore": 2}}}""").status()).isEqualTo(200);
    }

    /** An order placed now by {@code email}. */
    private void order(String shop, String id, String email) {
        aftercare.generic(shop, aftercare.genericEvent("order.created", "o-" + id, """
                {"id": "%s", "created_at": "%s", "currency": "PLN", "total": "99.00",
                 "customer": {"email": "%s", "locale": "en"}, "lines": [{"title": "Teapot", "quantity": 1, "price": "99.00"}]}"""
                .formatted(id, aftercare.clock.instant(), email)));
    }

    /** The complaint's first-response SLA runs out unanswered, then an agent resolves it. */
    private void breachedThenResolved(String shop, String complaintId) {
        aftercare.clock.set(MONDAY_NINE.plus(Duration.ofHours(3)));
        aftercare.sweepAndWork();
        long version = aftercare.ticket(shop, "c-" + complaintId).path("version").asLong();

        change(shop, "c-" + complaintId, "{\"version\": " + version + ", \"status\": \"resolved\"}");
        aftercare.sweepAndWork();
    }

    /** A shop whose support desk has a three-level ladder, a chat webhook and a goodwill discount. */
    private String desk(String name) {
        String shop = "desk-" + name;
        aftercare.registerShop(shop, "generic");
        var patched = aftercare.admin("PATCH /admin/shops/{shop}", Map.of("shop", shop), """
                {"support": {"escalation": [
                   {"level": 1, "afterMinutes": 60, "contacts": ["team-%1$s@desk.example"]},
                   {"level": 2, "afterMinutes": 120, "contacts": ["lead-%1$s@desk.example"]},
                   {"level": 3, "afterMinutes": 240, "contacts": ["manager-%1$s@desk.example"]}],
                 "chatWebhookUrl": "%2$s", "goodwill": {"prefix": "SORRY-", "percent": 15}}}""".formatted(name, chat.url() + "?shop=" + shop));
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.body()).doesNotContain(chat.url()).contains("\"chatWebhookConfigured\":true");
        // a generic shop's goodwill codes come from the pool it uploaded
        assertThat(aftercare.admin("POST /admin/shops/{shop}/discount-pool", Map.of("shop", shop), "SORRY-ABCD2345\nSORRY-EFGH6789\n").status())
                .isEqualTo(200);
        return shop;
    }

    private Harness.Response complaint(String shop, String id, String email, String locale) {
        return aftercare.generic(shop, aftercare.genericEvent("complaint.created", "evt-" + id, """
                {"id": "%s", "subject": "The kettle lid is scratched", "message": "It arrived scratched. What now?",
                 "customer": {"email": "%s", "name": "Ola Nowak", "locale": "%s"}}""".formatted(id, email, locale)));
    }

    private void complaintWithPriority(String shop, String id, String email, String priority) {
        aftercare.generic(shop, aftercare.genericEvent("complaint.created", "evt-" + id, """
                {"id": "%s", "subject": "Wrong parcel", "message": "Not my order.", "priority": "%s", "customer": {"email": "%s"}}"""
                .formatted(id, priority, email)));
    }

    private String number(String shop, String id) {
        return aftercare.ticket(shop, id).path("number").asText();
    }

    private static JsonNode clock(JsonNode ticket, String target) {
        JsonNode found = null;
        for (JsonNode c : ticket.path("clocks")) {
            if (c.path("target").asText().equals(target)) {
                found = c;
            }
        }
        return found;
    }

    private Harness.Response change(String shop, String id, String body) {
        return aftercare.agentBody("PATCH /api/shops/{shop}/tickets/{ticketId}", Map.of("shop", shop, "ticketId", id), body);
    }

    private Harness.Response reply(String shop, String id, long version, String message) {
        return aftercare.agentBody("POST /api/shops/{shop}/tickets/{ticketId}/replies", Map.of("shop", shop, "ticketId", id),
                "{\"version\": " + version + ", \"message\": \"" + message + "\", \"agent\": \"Ola\"}");
    }
}
