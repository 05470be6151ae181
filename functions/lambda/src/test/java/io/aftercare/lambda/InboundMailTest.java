package io.aftercare.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aftercare.devkit.DynamoDbExtension;
import io.aftercare.devkit.SesEmulator;
import io.aftercare.devkit.SesEmulatorExtension;
import io.aftercare.devkit.SesMailbox;
import io.aftercare.devkit.TestTable;
import io.aftercare.domain.ChangedMeanwhile;
import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.email.InboundDomain;
import io.aftercare.domain.inbound.InboundDelivery;
import io.aftercare.domain.inbound.InboundMail;
import io.aftercare.domain.inbound.InboundMessage;
import io.aftercare.domain.inbound.InboundOutcome;
import io.aftercare.domain.inbound.InboundOutcome.Disposition;
import io.aftercare.domain.inbound.MailVerdicts;
import io.aftercare.domain.inbound.MailVerdicts.Verdict;
import io.aftercare.domain.inbound.StoredAttachment;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Customers' emails as SES delivers them ({@link InboundDelivery}, built here: parsing is the mail module's), received
 * by the real {@link InboundMail} against DynamoDB Local, with the shop's emails sent through the SES emulator so that
 * replies go to the Reply-To those emails really carried. The clock is moved by hand.
 */
@ExtendWith({DynamoDbExtension.class, SesEmulatorExtension.class})
class InboundMailTest {

    private static final ZoneId WARSAW = ZoneId.of("Europe/Warsaw");
    private static final Instant MONDAY_NINE = LocalDateTime.parse("2026-11-23T09:00").atZone(WARSAW).toInstant();
    private static final InboundDomain INBOUND = new InboundDomain("inbound.aftercare.example");

    private SesMailbox ses;
    private Harness aftercare;
    private TestTable table;

    @BeforeEach
    void freshTable(TestTable table, SesMailbox ses) {
        this.ses = ses;
        this.table = table;
        aftercare = new Harness(table, MONDAY_NINE, ses, INBOUND);
    }

    @Test
    void givenATicketsAcknowledgement_whenItIsSent_thenItCarriesTheShopsSignedReplyAddressAndTheReplyToItLandsOnThatTicketAndResumesItsClock() {
        String shop = shop("ack");
        String replyTo = aftercare.acknowledged(ses, shop, "a-1", "ola@example.pl");
        assertThat(replyTo).matches("reply\\+inbound-ack\\.[a-z2-7]{16}@inbound\\.aftercare\\.example");
        assertThat(replyTo.substring(0, replyTo.indexOf('@'))).hasSizeLessThanOrEqualTo(64);
        change(shop, "c-a-1", "pending");
        assertThat(clock(shop, "c-a-1", "first-response")).as("paused while waiting for the customer").isFalse();

        aftercare.clock.set(MONDAY_NINE.plus(Duration.ofHours(1)));
        var outcome = receive(delivery("ola@example.pl", replyTo, "Here is the photo of the scratch."));

        assertThat(outcome).isEqualTo(new InboundOutcome(Disposition.ADDED_TO_TICKET, Optional.of(new io.aftercare.domain.ShopId(shop)), Optional.of("c-a-1")));
        assertThat(aftercare.ticket(shop, "c-a-1").path("status").asText()).isEqualTo("open");
        assertThat(clock(shop, "c-a-1", "first-response")).as("resumed by the reply").isTrue();
        assertThat(aftercare.ticketSummaries(shop, "c-a-1")).contains("Customer wrote: Here is the photo of the scratch.");
    }

