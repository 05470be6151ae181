package io.aftercare.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import io.aftercare.devkit.CapturedOutput;
import io.aftercare.devkit.DynamoDbExtension;
import io.aftercare.devkit.FaultProxy;
import io.aftercare.devkit.SesEmulator;
import io.aftercare.devkit.SesEmulatorExtension;
import io.aftercare.devkit.SesMailbox;
import io.aftercare.devkit.TestTable;
import io.aftercare.domain.action.Sweep;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Ticket and staff emails that SES refuses for good (an unverified address in its sandbox), through a fault proxy in
 * front of the emulator: recorded as failed and not retried, and nobody already reached is notified again.
 */
@ExtendWith({DynamoDbExtension.class, SesEmulatorExtension.class})
class TicketRefusalsTest {

    private static final Instant MONDAY_NINE = LocalDateTime.parse("2026-11-23T09:00").atZone(ZoneId.of("Europe/Warsaw")).toInstant();
    /** SES's refusal as stored and shown: the address it names masked. */
    private static final String UNVERIFIED = "Email address is not verified. The following identities failed the check in region EU-WEST-1: ";

    private static SesMailbox ses;
    private static FaultProxy proxy;
    private static ChatReceiver chat;
    private Harness aftercare;

    @BeforeAll
    static void start(SesMailbox mailbox) {
        ses = mailbox;
        proxy = new FaultProxy(mailbox.endpoint());
        chat = new ChatReceiver();
    }

    @AfterAll
    static void stop() {
        proxy.close();
        chat.close();
    }

    @BeforeEach
    void freshTable(TestTable table) {
        proxy.heal();
        aftercare = new Harness(table, MONDAY_NINE, () -> SesEmulator.client(proxy.endpoint()));
    }

    @Test
    void givenAnEscalationToAGoodAndARefusedContact_whenItIsRetried_thenTheGoodOneGetsOneEmailTheRefusedOneIsRecordedFailedAndTheActionEnds()
            throws Exception {
        String shop = desk("ladder", "good-ladder@desk.example", "unverified-ladder@desk.example");
        complaint(shop, "l-1", "customer-ladder@example.com");
        aftercare.sweepAndWork(); // the acknowledgement
        proxy.failRequestsTo("unverified-ladder@desk.example", FaultProxy.Fault.throttling());

        aftercare.clock.set(MONDAY_NINE.plus(Duration.ofMinutes(61)));
        var throttled = aftercare.sweepAndWork(); // the good contact is reached, then SES throttles longer than the SDK retries
        proxy.failRequestsTo("unverified-ladder@desk.example", FaultProxy.Fault.unverified("unverified-ladder@desk.example"));
        String logs = CapturedOutput.of(() -> {
            aftercare.clock.advance(Sweep.LEASE.plus(Duration.ofSeconds(1)));
            aftercare.sweepAndWork(); // the retry
            aftercare.clock.advance(Sweep.LEASE.plus(Duration.ofSeconds(1)));
            aftercare.sweepAndWork(); // and nothing after it
        });

        assertThat(throttled.getBatchItemFailures()).hasSize(1);
        assertThat(ses.emailsTo("good-ladder@desk.example")).extracting(SesEmulator.Email::subject)
                .singleElement().satisfies(subject -> assertThat(subject).contains("Escalation level 1"));
        assertThat(ses.emailsTo("unverified-ladder@desk.example")).isEmpty();
        assertThat(chat.postsFor(shop)).filteredOn(p -> p.contains("Escalation level 1")).hasSize(1);
        assertThat(aftercare.ticketSummaries(shop, "c-l-1"))
                .contains("Escalation notice to u***@desk.example refused by the mail service: " + UNVERIFIED + "u***@desk.example")
                .anyMatch(s -> s.startsWith("Escalation level 1: ")
                        && s.endsWith("(notified: email to g***@desk.example; refused: u***@desk.example; chat)"));
        assertThat(aftercare.table.allItems()).filteredOn(i -> i.get("PK").s().startsWith("SHOP#" + shop + "#ACTION#escalation#"))
                .singleElement().satisfies(action -> assertThat(action.get("status").s()).isEqualTo("DONE"));
        assertThat(logs).doesNotContain("unverified-ladder@desk.example");
        assertNoStoredRefusalNames("unverified-ladder@desk.example");
    }

