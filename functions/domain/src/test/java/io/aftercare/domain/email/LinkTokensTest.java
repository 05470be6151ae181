package io.aftercare.domain.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.shop.Language;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinkTokensTest {

    private final LinkTokens tokens = new LinkTokens("a-link-signing-key-of-32-bytes-or-more".getBytes(StandardCharsets.UTF_8));
    private final PublicLinks links = new PublicLinks(() -> URI.create("https://aftercare.example/"), tokens);

    @Test
    void givenAnUnsubscribeLink_whenReadBack_thenItNamesTheShopTheAddressHashTheCategoryAndTheLanguageButNotTheAddress() {
        var email = new EmailAddress("ola@example.pl");
        String url = links.unsubscribeUrl(new ShopId("kettle-house"), email, EmailCategory.SURVEYS, Language.PL);

        assertThat(url).startsWith("https://aftercare.example/u/").doesNotContain("ola");
        assertThat(links.unsubscribe(url.substring(url.lastIndexOf('/') + 1))).contains(
                new PublicLinks.Unsubscribe(new ShopId("kettle-house"), email.hash(), EmailCategory.SURVEYS, Language.PL));
    }

    @Test
    void givenATokenWithAnyCharacterChanged_whenVerified_thenItIsRejected() {
        String token = tokens.sign(LinkTokens.Purpose.UNSUBSCRIBE, List.of("kettle-house", "abc", "surveys", "pl"));
        for (int i = 0; i < token.length(); i++) {
            char changed = token.charAt(i) == 'A' ? 'B' : 'A';
            String altered = token.substring(0, i) + changed + token.substring(i + 1);
            assertThat(tokens.verify(LinkTokens.Purpose.UNSUBSCRIBE, altered)).as("changed at " + i).isEmpty();
        }
    }

    @Test
    void givenASurveyToken_whenUsedToUnsubscribe_thenItIsRejected() {
        String survey = tokens.sign(LinkTokens.Purpose.SURVEY, List.of("kettle-house", "1042", "abc", "pl"));

        assertThat(tokens.verify(LinkTokens.Purpose.UNSUBSCRIBE, survey)).isEmpty();
        assertThat(tokens.verify(LinkTokens.Purpose.SURVEY, survey)).isPresent();
    }

    @Test
    void givenATokenSignedWithAnotherKey_whenVerified_thenItIsRejected() {
        var other = new LinkTokens("another-link-signing-key-of-32-bytes".getBytes(StandardCharsets.UTF_8));

        assertThat(tokens.verify(LinkTokens.Purpose.SURVEY, other.sign(LinkTokens.Purpose.SURVEY, List.of("a")))).isEmpty();
    }

    @Test
    void givenAnActionIdWithCharactersSesTagsRefuse_whenEncoded_thenOnlyAllowedCharactersRemainAndItDecodesBack() {
        String encoded = SesTags.encode("check-in#ORD.1042:a_b");

        assertThat(encoded).matches("[A-Za-z0-9_-]+");
        assertThat(SesTags.decode(encoded)).isEqualTo("check-in#ORD.1042:a_b");
        assertThat(SesTags.decode("thank-you#7300000000001")).isEqualTo("thank-you#7300000000001");
    }
}