    @Test
    void givenAResolvedTicket_whenTheCustomerRepliesToItsEmail_thenItIsReopenedWithTheMessageAndItsAttachmentCounted() {
        String shop = shop("resolved");
        String replyTo = aftercare.acknowledged(ses, shop, "r-1", "ola@example.pl");
        change(shop, "c-r-1", "resolved");

        var delivery = withAttachments("ola@example.pl", replyTo, "It leaks again.", List.of(
                new InboundMessage.Attachment("leak.jpg", "image/jpeg", new byte[48_213])));
        var outcome = receive(delivery);

        assertThat(outcome.disposition()).isEqualTo(Disposition.ADDED_TO_TICKET);
        assertThat(aftercare.ticket(shop, "c-r-1").path("status").asText()).isEqualTo("open");
        assertThat(aftercare.ticketSummaries(shop, "c-r-1")).contains("Reopened by the customer's message",
                "Customer wrote: It leaks again. (1 attachment)");
        var kept = aftercare.app.inboundMail().ticketMail(new io.aftercare.domain.ShopId(shop), "c-r-1");
        assertThat(kept).singleElement().satisfies(mail -> {
            assertThat(mail.newText()).isEqualTo("It leaks again.");
            assertThat(mail.fullText()).as("the quoted history kept").contains("Kettle House wrote:", "> Thank you");
            assertThat(mail.attachments()).as("kept under the shop").containsExactly(new StoredAttachment("leak.jpg", "image/jpeg", 48_213,
                    "attachments/" + shop + "/" + delivery.deliveryId() + "/0"));
            assertThat(mail.verdicts()).isEqualTo(MailVerdicts.notChecked());
        });
    }

    @Test
    void givenAThankYouEmail_whenTheCustomerRepliesToIt_thenATicketIsOpenedWithTheOrderAttachedAndAcknowledged() {
        String shop = shop("thanks");
        order(shop, "1042", "jan@example.com");
        aftercare.sweepAndWork();
        var thanks = last("jan@example.com", "1042");

        var outcome = receive(delivery("jan@example.com", thanks.replyTo().getFirst(), "The handle came off. Can I return it?"));

        assertThat(outcome.disposition()).isEqualTo(Disposition.OPENED_TICKET);
        var ticket = aftercare.ticket(shop, outcome.ticketId().orElseThrow());
        assertThat(ticket.path("orderId").asText()).isEqualTo("1042");
        assertThat(ticket.path("subject").asText()).isEqualTo("Re: your order");
        aftercare.sweepAndWork();
        assertThat(ses.emailsTo("jan@example.com")).extracting(SesEmulator.Email::subject)
                .anyMatch(s -> s.contains(ticket.path("number").asText()));
    }

    @Test
    void givenACustomerWhoOrderedBefore_whenTheyWriteToTheShopsInboundAddress_thenATicketIsOpenedForThemByTheirAddress() {
        String shop = shop("new");
        order(shop, "2001", "ola@example.pl");

        var outcome = receive(delivery("ola@example.pl", shop + "@inbound.aftercare.example", "Do you ship to Kraków?"));

        assertThat(outcome.disposition()).isEqualTo(Disposition.OPENED_TICKET);
        var ticket = aftercare.ticket(shop, outcome.ticketId().orElseThrow());
        assertThat(ticket.path("customer").path("email").asText()).isEqualTo("ola@example.pl");
        assertThat(ticket.path("customerName").asText()).as("the customer's profile, matched by address").isEqualTo("Ola Nowak");
        assertThat(ticket.hasNonNull("orderId")).isFalse();
    }

    @Test
    void givenAnOutOfOfficeAnswerToATicketsEmail_whenReceived_thenItIsRecordedOnTheTicketOpensNothingAndNothingAnswersIt() {
        String shop = shop("auto");
        String replyTo = aftercare.acknowledged(ses, shop, "o-1", "ola@example.pl");
        long version = aftercare.ticket(shop, "c-o-1").path("version").asLong();
        int tickets = tickets(shop);
        int emails = ses.emailsTo("ola@example.pl").size();

        var outcome = receive(autoReply("ola@example.pl", replyTo));
        var toShop = receive(autoReply("ola@example.pl", shop + "@inbound.aftercare.example"));
        aftercare.clock.set(MONDAY_NINE.plus(Duration.ofMinutes(5)));
        aftercare.sweepAndWork();

        assertThat(outcome.disposition()).isEqualTo(Disposition.AUTO_REPLY_RECORDED);
        assertThat(toShop.disposition()).isEqualTo(Disposition.AUTO_REPLY_RECORDED);
        assertThat(aftercare.ticket(shop, "c-o-1").path("version").asLong()).as("no customer message").isEqualTo(version);
        assertThat(tickets(shop)).isEqualTo(tickets);
        assertThat(ses.emailsTo("ola@example.pl")).as("no acknowledgement, no reply").hasSize(emails);
        assertThat(aftercare.ticketSummaries(shop, "c-o-1"))
                .contains("Automatic reply from o***@example.pl recorded (Auto-Submitted: auto-replied): nothing opened, nothing answered");
    }

