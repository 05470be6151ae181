package io.aftercare.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.aftercare.devkit.HostileTemplates;
import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.InvalidInput;
import io.aftercare.domain.Money;
import io.aftercare.domain.email.EmailContent;
import io.aftercare.domain.email.EmailKind;
import io.aftercare.domain.email.EmailRenderer;
import io.aftercare.domain.email.TemplateOverride;
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
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Comment;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** Shops' own templates against the real renderer: refused when saved, and harmless when a stored one slipped past. */
class ShopTemplatesTest {

    private static final String KETTLE = "Kettle</td><script>x</script>";
    private static final String UNSUBSCRIBE = "https://a.example/u/t";
    private static final ShopSettings SHOP = new ShopSettings(Platform.GENERIC, "Kettle & Co", new EmailAddress("hello@kettle.example"),
            new EmailAddress("help@kettle.example"), Language.EN, ZoneId.of("Europe/Warsaw"), Duration.ofDays(60), Duration.ofDays(7),
            Duration.ofDays(5), Optional.empty(), new Branding(Optional.empty(), "#aa3300", Optional.of("Ola from Kettle & Co")),
            SupportSettings.defaults());
    private static final OrderSnapshot ORDER = new OrderSnapshot(new OrderId("1"), "#1042", Instant.parse("2026-11-23T10:00:00Z"),
            Money.of("20.00", "EUR"), List.of(new OrderLine(KETTLE, 1, Money.of("20.00", "EUR"))), Optional.empty());
    private static final Pattern HIDDEN = Pattern.compile("display\\s*:\\s*none|visibility|opacity|font-size\\s*:\\s*0|position");

    private final MustacheEmailRenderer renderer = new MustacheEmailRenderer();

    @Test
    void givenAnOverrideSentAgain_whenRendered_thenItsThreeTemplatesAreTheOnesCompiledTheFirstTime() {
        var templates = new ShopTemplates();
        var override = new TemplateOverride(EmailKind.THANK_YOU, Language.EN, "Thanks {{name}}", "<p>Hi {{name}}</p>", "Hi {{name}}");
        var first = templates.render(override, Map.of("name", "Ada"));
        var compiledHtml = templates.compiled(true, override.html());

        var again = templates.render(override, Map.of("name", "Bob"));

        assertThat(templates.cachedTemplates()).isEqualTo(3);
        assertThat(templates.compiled(true, override.html())).isSameAs(compiledHtml);
        assertThat(first.html()).isEqualTo("<p>Hi Ada</p>");
        assertThat(again).isEqualTo(new ShopTemplates.Parts("Thanks Bob", "<p>Hi Bob</p>", "Hi Bob"));
    }

    @Test
    void givenMoreShopsOverridesThanTheCacheHolds_whenSent_thenTheCacheStaysBoundedAndKeepsTheOneSentAllAlong() {
        var templates = new ShopTemplates();
        var often = new TemplateOverride(EmailKind.THANK_YOU, Language.EN, "Often {{name}}", "<p>Often</p>", "Often");
        templates.render(often, Map.of());
        var oftenHtml = templates.compiled(true, often.html());

        for (int shop = 0; shop < ShopTemplates.CACHED_TEMPLATES; shop++) {
            templates.render(new TemplateOverride(EmailKind.THANK_YOU, Language.EN, "S" + shop, "<p>H" + shop + "</p>", "T" + shop), Map.of());
            templates.render(often, Map.of());
        }

        assertThat(templates.cachedTemplates()).isEqualTo(ShopTemplates.CACHED_TEMPLATES);
        assertThat(templates.compiled(true, often.html())).isSameAs(oftenHtml);
    }

