package io.aftercare.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aftercare.devkit.DynamoDbExtension;
import io.aftercare.devkit.SesEmulatorExtension;
import io.aftercare.devkit.SesMailbox;
import io.aftercare.devkit.TestTable;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Text that shops and customers control never writes a mail header of its own, and a brand name survives the From header intact. */
@ExtendWith({DynamoDbExtension.class, SesEmulatorExtension.class})
class HeaderInjectionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?UTF-8\\?B\\?([A-Za-z0-9+/=]*)\\?=");

    private static SesMailbox ses;
    private static Harness aftercare;

    @BeforeAll
    static void start(TestTable table, SesMailbox mailbox) {
        ses = mailbox;
        aftercare = new Harness(table, Instant.parse("2026-11-23T08:00:00Z"), mailbox);
    }

    @Test
    void givenSettingsWithLineBreaksOrControlCharacters_whenRegisteredOrPatched_thenA400NamesTheFieldAndNothingIsSaved() {
        aftercare.registerShop("broken-lines", "generic");
        int items = aftercare.table.itemCount();

        for (String hostile : new String[] {"Kettle\r\nBcc: x@evil.example", "Kettle\nHouse", "Kettle\rHouse", "Kettle\u0000House",
                "Kettle\u0085House", "Kettle\u2028House", "Kettle\u2029House", "Kettle\u001bHouse", "Kettle\u007fHouse"}) {
            var patched = patch("broken-lines", Map.of("brandName", hostile));
            var registered = aftercare.admin("POST /admin/shops", Map.of(), json(Map.of("id", "broken-new", "platform", "generic",
                    "webhookSecret", Harness.SECRET, "brandName", hostile, "senderEmail", "a@b.example")));

            assertThat(patched.status()).as(hostile).isEqualTo(400);
            assertThat(patched.json().path("field").asText()).isEqualTo("brandName");
            assertThat(registered.status()).isEqualTo(400);
            assertThat(registered.json().path("field").asText()).isEqualTo("brandName");
        }
        for (String field : new String[] {"senderEmail", "replyToEmail"}) {
            for (String hostile : new String[] {"help@shop.example\r\nBcc: x@evil.example", "help\u0000@shop.example",
                    "help@shop\u2028.example", "help@shop.exa\u0085mple"}) {
                var patched = patch("broken-lines", Map.of(field, hostile));

                assertThat(patched.status()).as(hostile).isEqualTo(400);
                assertThat(patched.json().path("field").asText()).isEqualTo(field);
            }
        }
        assertThat(aftercare.table.itemCount()).isEqualTo(items);
        var shown = aftercare.admin("GET /admin/shops/{shop}", Map.of("shop", "broken-lines"), "").json();
        assertThat(shown.path("brandName").asText()).isEqualTo("Kettle House");
        assertThat(shown.path("version").asInt()).isEqualTo(1);
    }

    @Test
    void givenAComplaintSubjectCarryingABccHeader_whenAnAgentReplies_thenTheReplyHasOneSubjectLineAndNoBcc() {
        aftercare.registerShop("injected-subject", "generic");
        aftercare.generic("injected-subject", aftercare.genericEvent("complaint.created", "evt-bcc", """
                {"id": "c-bcc", "subject": "Lid scratched\\r\\nBcc: x@evil.example\\u2028X-Evil: 1", "message": "It arrived scratched.",
                 "customer": {"email": "bcc-victim@example.com", "locale": "en"}}"""));
        aftercare.sweepAndWork();
        var ticket = aftercare.ticket("injected-subject", "c-c-bcc");

        var reply = aftercare.agentBody("POST /api/shops/{shop}/tickets/{ticketId}/replies", Map.of("shop", "injected-subject", "ticketId", "c-c-bcc"),
                "{\"version\": " + ticket.path("version").asLong() + ", \"message\": \"A new lid is on its way.\", \"agent\": \"Ola\"}");
        aftercare.sweepAndWork();

        assertThat(reply.status()).isEqualTo(200);
        var answer = ses.emailsTo("bcc-victim@example.com").stream().filter(e -> e.subject().startsWith("Re: ")).findFirst().orElseThrow();
        assertThat(answer.subject()).isEqualTo("Re: Lid scratched Bcc: x@evil.example X-Evil: 1 [" + ticket.path("number").asText() + "]");
        assertThat(answer.headers()).noneMatch(h -> h.name().equalsIgnoreCase("Bcc") || h.name().equalsIgnoreCase("X-Evil"))
                .allMatch(h -> !h.value().matches("(?s).*[\\r\\n\\u2028].*"));
        assertThat(ses.emails()).noneMatch(e -> e.to().contains("x@evil.example"));
    }

    @Test
    void givenBrandNamesWithQuotesCommasAndNonAsciiLetters_whenTheyEmail_thenTheFromHeaderCarriesEachNameExactly() throws CharacterCodingException {
        String quoted = "Kettle \"Best\", Ltd \\ Co";
        String polish = "Herbaciarnia „Żółw”, Kraków – herbaty, kawy i czajniki z całego świata 🫖";
        assertThat(fromFor("brand-quoted", quoted)).isEqualTo("\"Kettle \\\"Best\\\", Ltd \\\\ Co\" <hello@kettlehouse.example>");

        String from = fromFor("brand-polish", polish);
        String name = from.substring(0, from.lastIndexOf(" <"));
        assertThat(from).endsWith(" <hello@kettlehouse.example>");
        assertThat(name.split(" ")).hasSizeGreaterThan(1).allMatch(word -> ENCODED_WORD.matcher(word).matches() && word.length() <= 75);
        assertThat(decode(name)).isEqualTo(polish);
    }

    private String fromFor(String shop, String brand) {
        aftercare.registerShop(shop, "generic");
        assertThat(patch(shop, Map.of("brandName", brand)).status()).isEqualTo(200);
        aftercare.generic(shop, aftercare.genericEvent("complaint.created", "evt-" + shop, """
                {"id": "c-1", "subject": "Lid", "message": "Scratched.", "customer": {"email": "%s@example.com", "locale": "en"}}""".formatted(shop)));
        aftercare.sweepAndWork();
        return ses.emailsTo(shop + "@example.com").get(0).from();
    }

    /** Each word holds whole characters (RFC 2047, section 5); adjacent words join without the space between them (section 6.2). */
    private static String decode(String words) throws CharacterCodingException {
        var decoded = new StringBuilder();
        for (String word : words.split(" ")) {
            var m = ENCODED_WORD.matcher(word);
            assertThat(m.matches()).isTrue();
            byte[] bytes = Base64.getDecoder().decode(m.group(1));
            decoded.append(StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes))); // refuses a split character
        }
        return decoded.toString();
    }

    private static Harness.Response patch(String shop, Map<String, String> fields) {
        return aftercare.admin("PATCH /admin/shops/{shop}", Map.of("shop", shop), json(fields));
    }

    private static String json(Map<String, String> fields) {
        try {
            return JSON.writeValueAsString(fields);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