    @Test
    void givenAForgedCodeAndAnotherShopsCode_whenReceived_thenNoOtherShopsTicketIsReachedAndTheNamedShopsTrailSaysWhyWithTheSenderMasked() {
        String shopA = shop("a");
        String shopB = shop("b");
        String replyToA = aftercare.acknowledged(ses, shopA, "f-1", "ola@example.pl");
        String codeA = replyToA.substring(replyToA.indexOf('.') + 1, replyToA.indexOf('@'));
        String messageIdA = last("ola@example.pl", aftercare.ticket(shopA, "c-f-1").path("number").asText()).messageId();
        long versionA = aftercare.ticket(shopA, "c-f-1").path("version").asLong();
        int itemsOfA = items(shopA);
        int itemsOfB = items(shopB);

        var forged = receive(delivery("eve@example.com", "reply+" + shopA + ".aaaaaaaaaaaaaaaa@inbound.aftercare.example", "Give me a refund"));
        var splicedDelivery = delivery("eve@example.com", "reply+" + shopB + "." + codeA + "@inbound.aftercare.example", "Give me a refund");
        var spliced = receive(splicedDelivery);
        receive(splicedDelivery);
        var threadOfA = receive(inThread("eve@example.com", shopB + "@inbound.aftercare.example", "Re: your ticket",
                List.of(messageIdA + "@eu-west-1.amazonses.com")));

        assertThat(forged).isEqualTo(new InboundOutcome(Disposition.REFUSED, Optional.of(new io.aftercare.domain.ShopId(shopA)), Optional.empty()));
        assertThat(spliced).isEqualTo(new InboundOutcome(Disposition.REFUSED, Optional.of(new io.aftercare.domain.ShopId(shopB)), Optional.empty()));
        assertThat(threadOfA.disposition()).as("A's thread id means nothing in B").isEqualTo(Disposition.OPENED_TICKET);
        assertThat(threadOfA.shop()).contains(new io.aftercare.domain.ShopId(shopB));
        assertThat(aftercare.ticket(shopA, "c-f-1").path("version").asLong()).isEqualTo(versionA);
        assertThat(tickets(shopA)).isEqualTo(1);
        assertThat(items(shopA)).as("in shop A, only the refusal: its trail entry and the message kept beside it").isEqualTo(itemsOfA + 2);
        assertThat(tickets(shopB)).isEqualTo(1);
        assertThat(items(shopB)).isGreaterThan(itemsOfB);
        String refused = "Email from e***@example.com (Re: your order) refused: its reply address carries a code this shop's emails never carried;"
                + " no ticket was opened";
        assertThat(aftercare.auditTrail(shopA)).contains(refused);
        assertThat(aftercare.auditTrail(shopB)).as("once, however often SES delivers it").filteredOn(refused::equals).hasSize(1);
        assertThat(aftercare.auditTrail(shopA) + " " + aftercare.auditTrail(shopB)).doesNotContain("eve@");
    }

