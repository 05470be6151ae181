package io.aftercare.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.metrics.WeeklySummary;
import io.aftercare.domain.shop.Branding;
import io.aftercare.domain.shop.Language;
import io.aftercare.domain.shop.Platform;
import io.aftercare.domain.shop.ShopSettings;
import io.aftercare.domain.shop.SupportSettings;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WeeklySummaryEmailTest {

    private static final ShopSettings SHOP = new ShopSettings(Platform.GENERIC, "Kettle <script>alert(1)</script> & Co",
            new EmailAddress("hello@kettle.example"), new EmailAddress("help@kettle.example"), Language.EN, ZoneId.of("Europe/Warsaw"),
            Duration.ofDays(60), Duration.ofDays(7), Duration.ofDays(5), Optional.empty(), Branding.DEFAULT, SupportSettings.defaults());
    private static final WeeklySummary NOTHING = WeeklySummary.of(LocalDate.of(2026, 11, 30), Map.of());

    private final MustacheEmailRenderer renderer = new MustacheEmailRenderer();

    @Test
    void theShopsNameIsEscapedInTheHtmlPartAndPlainInTheTextPart() {
        var email = renderer.render(NOTHING, SHOP, Language.EN, URI.create("https://aftercare.example/console/metrics"));

        assertThat(email.html()).doesNotContain("<script>").contains("Kettle &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co");
        assertThat(email.text()).contains("Kettle <script>alert(1)</script> & Co: the week of November 30, 2026 – December 6, 2026");
        assertThat(email.html()).contains("href=\"https://aftercare.example/console/metrics\"");
        // a staff email: not the customers' footer
        assertThat(email.text()).contains("as an owner or manager of").doesNotContain("because you ordered");
    }

    @Test
    void everyLanguageWordsEveryFigureAndSaysNotApplicableWithoutNaN() {
        for (Language language : Language.values()) {
            var email = renderer.render(NOTHING, SHOP, language, URI.create("https://aftercare.example/console/metrics"));
            long lines = email.text().lines().filter(line -> line.contains(" | ")).count();
            assertThat(lines).as(language.code()).isEqualTo(NOTHING.rows().size());
            assertThat(email.text() + email.html()).as(language.code()).doesNotContain("NaN").doesNotContain("∞").doesNotContain("{{");
        }
    }
}
