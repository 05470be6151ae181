package io.aftercare.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aftercare.domain.shop.DiscountTemplate;
import io.aftercare.domain.shop.Language;
import io.aftercare.domain.shop.Secret;
import io.aftercare.domain.shop.WebhookSecrets;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ValuesTest {

    @Test
    void givenAProviderTextNamingAddresses_whenMasked_thenEveryAddressIsMaskedAsAddressesAreAndTheRestIsKept() {
        String ses = "Email address is not verified. The following identities failed the check in region EU-WEST-1: "
                + "Staff.Lead@shop.example, <ops+alerts@mail.shop.example>.";

        assertThat(EmailAddress.maskAddressesIn(ses)).isEqualTo("Email address is not verified. The following identities failed the check "
                + "in region EU-WEST-1: S***@shop.example, <o***@mail.shop.example>.");
        assertThat(EmailAddress.maskAddressesIn("Sending paused for this account.")).isEqualTo("Sending paused for this account.");
    }

    @Test
    void givenAnAddressInMixedCase_whenMadeAnEmailAddress_thenItIsTrimmedLowercasedAndMaskedWhenPrinted() {
        var email = new EmailAddress("  Lukasz.Zolc@Example.PL ");

        assertThat(email.value()).isEqualTo("lukasz.zolc@example.pl");
        assertThat(email.toString()).isEqualTo("l***@example.pl").doesNotContain("zolc");
        assertThat(email.hash()).hasSize(32).isEqualTo(new EmailAddress("lukasz.zolc@example.pl").hash());
    }

    @Test
    void givenSomethingThatIsNoAddress_whenMadeAnEmailAddress_thenItIsRefused() {
        assertThat(EmailAddress.isValid("nobody")).isFalse();
        assertThat(EmailAddress.isValid("two@@example.com")).isFalse();
    }

    @Test
    void givenASecret_whenPrinted_thenItsValueDoesNotShow() {
        assertThat(new Secret("a-very-secret-signing-key").toString()).doesNotContain("secret-signing");
    }

    @Test
    void givenARotatedSecret_whenCheckedDuringAndAfterTheOverlap_thenTheOldOneIsAcceptedOnlyDuringIt() {
        Instant now = Instant.parse("2026-11-23T10:00:00Z");
        var old = new Secret("old-secret-0123456789");
        var rotated = WebhookSecrets.of(old).rotateTo(new Secret("new-secret-0123456789"), now, Duration.ofHours(1));

        assertThat(rotated.acceptedAt(now.plusSeconds(3599))).hasSize(2).contains(old);
        assertThat(rotated.acceptedAt(now.plusSeconds(3600))).hasSize(1).doesNotContain(old);
    }

    @Test
    void givenADiscountTemplate_whenACodeIsMade_thenItHasThePrefixAndEightUnambiguousCharacters() {
        String code = new DiscountTemplate("THANKS-", 10).newCode(new Random(7));

        assertThat(code).matches("THANKS-[A-HJ-NP-Z2-9]{8}");
    }

    @Test
    void givenLocalesInTheirUsualSpellings_whenMappedToALanguage_thenTheLanguagePartDecides() {
        assertThat(Language.fromLocale("pl-PL")).contains(Language.PL);
        assertThat(Language.fromLocale("ro_RO")).contains(Language.RO);
        assertThat(Language.fromLocale("RU")).contains(Language.RU);
        assertThat(Language.fromLocale("de-DE")).isEmpty();
    }

    @Test
    void givenAShopIdWithCapitalsOrSlashes_whenMade_thenItIsRefused() {
        assertThatThrownBy(() -> new ShopId("Kettle/House")).isInstanceOf(InvalidInput.class);
        assertThat(new ShopId("kettle-house").value()).isEqualTo("kettle-house");
    }
}
