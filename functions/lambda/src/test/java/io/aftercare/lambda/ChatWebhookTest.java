package io.aftercare.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aftercare.devkit.CapturedOutput;
import io.aftercare.devkit.DynamoDbExtension;
import io.aftercare.devkit.Ports;
import io.aftercare.devkit.SesEmulatorExtension;
import io.aftercare.devkit.SesMailbox;
import io.aftercare.devkit.TestTable;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A shop's chat webhook as an attacker would set it: refused when saved, refused again when its host moves before a
 * post, and what customers and shops write arrives in the channel as plain text. The allowed posts reach a real
 * loopback receiver (loopback chat allowed, as under AFTERCARE_ALLOW_LOOPBACK_CHAT=true); DNS answers come from a table.
 */
@ExtendWith({DynamoDbExtension.class, SesEmulatorExtension.class})
class ChatWebhookTest {

    private static final Instant MONDAY_NINE = LocalDateTime.parse("2026-11-23T09:00").atZone(ZoneId.of("Europe/Warsaw")).toInstant();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ChatReceiver chat;
    private Harness aftercare;
    private SesMailbox ses;

    @BeforeAll
    static void start() {
        chat = new ChatReceiver();
    }

    @AfterAll
    static void stop() {
        chat.close();
    }

    @BeforeEach
    void freshTable(TestTable table, SesMailbox ses) {
        this.ses = ses;
        aftercare = new Harness(table, MONDAY_NINE, ses);
        aftercare.dns.answer("localhost.attacker.example", "203.0.113.7");
        aftercare.dns.answer("public.example", "203.0.113.8");
        aftercare.dns.answer("hooks.internal.example", "192.168.1.1");
        aftercare.dns.answer("hooks.slack.com", "203.0.113.20");
    }

    @Test
    void givenHostileChatWebhookUrls_whenSupportSettingsAreSaved_thenEachIsA400NamingTheFieldAndNothingIsSaved() {
        String shop = desk("hostile", "https://hooks.slack.com/services/T000/B000/GOOD");
        String before = aftercare.admin("GET /admin/shops/{shop}", Map.of("shop", shop), "").body();
        int items = aftercare.table.itemCount();
        List<String> hostile = List.of(
                "http://127.0.0.1@169.254.169.254/latest/meta-data/",
                "http://localhost.attacker.example/",
                "https://10.0.0.1/",
                "https://169.254.169.254/latest/meta-data/",
                "https://[fd00:ec2::254]/latest/meta-data/",
                "https://hooks.internal.example/hooks",
                "http://public.example/hooks",
                "https://user:pw@hooks.slack.com/services/T000/B000/XXXX",
                "https://unresolvable.example/hooks");

        assertThat(hostile).allSatisfy(url -> {
            var refused = aftercare.admin("PATCH /admin/shops/{shop}", Map.of("shop", shop), "{\"support\": {\"chatWebhookUrl\": \"" + url + "\"}}");
            assertThat(refused.status()).as(url).isEqualTo(400);
            assertThat(refused.json().path("field").asText()).as(url).isEqualTo("support.chatWebhookUrl");
            assertThat(refused.body()).as(url).doesNotContain(".example", "slack.com", "169.254", "10.0.0.1");
        });
        assertThat(aftercare.admin("GET /admin/shops/{shop}", Map.of("shop", shop), "").body()).isEqualTo(before);
        assertThat(aftercare.table.itemCount()).isEqualTo(items);
    }

    @Test
    void givenAChatHostThatWasPublicWhenSaved_whenItResolvesToTheMetadataAddressAtSendTime_thenNothingIsPostedAndTheTimelineSaysWhy() {
        aftercare.dns.answer("chat.rebinding.example", "203.0.113.9");
        String shop = desk("rebinding", "https://chat.rebinding.example/hooks/aftercare");
        complaint(shop, "r-1", "The lid is scratched");
        aftercare.sweepAndWork();
        aftercare.dns.answer("chat.rebinding.example", "169.254.169.254");

        aftercare.clock.set(MONDAY_NINE.plus(Duration.ofMinutes(61)));
        aftercare.sweepAndWork();

        assertThat(aftercare.ticketSummaries(shop, "c-r-1")).anyMatch(s -> s.startsWith("Escalation level 1")
                && s.contains("chat not posted: the chat webhook's host resolves to a loopback, private, link-local or metadata address")
                && !s.contains("rebinding.example"));
    }

    @Test
    void givenSlackMarkupInTheComplaintSubjectAndTheBrandName_whenTheTicketEscalates_thenTheChatPostCarriesItEscapedAsPlainText() {
        String shop = desk("markup", chat.url() + "?shop=chat-markup");
        assertThat(aftercare.admin("PATCH /admin/shops/{shop}", Map.of("shop", shop), "{\"brandName\": \"Tea & Co <@U024BE7LH>\"}").status())
                .isEqualTo(200);
        complaint(shop, "m-1", "<!channel> <https://evil.example/login|Your session expired>");
        aftercare.sweepAndWork();

        aftercare.clock.set(MONDAY_NINE.plus(Duration.ofMinutes(61)));
        aftercare.sweepAndWork();

        assertThat(chat.postsFor(shop)).singleElement().satisfies(post -> assertThat(post)
                .contains("&lt;!channel&gt; &lt;https://evil.example/login|Your session expired&gt;", "Tea &amp; Co &lt;@U024BE7LH&gt;")
                .doesNotContain("<!channel>", "<https://", "<@U024BE7LH>", "Tea & Co"));
    }