    @Test
    void givenAReplyThatCarriesOnlyTheSesMessageIdOfATicketsEmail_whenItReachesTheShopsAddress_thenItLandsOnThatTicket() {
        String shop = shop("thread");
        aftercare.acknowledged(ses, shop, "t-1", "ola@example.pl");
        String messageId = last("ola@example.pl", aftercare.ticket(shop, "c-t-1").path("number").asText()).messageId();

        var outcome = receive(inThread("ola@example.pl", shop + "@inbound.aftercare.example", "Any news?",
                List.of("CAJ1x-quoted@mail.gmail.com", messageId + "@eu-west-1.amazonses.com")));

        assertThat(outcome.disposition()).isEqualTo(Disposition.ADDED_TO_TICKET);
        assertThat(outcome.ticketId()).contains("c-t-1");
    }

    @Test
    void givenTheSameSesNotificationTwice_whenReceived_thenOneMessageIsAddedAndTheSecondIsADuplicate() {
        String shop = shop("twice");
        String replyTo = aftercare.acknowledged(ses, shop, "d-1", "ola@example.pl");
        var delivery = delivery("ola@example.pl", replyTo, "Only once, please.");

        var first = receive(delivery);
        var second = receive(delivery);

        assertThat(first.disposition()).isEqualTo(Disposition.ADDED_TO_TICKET);
        assertThat(second).isEqualTo(new InboundOutcome(Disposition.DUPLICATE, first.shop(), first.ticketId()));
        assertThat(aftercare.ticketSummaries(shop, "c-d-1")).filteredOn(s -> s.equals("Customer wrote: Only once, please.")).hasSize(1);
    }

    @Test
    void givenADeliveryAnotherInvocationHolds_whenReceivedMeanwhile_thenItIsARetryableFailureAndOnceTheLeaseEndsItIsReceived() {
        String shop = shop("held");
        var delivery = delivery("ola@example.pl", shop + "@inbound.aftercare.example", "Hello?");
        var store = new io.aftercare.dynamodb.DynamoInboundStore(table.client(), table.name());
        assertThat(store.claim(delivery.deliveryId(), aftercare.clock.instant(), InboundMail.LEASE)).isInstanceOf(io.aftercare.domain.inbound.InboundStore.Claimed.class);

        assertThatThrownBy(() -> receive(delivery)).isInstanceOf(ChangedMeanwhile.class);
        assertThat(tickets(shop)).isZero();

        aftercare.clock.set(aftercare.clock.instant().plus(InboundMail.LEASE).plusSeconds(1));
        assertThat(receive(delivery).disposition()).isEqualTo(Disposition.OPENED_TICKET);
        assertThat(tickets(shop)).isEqualTo(1);
    }

    @Test
    void givenASpamOrVirusVerdict_whenAnEmailArrives_thenItIsQuarantinedForTheShopAndOpensNothing() {
        String shop = shop("spam");
        var spam = receive(delivery("bulk@spam.example", shop + "@inbound.aftercare.example", "You won!", List.of(), List.of(),
                new MailVerdicts(Verdict.FAIL, Verdict.PASS, Verdict.PASS, Verdict.PASS, Verdict.PASS)));
        var virus = receive(delivery("bulk@spam.example", shop + "@inbound.aftercare.example", "Invoice attached", List.of(), List.of(),
                new MailVerdicts(Verdict.PASS, Verdict.FAIL, Verdict.PASS, Verdict.PASS, Verdict.PASS)));

        assertThat(spam.disposition()).isEqualTo(Disposition.QUARANTINED);
        assertThat(virus.disposition()).isEqualTo(Disposition.QUARANTINED);
        assertThat(tickets(shop)).isZero();
        assertThat(aftercare.app.timelines().shopTimeline(new io.aftercare.domain.ShopId(shop), io.aftercare.domain.PageRequest.first(50))
                .items()).hasSize(2);
    }

