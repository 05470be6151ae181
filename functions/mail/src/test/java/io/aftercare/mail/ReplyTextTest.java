package io.aftercare.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The history and signature markers each client writes, in each language, end the new text ("|" is a line break). */
class ReplyTextTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "-----Original Message-----|From: Shop|old",
        "-----Исходное сообщение-----|От: Shop|old",
        "-----Mesaj original-----|De la: Shop|old",
        "-----Wiadomość oryginalna-----|Od: Shop|old",
        "________________________________|De la: Shop <s@example.com>|Trimis: luni, 30 noiembrie 2026 09:15|old",
        "From: Shop <s@example.com>|Date: Mon, 30 Nov 2026|old",
        "On Mon, Nov 30, 2026 at 9:15 AM Shop <|s@example.com> wrote:|> old",
        "În lun., 30 nov. 2026 la 09:15, Shop <s@example.com> a scris:|> old",
        "pon., 30 lis 2026 o 09:15 Shop <s@example.com> napisał(a):|> old",
        "Wiadomość napisana przez Shop <s@example.com> w dniu 30 lis 2026, o godz. 09:15:|> old",
        "30 нояб. 2026 г., в 09:15, Shop <s@example.com> написал(а):|> old",
        "-- |Anna|+48 600 100 200",
        "Sent from my iPhone",
        "Get Outlook for Android",
        "Отправлено с iPhone",
        "Trimis de pe iPhone-ul meu",
        "Wysłane z iPhone’a",
    })
    void eachMarkerEndsTheNewText(String tail) {
        var text = ("The mug is broken.||" + tail).replace('|', '\n');

        assertThat(ReplyText.newText(PlainText.tidy(text))).isEqualTo("The mug is broken.");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "I wrote: the mug is broken.",
        "From: my order page, I see nothing.",
        "Sent from the warehouse on Monday, the parcel never came.",
        "A fix -- not a signature.",
    })
    void proseThatLooksLikeAMarkerStaysInTheNewText(String line) {
        var text = "Hello.\n\n" + line;

        assertThat(ReplyText.newText(text)).isEqualTo(text);
    }
}