    @Test
    void givenQuotesBackslashesAndNonAsciiInTheComplaintSubject_whenTheTicketEscalates_thenTheChatPostIsJsonWhoseTextIsTheNoticeAsWritten()
            throws Exception {
        String shop = desk("quoting", chat.url() + "?shop=chat-quoting");
        complaint(shop, "q-1", "The \\\"Zielona\\\" kettle\\\\lid \\u00fcber-broken \\ud83d\\udc94 {\\\"text\\\": 1}");
        aftercare.sweepAndWork();

        aftercare.clock.set(MONDAY_NINE.plus(Duration.ofMinutes(61)));
        aftercare.sweepAndWork();

        assertThat(chat.postsFor(shop)).singleElement().satisfies(post -> {
            JsonNode body = JSON.readTree(post.substring(post.indexOf('\n') + 1));
            assertThat(body.properties()).singleElement().satisfies(field -> assertThat(field.getKey()).isEqualTo("text"));
            assertThat(body.path("text").asText()).startsWith("*[Kettle House] Escalation level 1: ")
                    .contains("is waiting for an answer*\nEscalation level 1: ",
                            "\nSubject: The \"Zielona\" kettle\\lid \u00fcber-broken \ud83d\udc94 {\"text\": 1}\nCustomer: c***@example.com\n");
        });
    }

    @Test
    void givenMarkupInTheComplaintSubject_whenTheTicketEscalates_thenTheStaffEmailShowsItAsTextInTheHtmlAndAsWrittenInThePlainText() {
        String shop = desk("html", chat.url() + "?shop=chat-html");
        complaint(shop, "h-1", "Lid</pre><script>alert(1)</script> & \\\"broken\\\" <b>now</b>");
        aftercare.sweepAndWork();

        aftercare.clock.set(MONDAY_NINE.plus(Duration.ofMinutes(61)));
        aftercare.sweepAndWork();

        assertThat(ses.emailsTo("team-html@desk.example")).singleElement().satisfies(email -> {
            assertThat(email.html()).startsWith("<pre style=\"font-family:inherit;white-space:pre-wrap\">").endsWith("</pre>")
                    .contains("Subject: Lid&lt;/pre&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;broken&quot; &lt;b&gt;now&lt;/b&gt;\n")
                    .doesNotContain("<script>", "<b>", "</pre><");
            assertThat(email.text()).contains("Subject: Lid</pre><script>alert(1)</script> & \"broken\" <b>now</b>\n");
        });
    }

    @Test
    void givenChatWebhooksThatFailOrCannotBeReached_whenTheirTicketsEscalate_thenTheEmailsGoTheTimelinesSaySoAndNoLogShowsTheUrls()
            throws Exception {
        String secret = "T000/B000/xoxb-chat-secret-0123";
        Map<String, String> shops = Map.of(
                desk("failing", chat.failingUrl(secret)), "chat failed (500)",
                desk("unreachable", "http://127.0.0.1:" + Ports.free() + "/hooks/" + secret), "chat unreachable",
                desk("bad-port", "http://127.0.0.1:99999/hooks/" + secret), "chat unreachable");
        shops.keySet().forEach(shop -> complaint(shop, shop, "The lid is scratched"));
        aftercare.sweepAndWork();

        aftercare.clock.set(MONDAY_NINE.plus(Duration.ofMinutes(61)));
        var escalated = new AtomicReference<SQSBatchResponse>();
        String log = CapturedOutput.of(() -> escalated.set(aftercare.sweepAndWork()));

        assertThat(escalated.get().getBatchItemFailures()).isEmpty();
        shops.forEach((shop, outcome) -> assertThat(aftercare.ticketSummaries(shop, "c-" + shop)).as(shop)
                .anyMatch(s -> s.startsWith("Escalation level 1") && s.contains("email to t***@desk.example") && s.contains(outcome)));
        assertThat(log).contains("the chat webhook answered 500", "the chat webhook could not be reached: ConnectException",
                "the chat webhook could not be reached: IllegalArgumentException");
        LogScan.assertClean(log, "xoxb-chat-secret", "/hooks/");
    }

    /** A shop whose level-1 escalation goes to one contact, with the chat webhook {@code url}. */
    private String desk(String name, String url) {
        String shop = "chat-" + name;
        aftercare.registerShop(shop, "generic");
        var patched = aftercare.admin("PATCH /admin/shops/{shop}", Map.of("shop", shop), """
                {"support": {"escalation": [{"level": 1, "afterMinutes": 60, "contacts": ["team-%s@desk.example"]}], "chatWebhookUrl": "%s"}}"""
                .formatted(name, url));
        assertThat(patched.status()).isEqualTo(200);
        return shop;
    }

    private void complaint(String shop, String id, String subject) {
        var response = aftercare.generic(shop, aftercare.genericEvent("complaint.created", "evt-" + id, """
                {"id": "%s", "subject": "%s", "message": "It arrived scratched.", "customer": {"email": "customer-%s@example.com", "locale": "en"}}"""
                .formatted(id, subject, id)));
        assertThat(response.status()).isEqualTo(200);
    }
}
