package io.aftercare.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.devkit.DynamoDbExtension;
import io.aftercare.devkit.SesEmulatorExtension;
import io.aftercare.devkit.SesMailbox;
import io.aftercare.devkit.TestTable;
import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.email.EmailCategory;
import io.aftercare.domain.email.LinkTokens;
import io.aftercare.domain.email.PublicLinks;
import io.aftercare.domain.order.OrderId;
import io.aftercare.domain.shop.Language;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith({DynamoDbExtension.class, SesEmulatorExtension.class})
class CustomerPagesTest {

    private static final EmailAddress ANNA = new EmailAddress("anna@example.com");
    private static final PublicLinks LINKS = new PublicLinks(() -> URI.create(Harness.PUBLIC_URL),
            new LinkTokens(Harness.LINK_KEY.getBytes(StandardCharsets.UTF_8)));
    private static Harness aftercare;

    @BeforeAll
    static void start(TestTable table, SesMailbox ses) {
        aftercare = new Harness(table, Instant.parse("2026-11-23T10:00:00Z"), ses);
        aftercare.registerShop("pages-shop", "generic");
    }

    @Test
    void givenAnUnsubscribeLink_whenOpened_thenARussianConfirmationPageAsksFirstAndChangesNothingYet() {
        int items = aftercare.table.itemCount();

        var page = aftercare.customerPage("GET /u/{token}", token(EmailCategory.SURVEYS, Language.RU), "");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("lang=\"ru\"", "Больше не присылать приглашения к опросам от Kettle House?", "method=\"post\"")
                .doesNotContain(ANNA.hash(), ANNA.value());
        assertThat(aftercare.table.itemCount()).isEqualTo(items);
    }

    @Test
    void givenTheUnsubscribeEverythingButton_whenPressed_thenTheCustomerLeavesEveryCategory() {
        var page = aftercare.customerPage("POST /u/{token}", token(EmailCategory.FOLLOW_UPS, Language.EN), "", Map.of("scope", "all"));

        assertThat(page.status()).isEqualTo(200);
        assertThat(aftercare.app.customerLinks().unsubscribeLink(token(EmailCategory.FOLLOW_UPS, Language.EN))).isPresent();
        assertThat(aftercare.agent("GET /api/shops/{shop}/customers/{email}/timeline", Map.of("shop", "pages-shop", "email", ANNA.value()),
                Map.of("lang", "en")).body()).contains("Unsubscribed from all follow-up emails");
    }

    @Test
    void givenAnUnsubscribeLinkFromAnEmailSentBeforeLinksWereSealed_whenPressed_thenTheCustomerIsUnsubscribedWithoutTheHashOnThePage() {
        // Minted by the code before tokens were sealed, with the harness's link key: anna@example.com, follow-ups, English.
        String signed = "cGFnZXMtc2hvcHxmN2Q1NGMyMmRkYTViMTc4MDI3NjYwMWNkMDA1OTA5Ynxmb2xsb3ctdXBzfGVu.k1auwjmPXGynaOgZ7R0xiEWviyswrpn4stH7f91HRKU";

        var page = aftercare.customerPage("POST /u/{token}", signed, "");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).doesNotContain(ANNA.hash());
        assertThat(aftercare.agent("GET /api/shops/{shop}/customers/{email}/timeline", Map.of("shop", "pages-shop", "email", ANNA.value()),
                Map.of("lang", "en")).body()).contains("Unsubscribed from follow-ups");
    }

    @Test
    void givenAnAlteredUnsubscribeLink_whenPressed_thenA400PageAndNothingIsWritten() {
        String token = token(EmailCategory.FOLLOW_UPS, Language.EN);
        String altered = token.substring(0, 20) + (token.charAt(20) == 'A' ? 'B' : 'A') + token.substring(21);
        int items = aftercare.table.itemCount();

        var page = aftercare.customerPage("POST /u/{token}", altered, "", Map.of("scope", "all"));

        assertThat(page.status()).isEqualTo(400);
        assertThat(aftercare.table.itemCount()).isEqualTo(items);
    }

    @Test
    void givenASurveyLink_whenTheCustomerAnswersNine_thenTheOrdersTimelineRecordsAPromoter() {
        String token = LINKS.surveyUrl(new ShopId("pages-shop"), new OrderId("S-1"), ANNA, Language.PL).replaceFirst(".*/f/", "");

        var question = aftercare.customerPage("GET /f/{token}", token, "");
        var thanks = aftercare.customerPage("POST /f/{token}", token, "score=9");

        assertThat(question.body()).contains("Na ile prawdopodobne jest, że polecisz Kettle House znajomym?", "value=\"10\"")
                .doesNotContain(ANNA.hash());
        assertThat(thanks.status()).isEqualTo(200);
        assertThat(thanks.body()).contains("Dziękujemy!");
        assertThat(aftercare.orderTimeline("pages-shop", "S-1").path("items").get(0).path("summary").asText())
                .isEqualTo("Survey answered: 9/10 NPS (promoter)");
    }

    @Test
    void givenAScoreOutsideZeroToTen_whenPosted_thenA400AndNothingIsRecorded() {
        String token = LINKS.surveyUrl(new ShopId("pages-shop"), new OrderId("S-2"), ANNA, Language.EN).replaceFirst(".*/f/", "");
        int items = aftercare.table.itemCount();

        assertThat(aftercare.customerPage("POST /f/{token}", token, "score=11").status()).isEqualTo(400);
        assertThat(aftercare.customerPage("POST /f/{token}", token, "score=abc").status()).isEqualTo(400);
        assertThat(aftercare.table.itemCount()).isEqualTo(items);
    }

    private static String token(EmailCategory category, Language language) {
        return LINKS.unsubscribeToken(new PublicLinks.Unsubscribe(new ShopId("pages-shop"), ANNA.hash(), category, language));
    }
}
