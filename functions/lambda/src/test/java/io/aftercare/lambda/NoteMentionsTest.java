package io.aftercare.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.devkit.DynamoDbExtension;
import io.aftercare.devkit.SesEmulatorExtension;
import io.aftercare.devkit.SesMailbox;
import io.aftercare.devkit.TestTable;
import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.access.Caller;
import io.aftercare.domain.shop.Language;
import io.aftercare.domain.shop.Role;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A note that mentions members emails each of them a link to the ticket, through a due action written with the note;
 * a mention of someone who is not a member is refused and writes nothing.
 */
@ExtendWith({DynamoDbExtension.class, SesEmulatorExtension.class})
class NoteMentionsTest {

    private static final Instant MONDAY_TEN = LocalDateTime.parse("2026-11-23T10:00").atZone(ZoneId.of("Europe/Warsaw")).toInstant();
    private static final String SHOP = "mention-desk";
    private static final String ANNA = "anna@mention-desk.example";
    private static final String BORYS = "borys@mention-desk.example";

    private Harness aftercare;
    private SesMailbox ses;
    private String ticketId;

    @BeforeEach
    void aTicketAndTwoMembers(TestTable table, SesMailbox ses) {
        this.ses = ses;
        aftercare = new Harness(table, MONDAY_TEN, ses);
        aftercare.registerShop(SHOP, "generic");
        var access = aftercare.app.access();
        access.invite(new ShopId(SHOP), new Caller.BreakGlass(), new EmailAddress(ANNA), Role.LEAD, Language.EN);
        access.invite(new ShopId(SHOP), new Caller.BreakGlass(), new EmailAddress(BORYS), Role.AGENT, Language.EN);
        var opened = aftercare.agentBody("POST /api/shops/{shop}/tickets", Map.of("shop", SHOP), """
                {"customer": {"email": "ola@example.pl", "name": "Ola"}, "subject": "Lid <b>scratched</b>", "message": "What now?"}""");
        assertThat(opened.status()).isEqualTo(201);
        ticketId = opened.json().path("id").asText();
        aftercare.sweepAndWork(); // the acknowledgement to the customer
    }

    @Test
    void aNoteMentioningAMemberEmailsThemALinkToTheTicketAndTheTicketsTimelineSaysSo() {
        var noted = note("""
                {"version": %d, "note": "@a***@mention-desk.example can you check the photos?", "agent": "Zofia", "mentions": ["%s"]}""",
                new EmailAddress(ANNA).hash());
        assertThat(noted.status()).isEqualTo(200);

        aftercare.sweepAndWork();

        assertThat(ses.emailsTo(ANNA)).singleElement().satisfies(email -> {
            assertThat(email.subject()).contains("Zofia mentioned you in a note on");
            assertThat(email.text()).contains(Harness.PUBLIC_URL + "/console/tickets/" + ticketId);
            assertThat(email.html()).as("the subject a customer wrote is escaped").contains("Lid &lt;b&gt;scratched").doesNotContain("<b>");
        });
        assertThat(ses.emailsTo(BORYS)).as("not mentioned").isEmpty();
        assertThat(aftercare.ticketSummaries(SHOP, ticketId))
                .anySatisfy(s -> assertThat(s).startsWith("Note by Zofia").contains("(mentions a***@mention-desk.example)"))
                .anySatisfy(s -> assertThat(s).startsWith("Zofia mentioned members in a note on").contains("email to a***@mention-desk.example"));
    }

    @Test
    void aMentionOfSomeoneWhoIsNotAMemberIsRefusedWithA400AndWritesNothing() {
        long version = aftercare.ticket(SHOP, ticketId).path("version").asLong();
        int entries = aftercare.ticketSummaries(SHOP, ticketId).size();

        var refused = note("""
                {"version": %d, "note": "look", "mentions": ["%s", "%s"]}""",
                new EmailAddress(ANNA).hash(), new EmailAddress("stranger@elsewhere.example").hash());

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("field").asText()).isEqualTo("mentions");
        assertThat(aftercare.ticket(SHOP, ticketId).path("version").asLong()).isEqualTo(version);
        assertThat(aftercare.ticketSummaries(SHOP, ticketId)).hasSize(entries);
        aftercare.sweepAndWork();
        assertThat(ses.emailsTo(ANNA)).isEmpty();
    }

    @Test
    void aMentionThatIsNoMemberIdAtAllAnAddressOrAnUppercaseIdIsRefusedAsNotAnIdAndWritesNothing() {
        long version = aftercare.ticket(SHOP, ticketId).path("version").asLong();
        for (String mention : List.of(ANNA, new EmailAddress(ANNA).hash().toUpperCase(Locale.ROOT), new EmailAddress(ANNA).hash() + "0")) {
            var refused = note("""
                    {"version": %d, "note": "look", "mentions": ["%s"]}""", mention);

            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.json().path("field").asText()).isEqualTo("mentions");
            assertThat(refused.json().path("message").asText()).as(mention).contains("member's id");
        }
        assertThat(aftercare.ticket(SHOP, ticketId).path("version").asLong()).isEqualTo(version);
    }

    @Test
    void aMemberRemovedBeforeTheMentionGoesOutIsNotEmailedAndTheTimelineSaysWhy() {
        assertThat(note("""
                {"version": %d, "note": "over to you", "agent": "Zofia", "mentions": ["%s"]}""", new EmailAddress(BORYS).hash()).status())
                .isEqualTo(200);
        aftercare.app.access().remove(new ShopId(SHOP), new Caller.BreakGlass(), new EmailAddress(BORYS).hash());

        aftercare.sweepAndWork();

        assertThat(ses.emailsTo(BORYS)).isEmpty();
        assertThat(aftercare.ticketSummaries(SHOP, ticketId))
                .anySatisfy(s -> assertThat(s).contains("Mention in a note").contains("no longer members of the shop"));
    }

    private Harness.Response note(String body, Object... args) {
        long version = aftercare.ticket(SHOP, ticketId).path("version").asLong();
        Object[] all = new Object[args.length + 1];
        all[0] = version;
        System.arraycopy(args, 0, all, 1, args.length);
        return aftercare.agentBody("POST /api/shops/{shop}/tickets/{ticketId}/notes", Map.of("shop", SHOP, "ticketId", ticketId),
                body.formatted(all));
    }
}
