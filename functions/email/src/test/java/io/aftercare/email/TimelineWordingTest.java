package io.aftercare.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.domain.shop.Role;
import io.aftercare.domain.Money;
import io.aftercare.domain.action.Reason;
import io.aftercare.domain.email.ActionCatalog;
import io.aftercare.domain.email.EmailCategory;
import io.aftercare.domain.email.EmailKind;
import io.aftercare.domain.email.Suppression;
import io.aftercare.domain.order.FulfilmentStatus;
import io.aftercare.domain.order.ReturnEvent;
import io.aftercare.domain.order.ReturnState;
import io.aftercare.domain.order.ShipmentStatus;
import io.aftercare.domain.shop.Language;
import io.aftercare.domain.shop.Priority;
import io.aftercare.domain.shop.SlaTarget;
import io.aftercare.domain.ticket.TicketStatus;
import io.aftercare.domain.timeline.EntryKind;
import io.aftercare.domain.timeline.EntryParam;
import io.aftercare.domain.timeline.EntryText;
import io.aftercare.domain.timeline.Phrase;
import io.aftercare.domain.timeline.Vocabulary;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TimelineWordingTest {

    /** A name a message uses: {@code {{name}}}, {@code {{#name}}}, {@code {{^name}}}, a count's {@code {{#name_few}}}. */
    private static final Pattern NAME = Pattern.compile("\\{\\{[#^]?([A-Za-z]+?)(?:_(?:one|few|many|other))?}}");
    private static final Set<String> FIGURES = Set.of("frequencyCapHours", "maxAttempts");

    private final TimelineWording wording = new TimelineWording();

    @Test
    void everyPhraseHasATextInAllFourLanguagesThatUsesEachOfItsParametersAndNoOther() {
        Map<Language, Properties> files = files();
        for (Language language : Language.values()) {
            Properties texts = files.get(language);
            for (Phrase phrase : Phrase.values()) {
                String key = "timeline." + phrase.slug();
                assertThat(texts.getProperty(key)).as(key + " in " + language.code()).isNotBlank();
                Set<String> used = names(texts.getProperty(key));
                if (used.remove("notified")) { // the staff notices' shared wording of whom they reached
                    used.addAll(names(texts.getProperty("timeline.notified")));
                }
                assertThat(used).as(key + " in " + language.code()).containsExactlyInAnyOrderElementsOf(phrase.params());
            }
        }
    }

    @Test
    void everyEntryKindIsSaidByAtLeastOnePhrase_soEveryKindHasATextInAllFourLanguages() {
        Set<EntryKind> said = EnumSet.noneOf(EntryKind.class);
        for (Phrase phrase : Phrase.values()) {
            said.addAll(phrase.kinds());
        }

        assertThat(said).containsExactlyInAnyOrder(EntryKind.values());
    }

    @Test
    void everyCodeOfEveryVocabularyHasATextInAllFourLanguages() {
        Map<Language, Properties> files = files();
        for (Language language : Language.values()) {
            for (Vocabulary vocabulary : Vocabulary.values()) {
                for (String code : codes(vocabulary)) {
                    String key = "code." + vocabulary.slug() + "." + code.toLowerCase(java.util.Locale.ROOT);
                    String text = files.get(language).getProperty(key);
                    assertThat(text).as(key + " in " + language.code()).isNotBlank();
                    assertThat(names(text)).as(key + " in " + language.code()).isSubsetOf(FIGURES);
                }
            }
        }
    }

    /** The codes a set holds: the constants of the enum behind it, or the catalog's. */
    private static List<String> codes(Vocabulary vocabulary) {
        if (vocabulary == Vocabulary.EMAIL) { // the kinds of due action: the tickets' and each post-purchase email's
            return ActionCatalog.all().stream().map(kind -> kind.code().value()).toList();
        }
        Class<? extends Enum<?>> values = switch (vocabulary) {
            case REASON -> Reason.class;
            case EMAIL -> null;
            case CATEGORY -> EmailCategory.class;
            case SUPPRESSION -> Suppression.class;
            case FULFILMENT -> FulfilmentStatus.class;
            case SHIPMENT -> ShipmentStatus.class;
            case RETURN -> ReturnEvent.class;
            case RETURN_STATE -> ReturnState.class;
            case LANGUAGE -> Language.class;
            case PRIORITY -> Priority.class;
            case TICKET_STATUS -> TicketStatus.class;
            case SLA -> SlaTarget.class;
            case ROLE -> Role.class;
            case NPS, SURVEY -> null;
        };
        if (values == null) {
            return vocabulary == Vocabulary.SURVEY ? Vocabulary.SURVEY_KINDS : Vocabulary.NPS_GROUPS;
        }
        return Arrays.stream(values.getEnumConstants()).map(Enum::name).toList();
    }

    @Test
    void theFourMessageFilesHoldTheSameKeys() {
        Map<Language, Properties> files = files();
        Set<String> english = files.get(Language.EN).stringPropertyNames();
        for (Language language : Language.values()) {
            assertThat(files.get(language).stringPropertyNames()).as(language.code()).containsExactlyInAnyOrderElementsOf(english);
        }
    }

    @Test
    void givenASkipWhoseReasonAndDetailAreCodes_whenWordedInEachLanguage_thenBothAreWordedInIt() {
        var text = EntryText.of(Phrase.EMAIL_NOT_SENT).with("email", EmailKind.THANK_YOU.action().code())
                .code("reason", Vocabulary.REASON, Reason.SUPPRESSED).code("detail", Vocabulary.SUPPRESSION, Suppression.BOUNCED);

        assertThat(wording.summary(text, Language.EN)).isEqualTo("Thank-you email not sent: the address is suppressed (an email to it bounced)");
        assertThat(wording.summary(text, Language.RU))
                .isEqualTo("Письмо с благодарностью: не отправлено — адрес исключён из рассылки (письмо на него не удалось доставить)");
        assertThat(wording.summary(text, Language.RO))
                .isEqualTo("E-mailul de mulțumire: netrimis — adresa este blocată (un e-mail către ea nu a putut fi livrat)");
        assertThat(wording.summary(text, Language.PL))
                .isEqualTo("E-mail z podziękowaniem: nie wysłano — adres jest zablokowany do wysyłki (e-maila na ten adres nie dało się doręczyć)");
    }

    @Test
    void givenAnEntryStoredWithItsDetailAsText_whenWorded_thenTheDetailIsKeptAsWritten() {
        var text = EntryText.of(Phrase.EMAIL_NOT_SENT).with("email", EmailKind.THANK_YOU.action().code())
                .code("reason", Vocabulary.REASON, Reason.SUPPRESSED).text("detail", "bounce");

        assertThat(wording.summary(text, Language.RU)).isEqualTo("Письмо с благодарностью: не отправлено — адрес исключён из рассылки (bounce)");
    }

    @Test
    void givenAReasonNamingAFigure_whenWorded_thenTheFigureIsTheDomainsOwn() {
        var text = EntryText.of(Phrase.ACTION_ABANDONED).with("email", EmailKind.CHECK_IN.action().code())
                .code("reason", Vocabulary.REASON, Reason.ATTEMPTS_EXHAUSTED).flag("maybeSent", true);

        assertThat(wording.summary(text, Language.EN))
                .isEqualTo("Check-in email given up: it did not finish in 5 attempts; it may have been sent: its last attempt had begun sending");
    }

    @Test
    void givenCounts_whenWorded_thenEachLanguageTakesItsOwnPluralForm() {
        assertThat(items(Language.EN, 1)).endsWith("1 item, $9.00");
        assertThat(items(Language.EN, 2)).endsWith("2 items, $9.00");
        assertThat(items(Language.RU, 1)).contains("1 товар,");
        assertThat(items(Language.RU, 3)).contains("3 товара,");
        assertThat(items(Language.RU, 5)).contains("5 товаров,");
        assertThat(items(Language.RU, 12)).contains("12 товаров,");
        assertThat(items(Language.RU, 21)).contains("21 товар,");
        assertThat(items(Language.RU, 22)).contains("22 товара,");
        assertThat(items(Language.PL, 1)).contains("1 produkt,");
        assertThat(items(Language.PL, 4)).contains("4 produkty,");
        assertThat(items(Language.PL, 13)).contains("13 produktów,");
        assertThat(items(Language.PL, 21)).contains("21 produktów,");
        assertThat(items(Language.PL, 24)).contains("24 produkty,");
        assertThat(items(Language.RO, 1)).contains("1 produs,");
        assertThat(items(Language.RO, 19)).contains("19 produse,");
        assertThat(items(Language.RO, 20)).contains("20 de produse,");
        assertThat(items(Language.RO, 101)).contains("101 produse,");
    }

    @Test
    void givenMoneyAndAMoment_whenWorded_thenTheyAreFormattedForTheLanguageInTheZoneTheyWereSaidIn() {
        var refund = EntryText.of(Phrase.ORDER_REFUNDED).amount("amount", Money.of("1234.50", "EUR"));
        var due = EntryText.of(Phrase.EMAIL_SCHEDULED).with("email", EmailKind.CHECK_IN.action().code())
                .moment("due", Instant.parse("2026-11-30T08:00:00Z"), ZoneId.of("Europe/Warsaw"));

        assertThat(wording.summary(refund, Language.EN)).isEqualTo("Refund of €1,234.50");
        assertThat(wording.summary(refund, Language.PL)).isEqualTo("Zwrot pieniędzy: 1\u00a0234,50\u00a0€");
        assertThat(wording.summary(due, Language.EN)).isEqualTo("Check-in email scheduled for Nov 30, 2026, 9:00\u202fAM (Europe/Warsaw)");
        assertThat(wording.summary(due, Language.RO)).isEqualTo("E-mailul de verificare: programat pentru 30 nov. 2026, 09:00 (Europe/Warsaw)");
    }

    @Test
    void givenATicketChange_whenWorded_thenWhatChangedIsListedWithCommasBetween() {
        var base = EntryText.of(Phrase.TICKET_CHANGED).text("agent", "Ann");
        var priority = base.code("priorityFrom", Vocabulary.PRIORITY, Priority.NORMAL).code("priorityTo", Vocabulary.PRIORITY, Priority.URGENT);
        var status = base.code("statusFrom", Vocabulary.TICKET_STATUS, TicketStatus.OPEN)
                .code("statusTo", Vocabulary.TICKET_STATUS, TicketStatus.RESOLVED);

        assertThat(wording.summary(priority, Language.EN)).isEqualTo("Ann: priority normal to urgent");
        assertThat(wording.summary(status, Language.EN)).isEqualTo("Ann: open to resolved");
        assertThat(wording.summary(status.flag("unassigned", true), Language.EN)).isEqualTo("Ann: unassigned, open to resolved");
        assertThat(wording.summary(priority.text("assignee", "b***@desk.example").code("statusFrom", Vocabulary.TICKET_STATUS, TicketStatus.OPEN)
                .code("statusTo", Vocabulary.TICKET_STATUS, TicketStatus.PENDING), Language.RU))
                .isEqualTo("Ann: приоритет обычный → срочный, назначено: b***@desk.example, статус открыто → ожидает");
    }

    @Test
    void givenAStaffNotice_whenWorded_thenItSaysWhomItReachedOrThatNobodyWasConfigured() {
        var breach = EntryText.of(Phrase.SLA_BREACHED).code("target", Vocabulary.SLA, io.aftercare.domain.shop.SlaTarget.FIRST_RESPONSE)
                .text("ticket", "T-1001");

        assertThat(wording.summary(breach.text("reached", "a***@desk.example").text("chat", "chat"), Language.EN))
                .isEqualTo("SLA breached: first response for T-1001 (notified: email to a***@desk.example; chat)");
        assertThat(wording.summary(breach.text("refused", "a***@desk.example"), Language.EN))
                .isEqualTo("SLA breached: first response for T-1001 (notified: refused: a***@desk.example)");
        assertThat(wording.summary(breach.flag("nobody", true), Language.PL))
                .isEqualTo("Przekroczono SLA: pierwsza odpowiedź dla T-1001 (powiadomieni: nikt: nie skonfigurowano kontaktów)");
    }

    @Test
    void givenAnEntryStoredBeforePhrases_whenWordedInAnyLanguage_thenItsStoredSummaryIsShownAsItIs() {
        for (Language language : Language.values()) {
            assertThat(wording.summary(new EntryText.Stored("Order #1 placed: 1 item, 9.99 PLN"), language)).isEqualTo("Order #1 placed: 1 item, 9.99 PLN");
        }
    }

    @Test
    void givenACodeNoMessageNames_whenWorded_thenTheCodeIsShown() {
        var text = EntryText.of(Phrase.EMAIL_NOT_SENT).with("email", EmailKind.SURVEY.action().code())
                .with("reason", new EntryParam.Code("reason", "SOMETHING_NEWER"));

        assertThat(wording.summary(text, Language.RO)).isEqualTo("Invitația la sondaj: netrimis — SOMETHING_NEWER");
    }

    private String items(Language language, long count) {
        return wording.summary(EntryText.of(Phrase.ORDER_PLACED).text("order", "#7").count("items", count).amount("total", Money.of("9.00", "USD")),
                language);
    }

    private static Set<String> names(String text) {
        Set<String> names = new HashSet<>();
        Matcher m = NAME.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static Map<Language, Properties> files() {
        Map<Language, Properties> files = new EnumMap<>(Language.class);
        for (Language language : Language.values()) {
            var properties = new Properties();
            try (var in = TimelineWordingTest.class.getResourceAsStream("/io/aftercare/email/messages/" + language.code() + ".properties")) {
                properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            files.put(language, properties);
        }
        return files;
    }
}
