package io.aftercare.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.inbound.InboundMessage;
import io.aftercare.domain.inbound.UnreadableMessage;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class MimeMessageParserTest {

    private final MimeMessageParser parser = new MimeMessageParser();

    private static byte[] mail(String text) {
        return text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] htmlOnly(String html) {
        return mail("From: a@example.com\nContent-Type: text/html; charset=utf-8\n\n" + html);
    }

    @Test
    void aGmailReplyKeepsOnlyTheNewTextAndTheWholeTextBeside() {
        var message = parser.parse(mail("""
                From: Anna Kowalska <Anna@Example.com>
                To: support+t1@in.aftercare.example
                Subject: Re: Your order #1042
                Message-ID: <CAF=abc@mail.gmail.com>
                In-Reply-To: <ticket-1@aftercare.example>
                References: <order-1@aftercare.example> <ticket-1@aftercare.example>
                Date: Tue, 1 Dec 2026 10:00:00 +0100
                Content-Type: text/plain; charset=UTF-8

                The parcel arrived broken.

                On Mon, Nov 30, 2026 at 9:00 AM Shop <shop@example.com> wrote:
                > How was your order?
                """));

        assertThat(message.from()).isEqualTo(new EmailAddress("anna@example.com"));
        assertThat(message.fromName()).isEqualTo("Anna Kowalska");
        assertThat(message.newText()).isEqualTo("The parcel arrived broken.");
        assertThat(message.fullText()).contains("> How was your order?");
        assertThat(message.messageId()).contains("CAF=abc@mail.gmail.com");
        assertThat(message.threadIds()).containsExactly("ticket-1@aftercare.example", "order-1@aftercare.example");
        assertThat(message.autoReply()).isEmpty();
    }

    @Test
    void aLegacyCharsetAndAnEncodedWordSubjectAreReadAsTheSenderWroteThem() {
        var koi8 = Charset.forName("KOI8-R");
        var body = "Посылка пришла разбитой.".getBytes(koi8);
        var head = """
                From: =?KOI8-R?B?%s?= <ivan@example.ru>
                Subject: =?windows-1251?B?%s?=
                Content-Type: text/plain; charset=koi8-r
                Content-Transfer-Encoding: base64

                %s
                """.formatted(Base64.getEncoder().encodeToString("Иван".getBytes(koi8)),
                Base64.getEncoder().encodeToString("Заказ".getBytes(Charset.forName("windows-1251"))),
                Base64.getEncoder().encodeToString(body));

        var message = parser.parse(mail(head));

        assertThat(message.fromName()).isEqualTo("Иван");
        assertThat(message.subject()).isEqualTo("Заказ");
        assertThat(message.newText()).isEqualTo("Посылка пришла разбитой.");
    }

    @Test
    void anHtmlOnlyMessageBecomesTextWithoutMarkupScriptsOrStylesAndKeepsItsLinks() {
        var message = parser.parse(htmlOnly("""
                <html><head><style>p{color:red}</style><script>alert(1)</script></head>
                <body><p>See <a href="https://example.com/photo">my photo</a> &lt;b&gt;</p><p>Thanks</p></body></html>
                """));

        assertThat(message.newText()).isEqualTo("See my photo (https://example.com/photo) <b>\nThanks");
    }

    @Test
    void anOutOfOfficeAnswerIsAnAutoReplyAndAnAutoSubmittedNoIsNot() {
        var ooo = parser.parse(mail("""
                From: a@example.com
                Auto-Submitted: auto-replied; owner-email="a@example.com"
                Subject: Out of office

                I am away.
                """));
        var human = parser.parse(mail("""
                From: a@example.com
                Auto-Submitted: no

                I am here.
                """));

        assertThat(ooo.autoReply()).contains(new InboundMessage.AutoReply("Auto-Submitted", "auto-replied; owner-email=\"a@example.com\""));
        assertThat(human.autoReply()).isEmpty();
    }

    @Test
    void aMessageWithoutAUsableSenderIsUnreadable() {
        assertThatThrownBy(() -> parser.parse(mail("""
                From: undisclosed
                Subject: hello

                text
                """))).isInstanceOf(UnreadableMessage.class);
        assertThatThrownBy(() -> parser.parse(new byte[0])).isInstanceOf(UnreadableMessage.class);
    }

    @Test
    void aMessageOverTheByteOrPartLimitIsUnreadableBeforeItIsBuilt() {
        var parts = new StringBuilder("From: a@example.com\nContent-Type: multipart/mixed; boundary=b\n\n");
        for (var i = 0; i < 20; i++) {
            parts.append("--b\nContent-Type: text/plain\n\npart ").append(i).append('\n');
        }
        parts.append("--b--\n");
        var small = new MimeMessageParser(1024 * 1024, 10);

        assertThatThrownBy(() -> small.parse(mail(parts.toString()))).isInstanceOf(UnreadableMessage.class)
                .hasMessageContaining("more than 10 MIME parts");
        assertThatThrownBy(() -> new MimeMessageParser(100, 10).parse(mail(parts.toString())))
                .isInstanceOf(UnreadableMessage.class).hasMessageContaining("bytes");
        assertThat(new MimeMessageParser(1024 * 1024, 20).parse(mail(parts.toString())).fullText()).contains("part 19");
    }

    @Test
    void messagesNestedInMessagesTooDeepAreUnreadableNotAStackOverflow() {
        var nested = "From: a@example.com\n" + "Content-Type: message/rfc822\n\n".repeat(20_000) + "From: b@example.com\n\nhi\n";

        assertThatThrownBy(() -> parser.parse(mail(nested))).isInstanceOf(UnreadableMessage.class)
                .hasMessageContaining("MIME parts");
    }

    @Test
    void anImageShownInTheNewTextIsAnAttachmentButOneShownOnlyInTheSignatureOrHistoryIsNot() {
        var png = Base64.getEncoder().encodeToString(new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        var message = parser.parse(mail("""
                From: a@example.com
                Content-Type: multipart/related; boundary=r

                --r
                Content-Type: text/html; charset=utf-8

                <div>Look at this: <img src="cid:photo@x"></div>
                <div class="gmail_signature">Anna<br><img src="cid:logo@x"></div>
                <blockquote>old <img src="cid:old@x"></blockquote>
                --r
                Content-Type: image/png; name=photo.png
                Content-ID: <photo@x>
                Content-Transfer-Encoding: base64

                %s
                --r
                Content-Type: image/png; name=logo.png
                Content-ID: <logo@x>
                Content-Transfer-Encoding: base64

                %s
                --r
                Content-Type: image/png; name=old.png
                Content-ID: <old@x>
                Content-Transfer-Encoding: base64

                %s
                --r--
                """.formatted(png, png, png)));

        assertThat(message.attachments()).extracting(InboundMessage.Attachment::fileName).containsExactly("photo.png");
        assertThat(message.attachments().getFirst().size()).isEqualTo(7);
        assertThat(message.newText()).isEqualTo("Look at this:");
    }

    @Test
    void aStubPlainAlternativeGivesWayToTheRicherHtmlAndARealOneIsPreferred() {
        var stub = parser.parse(mail("""
                From: a@example.com
                Content-Type: multipart/alternative; boundary=a

                --a
                Content-Type: text/plain

                Please view this message in an HTML mail client.
                --a
                Content-Type: text/html

                <p>The parcel came today, but two of the three plates in it were broken into pieces; the box was crushed on one side.</p>
                --a--
                """));
        var real = parser.parse(mail("""
                From: a@example.com
                Content-Type: multipart/alternative; boundary=a

                --a
                Content-Type: text/plain

                The parcel came today, two plates broken.
                --a
                Content-Type: text/html

                <p>The parcel came <i>today</i>, two plates broken.</p>
                --a--
                """));

        assertThat(stub.newText()).startsWith("The parcel came today, but two");
        assertThat(real.newText()).isEqualTo("The parcel came today, two plates broken.");
    }

    @Test
    void anOutlookHtmlOnlyReplyIsCutAtItsHeaderBlock() {
        var message = parser.parse(htmlOnly("""
                <div><p class="MsoNormal">Tak, proszę o zwrot.</p></div>
                <div id="appendonsend"></div><hr><div id="divRplyFwdMsg"><b>Od:</b> Demo Shop &lt;s@example.com&gt;<br>
                <b>Wysłano:</b> poniedziałek, 30 listopada 2026 09:15<br><b>Do:</b> a@example.com<br><b>Temat:</b> Zamówienie</div>
                <div>Dzień dobry...</div>
                """));

        assertThat(message.newText()).isEqualTo("Tak, proszę o zwrot.");
        assertThat(message.fullText()).contains("Dzień dobry...");
    }

    @Test
    void hostileHtmlNestingIsCutToABoundedDepthAndReadWithCappedQuoteMarks() {
        var html = "From: a@example.com\nContent-Type: text/html\n\n" + "<blockquote>".repeat(50_000) + "deep" + "</blockquote>".repeat(200) + "after\n";

        var message = parser.parse(mail(html));

        // as written "after" is 49,800 deep; in a tree cut near a hundred (not jsoup's 512, nor unbounded) 200 closing tags close it all
        assertThat(message.fullText()).isEqualTo(">>>>>>>> deep\nafter");
    }

    @Test
    void aLineBreakEncodedInASubjectOrFileNameDoesNotSurviveAndAFileNameHasNoDirectory() {
        var message = parser.parse(mail("""
                From: a@example.com
                Subject: =?UTF-8?Q?Hi=0D=0ABcc:_x@example.com?=
                Content-Type: multipart/mixed; boundary=m

                --m
                Content-Type: text/plain

                see file
                --m
                Content-Type: application/pdf
                Content-Disposition: attachment; filename="=?UTF-8?Q?..=2F..=2Fetc=2Fa=0Ab.pdf?="

                x
                --m--
                """));

        assertThat(message.subject()).doesNotContain("\r", "\n").isEqualTo("Hi  Bcc: x@example.com");
        assertThat(message.attachments().getFirst().fileName()).doesNotContain("\n", "/", "..").startsWith("a").endsWith("b.pdf");
    }

    @Test
    void rawUtf8HeadersAreReadAsUtf8() {
        var message = parser.parse(mail("""
                From: Zofia Wójcik <zofia@example.pl>
                Subject: Zwrot butów

                Dzień dobry
                """));

        assertThat(message.fromName()).isEqualTo("Zofia Wójcik");
        assertThat(message.subject()).isEqualTo("Zwrot butów");
    }

    @Test
    void machineWrittenMailIsRecognisedByEachHeaderAndAMailingListIsNot() {
        assertThat(autoReplyOf("X-Auto-Response-Suppress: DR, OOF, AutoReply")).contains("X-Auto-Response-Suppress");
        assertThat(autoReplyOf("X-Auto-Response-Suppress: DR")).isEmpty();
        assertThat(autoReplyOf("Precedence: junk")).contains("Precedence");
        assertThat(autoReplyOf("Precedence: auto_reply")).contains("Precedence");
        assertThat(autoReplyOf("Precedence: list")).isEmpty();
        assertThat(autoReplyOf("X-Autorespond: Vacation")).contains("X-Autorespond");
        assertThat(autoReplyOf("Auto-Submitted: auto-generated")).contains("Auto-Submitted");
    }

    private java.util.Optional<String> autoReplyOf(String header) {
        return parser.parse(mail("From: a@example.com\n" + header + "\n\nhello\n")).autoReply()
                .map(InboundMessage.AutoReply::header);
    }

    @Test
    void theFiftyKilobyteBenchmarkReplyReadsAsAGmailReplyWithItsPhoto() throws Exception {
        var raw = Files.readAllBytes(Path.of(System.getProperty("aftercare.root"), "infrastructure/fixtures/inbound/reply-50kb.eml"));

        var message = parser.parse(raw);

        assertThat(raw.length).isBetween(49 * 1024, 51 * 1024 + 100);
        assertThat(message.newText()).startsWith("Hi Marta,").endsWith("Anna").doesNotContain("wrote:", "Anna Smith");
        assertThat(message.fullText()).contains("> On Sun, Nov 29, 2026 at 2:37 PM");
        assertThat(message.attachments()).extracting(InboundMessage.Attachment::fileName).containsExactly("mug-and-box.jpg");
        assertThat(message.threadIds()).containsExactly("ac.ticket-7f3k2.c91e@demo-shop.example");
    }

    /** Damaged mail (cut short, bytes changed) is read or refused as unreadable, never anything else. */
    @Property(tries = 300)
    void damagedMailIsReadOrRefusedAsUnreadableNeverAnythingElse(@ForAll @IntRange(min = 0, max = 50_000) int cut,
                                                                 @ForAll @IntRange(min = 0, max = 50_000) int at,
                                                                 @ForAll byte value) throws Exception {
        var raw = Files.readAllBytes(Path.of(System.getProperty("aftercare.root"), "infrastructure/fixtures/inbound/reply-50kb.eml"));
        var damaged = java.util.Arrays.copyOf(raw, Math.min(raw.length, cut + 1));
        damaged[at % damaged.length] = value;

        try {
            assertThat(parser.parse(damaged).from()).isNotNull();
        } catch (UnreadableMessage refused) {
            assertThat(refused.getMessage()).isNotBlank();
        }
    }
}
