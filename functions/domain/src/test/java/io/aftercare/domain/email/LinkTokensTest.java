package io.aftercare.domain.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.order.OrderId;
import io.aftercare.domain.shop.Language;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinkTokensTest {

    private final LinkTokens tokens = new LinkTokens("a-link-signing-key-of-32-bytes-or-more".getBytes(StandardCharsets.UTF_8));
    private final PublicLinks links = new PublicLinks(() -> URI.create("https://aftercare.example/"), tokens);

    /** Minted by the code before tokens were sealed, with this test's key: what emails already sent carry. */
    private static final String SIGNED_UNSUBSCRIBE = "a2V0dGxlLWhvdXNlfDA5MGVlZWZjMjRjMjk0YTA0OGVkNjhjMWJlYTRiNWFifHN1cnZleXN8cGw"
            + ".OMjOh6CZFUjYLFXe6pU3hl-CxGa7GZKJtmwhvXJ0omM";
    private static final String SIGNED_SURVEY = "a2V0dGxlLWhvdXNlfDEwNDJ8MDkwZWVlZmMyNGMyOTRhMDQ4ZWQ2OGMxYmVhNGI1YWJ8cGw"
            + ".7xIRu_0bOW3kbekMHhL3ARtZ2w8pCdhkqdkEAIWd_AM";

    private final EmailAddress ola = new EmailAddress("ola@example.pl");

    @Test
    void givenAnUnsubscribeLink_whenReadBack_thenItNamesTheShopTheAddressHashTheCategoryAndTheLanguage() {
        String url = links.unsubscribeUrl(new ShopId("kettle-house"), ola, EmailCategory.SURVEYS, Language.PL);

        assertThat(url).startsWith("https://aftercare.example/u/");
        assertThat(links.unsubscribe(token(url))).contains(
                new PublicLinks.Unsubscribe(new ShopId("kettle-house"), ola.hash(), EmailCategory.SURVEYS, Language.PL));
    }

    @Test
    void givenNewLinks_whenTheirBytesAreSearched_thenNeitherTheAddressNorAnyFormOfItsSha256IsInThem() throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(ola.value().getBytes(StandardCharsets.UTF_8));
        List<byte[]> revealing = List.of(ola.value().getBytes(StandardCharsets.UTF_8), ola.hash().getBytes(StandardCharsets.UTF_8),
                HexFormat.of().formatHex(digest).getBytes(StandardCharsets.UTF_8), digest, Arrays.copyOf(digest, 16), Arrays.copyOf(digest, 8));
        List<String> tokens = List.of(token(links.unsubscribeUrl(new ShopId("kettle-house"), ola, EmailCategory.SURVEYS, Language.PL)),
                token(links.surveyUrl(new ShopId("kettle-house"), new OrderId("1042"), ola, Language.PL)));

        for (String token : tokens) {
            byte[] bytes = Base64.getUrlDecoder().decode(token);
            assertThat(token).doesNotContain("ola", ola.hash(), ola.hash().substring(0, 8), Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
            for (byte[] secret : revealing) {
                assertThat(indexOf(bytes, secret)).as("%s in %s", HexFormat.of().formatHex(secret), token).isEqualTo(-1);
            }
        }
    }

    @Test
    void givenTwoLinksForTheSameCustomer_whenCompared_thenTheyShareNothingAGuessCouldBeCheckedAgainst() {
        var shop = new ShopId("kettle-house");
        byte[] first = Base64.getUrlDecoder().decode(token(links.unsubscribeUrl(shop, ola, EmailCategory.SURVEYS, Language.PL)));
        byte[] second = Base64.getUrlDecoder().decode(token(links.unsubscribeUrl(shop, ola, EmailCategory.SURVEYS, Language.PL)));
        byte[] someoneElse = Base64.getUrlDecoder().decode(token(links.unsubscribeUrl(shop, new EmailAddress("ala@example.pl"),
                EmailCategory.SURVEYS, Language.PL)));

        assertThat(second).hasSameSizeAs(first).hasSameSizeAs(someoneElse);
        int same = 0;
        for (int i = 1; i < first.length; i++) {
            same += first[i] == second[i] ? 1 : 0;
        }
        // Past the version byte, equal bytes come only by chance (1 in 256 each): a token made from a guess cannot match one.
        assertThat(same).isLessThan(6);
    }

    @Test
    void givenATokenWithAnyCharacterChanged_whenOpened_thenItIsRejected() {
        String token = tokens.seal(LinkTokens.Purpose.UNSUBSCRIBE, List.of("kettle-house", "abc", "surveys", "pl"));
        for (int i = 0; i < token.length(); i++) {
            char changed = token.charAt(i) == 'A' ? 'B' : 'A';
            String altered = token.substring(0, i) + changed + token.substring(i + 1);
            assertThat(tokens.open(LinkTokens.Purpose.UNSUBSCRIBE, altered)).as("changed at " + i).isEmpty();
        }
        assertThat(tokens.open(LinkTokens.Purpose.UNSUBSCRIBE, token.substring(0, token.length() - 1))).isEmpty();
        assertThat(tokens.open(LinkTokens.Purpose.UNSUBSCRIBE, token + "A")).isEmpty();
        assertThat(tokens.open(LinkTokens.Purpose.UNSUBSCRIBE, token)).contains(List.of("kettle-house", "abc", "surveys", "pl"));
    }

    @Test
    void givenASurveyToken_whenUsedToUnsubscribe_thenItIsRejected() {
        String survey = tokens.seal(LinkTokens.Purpose.SURVEY, List.of("kettle-house", "1042", "abc", "pl"));

        assertThat(tokens.open(LinkTokens.Purpose.UNSUBSCRIBE, survey)).isEmpty();
        assertThat(tokens.open(LinkTokens.Purpose.SURVEY, survey)).isPresent();
        assertThat(tokens.open(LinkTokens.Purpose.UNSUBSCRIBE, SIGNED_SURVEY)).isEmpty();
    }

    @Test
    void givenATokenSealedWithAnotherKey_whenOpened_thenItIsRejected() {
        var other = new LinkTokens("another-link-signing-key-of-32-bytes".getBytes(StandardCharsets.UTF_8));

        assertThat(tokens.open(LinkTokens.Purpose.SURVEY, other.seal(LinkTokens.Purpose.SURVEY, List.of("a")))).isEmpty();
        assertThat(other.open(LinkTokens.Purpose.UNSUBSCRIBE, SIGNED_UNSUBSCRIBE)).isEmpty();
    }

    @Test
    void givenLinksFromEmailsSentBeforeTokensWereSealed_whenRead_thenTheyStillWork() {
        assertThat(links.unsubscribe(SIGNED_UNSUBSCRIBE)).contains(
                new PublicLinks.Unsubscribe(new ShopId("kettle-house"), ola.hash(), EmailCategory.SURVEYS, Language.PL));
        assertThat(links.survey(SIGNED_SURVEY)).contains(new PublicLinks.Survey(new ShopId("kettle-house"), new OrderId("1042"), ola.hash(), Language.PL));
    }

    @Test
    void givenAnOldFormatTokenWithAnyCharacterChanged_whenRead_thenItIsRejected() {
        for (int i = 0; i < SIGNED_UNSUBSCRIBE.length(); i++) {
            char changed = SIGNED_UNSUBSCRIBE.charAt(i) == 'A' ? 'B' : 'A';
            String altered = SIGNED_UNSUBSCRIBE.substring(0, i) + changed + SIGNED_UNSUBSCRIBE.substring(i + 1);
            assertThat(links.unsubscribe(altered)).as("changed at " + i).isEmpty();
        }
    }

    @Test
    void givenTheLongestLinksOfARealShop_whenMade_thenTheyStayShortAndUrlSafe() {
        var shop = new ShopId("herbaciarnia-zolw-i-przyjaciele");
        String unsubscribe = token(links.unsubscribeUrl(shop, ola, EmailCategory.FOLLOW_UPS, Language.PL));
        String survey = token(links.surveyUrl(shop, new OrderId("7300000000001"), ola, Language.PL));

        // Measured for kettle-house (12 characters): unsubscribe 119 signed, 114 sealed; survey (order 1042) 115 signed, 110 sealed.
        assertThat(token(links.unsubscribeUrl(new ShopId("kettle-house"), ola, EmailCategory.SURVEYS, Language.PL))).hasSize(114);
        assertThat(unsubscribe).matches("[A-Za-z0-9_-]+").hasSizeLessThan(150);
        assertThat(survey).matches("[A-Za-z0-9_-]+").hasSizeLessThan(150);
    }

    private static String token(String url) {
        return url.substring(url.lastIndexOf('/') + 1);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }
}
