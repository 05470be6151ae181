package io.aftercare.domain.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.InvalidInput;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.order.OrderId;
import io.aftercare.domain.timeline.Subject;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ReplyTokensTest {

    private final ReplyTokens tokens = new ReplyTokens(new LinkTokens("a-link-signing-key-of-32-bytes-or-more".getBytes(StandardCharsets.UTF_8)));
    private final InboundDomain domain = new InboundDomain("inbound.aftercare.example");
    private final ShopId kettle = new ShopId("kettle-house");
    private final Subject ticket = new Subject(Subject.Type.TICKET, "t-abcdefghjk");

    @Test
    void givenTheLongestShopId_whenItsReplyAddressIsMade_thenTheLocalPartFitsSixtyFourOctetsAndIsLowerCase() {
        ShopId longest = new ShopId("a".repeat(40));
        EmailAddress address = domain.replyAddress(longest, tokens.code(longest, Subject.order(new OrderId("A".repeat(64)))));

        String local = address.value().substring(0, address.value().indexOf('@'));
        assertThat(local.getBytes(StandardCharsets.US_ASCII)).hasSizeLessThanOrEqualTo(64);
        assertThat(local).isEqualTo(local.toLowerCase(Locale.ROOT));
    }

    @Test
    void givenAReplyAddress_whenAMailSystemUpperCasesIt_thenItStillNamesTheSameShopAndCode() {
        String code = tokens.code(kettle, ticket);
        EmailAddress shouted = new EmailAddress(domain.replyAddress(kettle, code).value().toUpperCase(Locale.ROOT));

        assertThat(domain.recipient(shouted)).contains(new InboundDomain.ReplyAddress(kettle, code));
        assertThat(tokens.names(code, kettle, ticket)).isTrue();
    }

    @Test
    void givenATicketsCode_whenReadAsAnOrdersOrAnotherShopsOrAnotherTicketsCode_thenItNamesNoneOfThem() {
        String code = tokens.code(kettle, ticket);

        assertThat(tokens.names(code, kettle, Subject.order(new OrderId("t-abcdefghjk")))).isFalse();
        assertThat(tokens.names(code, new ShopId("tea-house"), ticket)).isFalse();
        assertThat(tokens.names(code, kettle, new Subject(Subject.Type.TICKET, "t-abcdefghjm"))).isFalse();
    }

    @Property(tries = 200)
    void givenACode_whenAnyOneCharacterIsChanged_thenItNoLongerNamesItsTicket(@ForAll @IntRange(min = 0, max = 15) int at,
                                                                               @ForAll @IntRange(min = 1, max = 31) int shift) {
        String code = tokens.code(kettle, ticket);
        String alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        char changed = alphabet.charAt((alphabet.indexOf(code.charAt(at)) + shift) % 32);
        String tampered = code.substring(0, at) + changed + code.substring(at + 1);

        assertThat(tokens.names(tampered, kettle, ticket)).isFalse();
    }

    @Test
    void givenAddressesOfTheDomain_whenRead_thenShopAddressesAndReplyAddressesAreToldApartAndOthersAreNotTheirs() {
        assertThat(domain.recipient(new EmailAddress("kettle-house@inbound.aftercare.example"))).contains(new InboundDomain.ShopAddress(kettle));
        assertThat(domain.recipient(new EmailAddress("kettle-house@elsewhere.example"))).isEmpty();
        assertThat(domain.recipient(new EmailAddress("reply+kettle-house.short@inbound.aftercare.example"))).isEmpty();
        assertThat(domain.recipient(new EmailAddress("reply+no_such.aaaaaaaaaaaaaaaa@inbound.aftercare.example"))).isEmpty();
        assertThat(domain.recipient(new EmailAddress("x@inbound.aftercare.example"))).isEmpty();
    }

    @Test
    void givenSesStampedIds_whenReadAsThreadIds_thenTheSendEmailIdIsTakenFromAnyRegionAndOtherIdsAreNot() {
        assertThat(Threading.sesMessageId("010f01938f4e-000000@eu-west-1.amazonses.com")).contains("010f01938f4e-000000");
        assertThat(Threading.sesMessageId("0100018c-000000@email.amazonses.com")).contains("0100018c-000000");
        assertThat(Threading.sesMessageId("CAJ1x=abc@mail.gmail.com")).isEqualTo(Optional.empty());
        assertThat(Threading.sesMessageId("abc@evil-amazonses.com")).isEmpty();
    }

    @Test
    void givenSomethingThatIsNotADomain_whenConfigured_thenItIsRefused() {
        assertThatThrownBy(() -> new InboundDomain("not a domain")).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new InboundDomain("localhost")).isInstanceOf(InvalidInput.class);
    }
}