    @Test
    void givenEveryHostileOverride_whenChecked_thenEachIsRefusedNamingItsFieldAndWhatIsWrong() {
        assertThat(HostileTemplates.counts()).isEqualTo(Map.of(HostileTemplates.Attack.UNESCAPED_TAG, 9, HostileTemplates.Attack.PARTIAL, 6,
                HostileTemplates.Attack.UNKNOWN_VARIABLE, 19, HostileTemplates.Attack.HIDING_MARKUP, 17, HostileTemplates.Attack.ACTIVE_MARKUP, 15));

        assertThat(HostileTemplates.ALL).allSatisfy(hostile -> {
            var refused = catchThrowableOfType(InvalidInput.class, () -> renderer.check(override(hostile)));
            assertThat(refused).as(hostile.source()).isNotNull();
            assertThat(refused.field()).as(hostile.source()).isEqualTo(hostile.field());
            assertThat(refused.getMessage()).as(hostile.source()).contains(hostile.refusal());
        });
    }

    @Test
    void givenEveryHostileOverrideStoredPastTheCheck_whenSent_thenTheSignatureAndUnsubscribeLinkStayVisibleAndNoMarkupGetsThrough() {
        assertThat(HostileTemplates.ALL).allSatisfy(hostile -> {
            // as a check-in, whose footer carries the unsubscribe link
            var rendered = send(new TemplateOverride(EmailKind.CHECK_IN, Language.EN, hostile.subject(), hostile.html(), hostile.text()));
            Document html = Jsoup.parse(rendered.html());

            Element unsubscribe = html.selectFirst("a[href=" + UNSUBSCRIBE + "]");
            Element signature = html.getElementsContainingOwnText("Ola from Kettle & Co").first();
            assertThat(unsubscribe).as(hostile.source()).isNotNull();
            assertThat(signature).as(hostile.source()).isNotNull();
            assertThat(unsubscribe.parents()).as(hostile.source()).noneMatch(ShopTemplatesTest::hides);
            assertThat(signature.parents()).as(hostile.source()).noneMatch(ShopTemplatesTest::hides);
            assertThat(html.getAllElements()).as(hostile.source()).noneMatch(e -> e.attributes().asList().stream()
                    .anyMatch(a -> a.getKey().startsWith("on") || a.getValue().contains("javascript")));
            assertThat(html.select("script, style, iframe, object, svg, form, meta[http-equiv], base, link, template, textarea, "
                    + "noscript, xmp, plaintext, font, details, [hidden], [class]")).as(hostile.source()).isEmpty();
            assertThat(html.getAllElements().stream().flatMap(e -> e.childNodes().stream())).as(hostile.source())
                    .noneMatch(Comment.class::isInstance);
            assertThat(rendered.html()).as(hostile.source()).doesNotContain("<script", "[B@");
            assertThat(rendered.text()).as(hostile.source()).contains("Ola from Kettle & Co", UNSUBSCRIBE);
        });
    }

    @Test
    void givenAStoredOverrideWithUnescapedTags_whenSent_thenTheKettleTitleAndTheNameArriveEscaped() {
        var rendered = send(new TemplateOverride(EmailKind.CHECK_IN, Language.EN, "About {{{product}}}",
                "<p>{{{product}}} for {{& name}}</p>{{#lines}}<p>{{{title}}}</p>{{/lines}}", "{{{product}}}"));

        assertThat(rendered.html()).contains("<p>Kettle&lt;/td&gt;&lt;script&gt;x&lt;/script&gt; for &lt;b&gt;Eve&lt;/b&gt;</p>")
                .doesNotContain("<script>", "<b>Eve");
        assertThat(Jsoup.parse(rendered.html()).select("td:containsOwn(Kettle)")).isEmpty();
        assertThat(rendered.subject()).isEqualTo("About " + KETTLE);
    }

    @Test
    void givenAStoredOverrideReachingForMethodsPartialsAndUndocumentedValues_whenSent_thenEachRendersAsNothing() {
        var rendered = send(new TemplateOverride(EmailKind.CHECK_IN, Language.EN, "Hi{{brand.bytes}}",
                "<p>[{{brand.bytes}}|{{brand.class.name}}|{{>layout}}|{{unsubscribeUrl}}|{{t.footer}}|{{accent}}]</p>", "[{{brand.empty}}]"));

        assertThat(rendered.subject()).isEqualTo("Hi");
        assertThat(rendered.html()).contains("<p>[|||||]</p>");
        assertThat(rendered.text()).startsWith("[]");
    }

