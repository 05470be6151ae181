package io.aftercare.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.InvalidInput;
import io.aftercare.domain.Money;
import io.aftercare.domain.email.EmailContent;
import io.aftercare.domain.email.EmailKind;
import io.aftercare.domain.email.EmailRenderer;
import io.aftercare.domain.email.TemplateOverride;
import io.aftercare.domain.email.TicketEmailContent;
import io.aftercare.domain.order.OrderId;
import io.aftercare.domain.order.OrderLine;
import io.aftercare.domain.order.OrderSnapshot;
import io.aftercare.domain.shop.Branding;
import io.aftercare.domain.shop.Language;
import io.aftercare.domain.shop.Platform;
import io.aftercare.domain.shop.ShopSettings;
import io.aftercare.domain.shop.SupportSettings;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MustacheEmailRendererTest {

    private static final ShopSettings SHOP = new ShopSettings(Platform.GENERIC, "Kettle & Co", new EmailAddress("hello@kettle.example"),
            new EmailAddress("help@kettle.example"), Language.EN, ZoneId.of("Europe/Warsaw"), Duration.ofDays(60), Duration.ofDays(7),
            Duration.ofDays(5), Optional.empty(),
            new Branding(Optional.of("https://kettle.example/logo.png"), "#aa3300", Optional.of("Ola from Kettle & Co\nWarsaw")), SupportSettings.defaults());
    private static final OrderSnapshot ORDER = new OrderSnapshot(new OrderId("1"), "#1042", Instant.parse("2026-11-23T23:30:00Z"),
            Money.of("1234.50", "PLN"), List.of(new OrderLine("Kettle <script>alert(1)</script>", 2, Money.of("617.25", "PLN"))), Optional.empty());

    private final MustacheEmailRenderer renderer = new MustacheEmailRenderer();

    @Test
    void givenTextFromCustomersAndPlatforms_whenRendered_thenItIsEscapedInHtmlAndLeftReadableInText() {
        var rendered = render(EmailKind.THANK_YOU, Language.EN, Optional.of("<img src=x onerror=alert(1)> Eve"));

        assertThat(rendered.html()).doesNotContain("<script>", "<img src=x").contains("Kettle &lt;script&gt;", "Kettle &amp; Co");
        assertThat(rendered.text()).contains("Kettle <script>alert(1)</script> x 2");
        assertThat(rendered.subject()).isEqualTo("Thank you for your order #1042");
    }

    @Test
    void givenAPolishCustomer_whenRendered_thenDatesAndMoneyAreWrittenThePolishWayInTheShopsTimeZone() {
        var rendered = render(EmailKind.THANK_YOU, Language.PL, Optional.of("Łukasz Żółć"));

        assertThat(rendered.html().replace('\u00a0', ' ')).contains("Dziękujemy, Łukasz!", "24 listopada 2026", "1 234,50 zł");
    }

    @Test
    void givenTheShopsBranding_whenRendered_thenLogoColourAndSignatureLinesAppear() {
        var rendered = render(EmailKind.SURVEY, Language.RO, Optional.empty());

        assertThat(rendered.html()).contains("https://kettle.example/logo.png", "#aa3300", "Ola from Kettle &amp; Co<br>Warsaw<br>");
        assertThat(rendered.text()).contains("Ola from Kettle & Co\nWarsaw");
        assertThat(rendered.subject()).isEqualTo("Cum a fost comanda #1042?");
    }

    @Test
    void givenEveryPostPurchaseKindInEveryLanguage_whenRendered_thenEachHasASubjectAndBothPartsWithNoPlaceholderLeft() {
        for (EmailKind kind : EmailKind.values()) {
            if (kind.action().forTicket()) {
                continue;
            }
            for (Language language : Language.values()) {
                var rendered = render(kind, language, Optional.of("Ann"));
                assertThat(rendered.subject()).as(kind + " " + language).isNotBlank().doesNotContain("{{");
                assertThat(rendered.html()).as(kind + " " + language).contains("<html lang=\"" + language.code() + "\"").doesNotContain("{{");
                assertThat(rendered.text()).as(kind + " " + language).isNotBlank().doesNotContain("{{");
            }
        }
    }

    @Test
    void givenEveryComplaintEmailInEveryLanguage_whenRendered_thenTheTicketNumberIsInTheSubjectAndNoPlaceholderIsLeft() {
        for (EmailKind kind : EmailKind.values()) {
            if (!kind.action().forTicket()) {
                continue;
            }
            for (Language language : Language.values()) {
                var rendered = renderer.render(new TicketEmailContent(kind, language, SHOP, Optional.of("Ann Lee"), "T-1042", "Lid <scratched>",
                        Optional.of(Instant.parse("2026-11-23T10:00:00Z")), Optional.of("Line one\nLine <two>"), Optional.of("SORRY-AB23CD45"), 15));
                assertThat(rendered.subject()).as(kind + " " + language).contains("T-1042").doesNotContain("{{");
                assertThat(rendered.html()).as(kind + " " + language).doesNotContain("{{", "<scratched>", "<two>");
                assertThat(rendered.text()).as(kind + " " + language).doesNotContain("{{");
            }
        }
    }

    private EmailRenderer.Rendered render(EmailKind kind, Language language, Optional<String> name) {
        return renderer.render(new EmailContent(kind, language, SHOP, name, ORDER, Optional.empty(),
                Optional.of("https://a.example/u/t"), Optional.of("https://a.example/f/t"), List.of(), Optional.empty(), Optional.empty()));
    }

    @Test
    void givenTheShopsOwnTemplate_whenRendered_thenItReplacesSubjectAndBodyButTheLayoutAndUnsubscribeFooterStay() {
        var own = new TemplateOverride(EmailKind.CHECK_IN, Language.EN, "{{name}}, still happy with {{product}}?",
                "<p>Hi {{name}}! Tell us: <a href=\"{{surveyUrl}}\">rate it</a></p>", "Hi {{name}}! Rate it: {{surveyUrl}}");

        var rendered = renderer.render(new EmailContent(EmailKind.CHECK_IN, Language.EN, SHOP, Optional.of("Eve Smith"), ORDER,
                Optional.empty(), Optional.of("https://a.example/u/t"), Optional.of("https://a.example/f/t"), List.of(), Optional.of(own), Optional.empty()));

        assertThat(rendered.subject()).isEqualTo("Eve, still happy with Kettle <script>alert(1)</script>?");
        assertThat(rendered.html()).contains("<p>Hi Eve! Tell us: <a href=\"https://a.example/f/t\">rate it</a></p>",
                "https://a.example/u/t", "https://kettle.example/logo.png");
        assertThat(rendered.text()).contains("Hi Eve! Rate it: https://a.example/f/t", "https://a.example/u/t");
    }

    @Test
    void givenATemplateThatDoesNotParse_whenChecked_thenItIsRefusedNamingThePart() {
        var broken = new TemplateOverride(EmailKind.SURVEY, Language.PL, "ok", "{{#lines}}never closed", "ok");

        assertThatThrownBy(() -> renderer.check(broken)).isInstanceOf(InvalidInput.class).hasMessageContaining("html");
    }
}