    @Test
    void givenMailRefusedAndQuarantinedFromTwoSenders_whenOneIsErasedThroughTheAdminApi_thenNoItemOfTheShopHoldsTheirAddressOrTextAndTheOthersStays() {
        String shop = shop("erase-refused");
        String jan = "jan.kowalski@example.pl";
        receive(delivery(jan, "reply+" + shop + ".aaaaaaaaaaaaaaaa@inbound.aftercare.example", "Jan's forged refund claim"));
        receive(delivery(jan, shop + "@inbound.aftercare.example", "Jan's spammy offer", List.of(), List.of(),
                new MailVerdicts(Verdict.FAIL, Verdict.PASS, Verdict.PASS, Verdict.PASS, Verdict.PASS)));
        receive(delivery("ola@example.pl", shop + "@inbound.aftercare.example", "Ola's spammy offer", List.of(), List.of(),
                new MailVerdicts(Verdict.FAIL, Verdict.PASS, Verdict.PASS, Verdict.PASS, Verdict.PASS)));

        var erasure = aftercare.admin("POST /admin/shops/{shop}/privacy/customer-erasures", Map.of("shop", shop),
                "{\"email\": \"" + jan + "\", \"requestId\": \"erase-jan\"}");
        aftercare.sweepAndWork();

        assertThat(erasure.status()).as(erasure.body()).isEqualTo(202);
        String hash = new EmailAddress(jan).hash();
        assertThat(itemsOf(shop)).as("items still about the erased sender")
                .noneMatch(item -> item.values().stream().map(Object::toString).anyMatch(v -> v.contains(jan) || v.contains(hash) || v.contains("Jan's")));
        assertThat(itemsOf(shop)).as("the other sender's quarantined mail")
                .anyMatch(item -> item.containsKey("from") && item.get("from").s().equals("ola@example.pl") && item.get("newText").s().equals("Ola's spammy offer"));
    }

    @Test
    void givenOneSenderFloodingAShop_whenPastTheShopsHourlyLimit_thenTheRestAreRateLimitedUntilTheNextHour() {
        String shop = shop("flood");
        assertThat(aftercare.admin("PATCH /admin/shops/{shop}", Map.of("shop", shop), "{\"support\": {\"inbound\": {\"senderHourlyLimit\": 3}}}").status())
                .isEqualTo(200);

        List<Disposition> got = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            got.add(receive(delivery("loud@example.com", shop + "@inbound.aftercare.example", "Message " + i)).disposition());
        }
        aftercare.clock.set(MONDAY_NINE.plus(Duration.ofHours(1)));
        got.add(receive(delivery("loud@example.com", shop + "@inbound.aftercare.example", "Next hour")).disposition());
        var other = receive(delivery("calm@example.com", shop + "@inbound.aftercare.example", "Hello"));

