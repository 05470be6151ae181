package io.aftercare.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.inbound.InboundMessage;
import io.aftercare.domain.inbound.UnreadableMessage;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class MimeMessageParserTest {

    private final MimeMessageParser parser = new MimeMessageParser();

    private static byte[] mail(String text) {
        return text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
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
        var message = parser.parse(mail("""
                From: a@example.com
                Content-Type: text/html; charset=utf-8

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
}