    @Test
    void givenAnOverrideUsingEveryDocumentedValueAndTheAllowedMarkup_whenCheckedAndSent_thenItIsAcceptedAndRenderedAsWritten() {
        var own = new TemplateOverride(EmailKind.THANK_YOU, Language.EN, "{{#name}}{{name}}, thanks{{/name}}{{^name}}Thanks{{/name}} for {{order}}",
                """
                <h1>Thank you{{#name}}, {{name}}{{/name}}!</h1>
                <p>Order {{order}} of {{date}}: <strong>{{product}}</strong> and more.</p>
                <table><tbody>{{#lines}}<tr><td>{{title}}</td><td align="right">{{quantity}} &times; {{price}}</td></tr>{{/lines}}</tbody></table>
                <p><em>Total</em> {{total}}</p>
                {{#discount}}<p>{{percent}}% off next time: <b>{{code}}</b></p>{{/discount}}
                <ul><li><a href="mailto:{{replyTo}}">{{replyTo}}</a></li><li><a href="https://kettle.example/care">Care guide</a></li></ul>
                <div><span>{{brand}}</span></div><img src="https://kettle.example/kettle.png" alt="" width="80" height="80"><br><hr>""",
                "Thanks {{name}} for {{order}} ({{total}}){{#discount}}: {{code}}{{/discount}}");

        assertThatCode(() -> renderer.check(own)).doesNotThrowAnyException();
        var rendered = renderer.render(new EmailContent(EmailKind.THANK_YOU, Language.EN, SHOP, Optional.of("Ada Lovelace"), ORDER,
                Optional.of(new EmailContent.IssuedDiscount("THANKS-AB12", 10)), Optional.empty(), Optional.empty(), List.of(), Optional.of(own), Optional.empty()));

        assertThat(rendered.subject()).isEqualTo("Ada, thanks for #1042");
        assertThat(rendered.html()).contains("<h1>Thank you, Ada!</h1>", "<td>Kettle&lt;/td&gt;&lt;script&gt;x&lt;/script&gt;</td>",
                "<p>10% off next time: <b>THANKS-AB12</b></p>", "<a href=\"mailto:help@kettle.example\">help@kettle.example</a>",
                "<img src=\"https://kettle.example/kettle.png\" alt=\"\" width=\"80\" height=\"80\">", "<span>Kettle &amp; Co</span>");
        assertThat(rendered.text()).startsWith("Thanks Ada for #1042 (€20.00): THANKS-AB12");
    }

    @Test
    void givenAnOverrideForATicketEmail_whenChecked_thenTheKindIsRefused() {
        var refused = catchThrowableOfType(InvalidInput.class, () -> renderer.check(new TemplateOverride(EmailKind.TICKET_ACK, Language.EN, "Hi",
                "<p>Hi</p>", "Hi")));

        assertThat(refused.field()).isEqualTo("kind");
    }

    private static boolean hides(Element element) {
        return element.hasAttr("hidden") || HIDDEN.matcher(element.attr("style")).find();
    }

    private static TemplateOverride override(HostileTemplates.Hostile hostile) {
        return new TemplateOverride(EmailKind.fromSlug(hostile.kind()).orElseThrow(), Language.EN, hostile.subject(), hostile.html(), hostile.text());
    }

    private EmailRenderer.Rendered send(TemplateOverride override) {
        return renderer.render(new EmailContent(override.kind(), Language.EN, SHOP, Optional.of("<b>Eve</b> Smith"), ORDER, Optional.empty(),
                Optional.of(UNSUBSCRIBE), Optional.of("https://a.example/f/t"), List.of(), Optional.of(override), Optional.empty()));
    }
}