        assertThat(got).containsExactly(Disposition.OPENED_TICKET, Disposition.OPENED_TICKET, Disposition.OPENED_TICKET,
                Disposition.RATE_LIMITED, Disposition.RATE_LIMITED, Disposition.OPENED_TICKET);
        assertThat(other.disposition()).isEqualTo(Disposition.OPENED_TICKET);
        assertThat(tickets(shop)).isEqualTo(5);
    }

    @Test
    void givenAnInvocationThatDiedAfterCountingItsSender_whenTheDeliveryIsRetriedOnceItsLeaseEnds_thenTheSenderIsCountedOnceForIt() {
        String shop = shop("recount");
        assertThat(aftercare.admin("PATCH /admin/shops/{shop}", Map.of("shop", shop), "{\"support\": {\"inbound\": {\"senderHourlyLimit\": 1}}}").status())
                .isEqualTo(200);
        var delivery = delivery("loud@example.com", shop + "@inbound.aftercare.example", "Hello?");
        var store = new io.aftercare.dynamodb.DynamoInboundStore(table.client(), table.name());
        Instant hourEnd = MONDAY_NINE.truncatedTo(java.time.temporal.ChronoUnit.HOURS).plus(Duration.ofHours(1));
        var shopId = new io.aftercare.domain.ShopId(shop);
        // what the invocation that died did: took the delivery, counted its sender
        store.claim(delivery.deliveryId(), aftercare.clock.instant(), InboundMail.LEASE);
        assertThat(store.count(shopId, delivery.message().from().hash(), hourEnd, delivery.deliveryId())).isEqualTo(1);

        aftercare.clock.set(MONDAY_NINE.plus(InboundMail.LEASE).plusSeconds(1));
        var retried = receive(delivery);
        var next = receive(delivery("loud@example.com", shop + "@inbound.aftercare.example", "Hello again?"));

        assertThat(retried.disposition()).as("its one count is the one it got before").isEqualTo(Disposition.OPENED_TICKET);
        assertThat(next.disposition()).isEqualTo(Disposition.RATE_LIMITED);
        assertThat(store.count(shopId, delivery.message().from().hash(), hourEnd, delivery.deliveryId())).as("counted again: the same count").isEqualTo(1);
    }

    @Test
    void givenAReplyFromSomeoneElseThanTheTicketsCustomer_whenReceived_thenItIsAddedAndFlaggedToTheAgent() {
        String shop = shop("other");
        String replyTo = aftercare.acknowledged(ses, shop, "s-1", "ola@example.pl");

        var outcome = receive(delivery("piotr@example.pl", replyTo, "I am Ola's husband, any news?", List.of(), List.of(),
                new MailVerdicts(Verdict.PASS, Verdict.PASS, Verdict.FAIL, Verdict.FAIL, Verdict.FAIL)));

        assertThat(outcome.disposition()).isEqualTo(Disposition.ADDED_TO_TICKET);
        assertThat(aftercare.ticketSummaries(shop, "c-s-1")).contains("p***@example.pl (not the ticket's customer) wrote: I am Ola's husband, any news?"
                + "; the sender's domain failed its SPF, DKIM or DMARC check: it may not be from them");
    }

    @Test
    void givenAReplyAddressWithOneCharacterChanged_whenReceived_thenItIsRefusedAndTheTicketIsUntouched() {
        String shop = shop("tamper");
        String replyTo = aftercare.acknowledged(ses, shop, "x-1", "ola@example.pl");
        int at = replyTo.indexOf('@') - 1;
        String tampered = replyTo.substring(0, at) + (replyTo.charAt(at) == 'a' ? 'b' : 'a') + replyTo.substring(at + 1);
        long version = aftercare.ticket(shop, "c-x-1").path("version").asLong();

        assertThat(receive(delivery("ola@example.pl", tampered, "Hello")).disposition()).isEqualTo(Disposition.REFUSED);
        assertThat(aftercare.ticket(shop, "c-x-1").path("version").asLong()).isEqualTo(version);
    }

    @Test
    void givenAShopThatForwardsItsOwnAddress_whenItsEmailsAreSent_thenTheyKeepItsOwnReplyTo() {
        String shop = shop("forwards");
        assertThat(aftercare.admin("PATCH /admin/shops/{shop}", Map.of("shop", shop), "{\"support\": {\"inbound\": {\"route\": \"forwarding\"}}}").status())
                .isEqualTo(200);
        assertThat(aftercare.admin("PATCH /admin/shops/{shop}", Map.of("shop", shop), "{\"support\": {\"inbound\": {\"route\": \"elsewhere\"}}}").status())
                .isEqualTo(400);

        assertThat(aftercare.acknowledged(ses, shop, "w-1", "ola@example.pl")).isEqualTo("support@kettlehouse.example");
    }

    // --- helpers

    private String shop(String name) {
        String shop = "inbound-" + name;
        assertThat(aftercare.registerShop(shop, "generic").status()).isEqualTo(201);
        return shop;
    }

    /** A complaint, its acknowledgement sent: the Reply-To that email carried. */

    /** The latest email to {@code to} whose subject names {@code about}: the mailbox keeps the test's emails in order. */
    private SesEmulator.Email last(String to, String about) {
        return ses.emailsTo(to).reversed().stream().filter(e -> e.subject().contains(about)).findFirst().orElseThrow();
    }

    private void order(String shop, String id, String email) {
        assertThat(aftercare.generic(shop, aftercare.genericEvent("order.created", "o-" + id, """
                {"id": "%s", "number": "#%1$s", "created_at": "%s", "currency": "PLN", "total": "99.00",
                 "customer": {"email": "%s", "name": "Ola Nowak", "locale": "en"}, "lines": [{"title": "Teapot", "quantity": 1, "price": "99.00"}]}"""
                .formatted(id, aftercare.clock.instant(), email))).status()).isEqualTo(200);
    }

    private void change(String shop, String ticketId, String status) {
        long version = aftercare.ticket(shop, ticketId).path("version").asLong();
        assertThat(aftercare.agentBody("PATCH /api/shops/{shop}/tickets/{ticketId}", Map.of("shop", shop, "ticketId", ticketId),
                "{\"version\": " + version + ", \"status\": \"" + status + "\"}").status()).isEqualTo(200);
    }

    private boolean clock(String shop, String ticketId, String target) {
        boolean running = false;
        for (var c : aftercare.ticket(shop, ticketId).path("clocks")) {
            if (c.path("target").asText().equals(target)) {
                running = c.path("running").asBoolean();
            }
        }
        return running;
    }

    private InboundOutcome receive(InboundDelivery delivery) {
        return aftercare.app.inboundMail().receive(delivery);
    }

    private InboundDelivery delivery(String from, String to, String text) {
        return delivery(from, to, text, List.of(), List.of(), MailVerdicts.notChecked());
    }

    private InboundDelivery inThread(String from, String to, String text, List<String> threadIds) {
        return delivery(from, to, text, threadIds, List.of(), MailVerdicts.notChecked());
    }

    private InboundDelivery withAttachments(String from, String to, String text, List<InboundMessage.Attachment> attachments) {
        return delivery(from, to, text, List.of(), attachments, MailVerdicts.notChecked());
    }

    private InboundDelivery delivery(String from, String to, String text, List<String> threadIds, List<InboundMessage.Attachment> attachments,
                                     MailVerdicts verdicts) {
        var message = new InboundMessage(Optional.of(UUID.randomUUID() + "@mail.example"), threadIds.stream().limit(1).toList(), threadIds,
                new EmailAddress(from), "Ola Nowak", List.of(new EmailAddress(to)), "Re: your order", text,
                text + "\n\nOn Mon, 23 Nov 2026, Kettle House wrote:\n> Thank you", attachments, Optional.empty(), Optional.of(aftercare.clock.instant()));
        return new InboundDelivery("ses-" + UUID.randomUUID(), aftercare.clock.instant(), List.of(new EmailAddress(to)), verdicts, message);
    }

    private InboundDelivery autoReply(String from, String to) {
        var message = new InboundMessage(Optional.of(UUID.randomUUID() + "@mail.example"), List.of(), List.of(), new EmailAddress(from), "Ola Nowak",
                List.of(new EmailAddress(to)), "Out of office", "I am away until Monday.", "I am away until Monday.", List.of(),
                Optional.of(new InboundMessage.AutoReply("Auto-Submitted", "auto-replied")), Optional.of(aftercare.clock.instant()));
        return new InboundDelivery("ses-" + UUID.randomUUID(), aftercare.clock.instant(), List.of(new EmailAddress(to)), MailVerdicts.notChecked(),
                message);
    }

    /** The shop's tickets, as items. */
    private int tickets(String shop) {
        return (int) table.allItems().stream().filter(i -> i.get("PK").s().startsWith("SHOP#" + shop + "#TICKET#") && i.get("SK").s().equals("TICKET")).count();
    }

    /** Every item a shop owns. */
    private int items(String shop) {
        return itemsOf(shop).size();
    }

    private List<Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>> itemsOf(String shop) {
        return table.allItems().stream().filter(i -> i.get("PK").s().startsWith("SHOP#" + shop + "#") || i.get("PK").s().equals("SHOP#" + shop)).toList();
    }
}