    @Test
    void givenACustomerAddressSesRefuses_whenTheAcknowledgementIsSent_thenItIsRecordedFailedOnTheTicketAndNeverRetried() throws Exception {
        String shop = desk("refused-ack", "team-refused-ack@desk.example");
        proxy.failRequestsTo("unverified-customer@example.com", FaultProxy.Fault.unverified("unverified-customer@example.com"));
        complaint(shop, "a-1", "unverified-customer@example.com");

        var response = new AtomicReference<SQSBatchResponse>();
        String logs = CapturedOutput.of(() -> response.set(aftercare.sweepAndWork()));
        int requests = proxy.requests();
        aftercare.clock.advance(Sweep.LEASE.plus(Duration.ofSeconds(1)));
        aftercare.sweepAndWork();

        assertThat(response.get().getBatchItemFailures()).isEmpty();
        assertThat(proxy.requests()).isEqualTo(requests);
        assertThat(aftercare.ticketSummaries(shop, "c-a-1"))
                .contains("Complaint acknowledgement to the customer refused by the mail service: " + UNVERIFIED + "u***@example.com");
        assertThat(logs).doesNotContain("unverified-customer@example.com");
        assertNoStoredRefusalNames("unverified-customer@example.com");
    }

    @Test
    void givenAChatWebhookUrlWithASpace_whenSupportSettingsAreSaved_thenTheAnswerIs400AndNothingIsSaved() {
        String shop = desk("malformed-chat", "team-malformed@desk.example");
        String before = aftercare.admin("GET /admin/shops/{shop}", Map.of("shop", shop), "").body();
        int items = aftercare.table.itemCount();

        var refused = aftercare.admin("PATCH /admin/shops/{shop}", Map.of("shop", shop),
                "{\"support\": {\"chatWebhookUrl\": \"https://hooks.slack.com/services/T000 B000/XXXX\"}}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("error").asText()).isEqualTo("invalid_request");
        assertThat(refused.json().path("field").asText()).isEqualTo("support.chatWebhookUrl");
        assertThat(refused.body()).doesNotContain("hooks.slack.com");
        assertThat(aftercare.admin("GET /admin/shops/{shop}", Map.of("shop", shop), "").body()).isEqualTo(before);
        assertThat(aftercare.table.itemCount()).isEqualTo(items);
    }

    /**
     * Scans the whole table: the address is kept only in the attributes that exist to write to it (a shop's contacts,
     * a customer's email), never in an outcome, a timeline entry or anything else.
     */
    private void assertNoStoredRefusalNames(String address) {
        assertThat(aftercare.table.allItems()).filteredOn(item -> !item.get("SK").s().equals("SETTINGS"))
                .allSatisfy(item -> assertThat(item.entrySet()).filteredOn(a -> !a.getKey().equals("email") && !a.getKey().equals("customerEmail"))
                        .as(item.get("PK").s() + " " + item.get("SK").s()).noneMatch(a -> a.getValue().toString().contains(address)));
        assertThat(aftercare.table.allItems()).as("the refusal is stored").anyMatch(item -> item.toString().contains("failed the check"));
    }

    /** A shop whose level-1 escalation goes to {@code contacts}, with a chat webhook. */
    private String desk(String name, String... contacts) {
        String shop = "refusals-" + name;
        aftercare.registerShop(shop, "generic");
        var patched = aftercare.admin("PATCH /admin/shops/{shop}", Map.of("shop", shop), """
                {"support": {"escalation": [{"level": 1, "afterMinutes": 60, "contacts": ["%s"]}], "chatWebhookUrl": "%s"}}"""
                .formatted(String.join("\", \"", contacts), chat.url() + "?shop=" + shop));
        assertThat(patched.status()).isEqualTo(200);
        return shop;
    }

    private void complaint(String shop, String id, String email) {
        var response = aftercare.generic(shop, aftercare.genericEvent("complaint.created", "evt-" + id, """
                {"id": "%s", "subject": "The lid is scratched", "message": "It arrived scratched.", "customer": {"email": "%s", "locale": "en"}}"""
                .formatted(id, email)));
        assertThat(response.status()).isEqualTo(200);
    }
}
