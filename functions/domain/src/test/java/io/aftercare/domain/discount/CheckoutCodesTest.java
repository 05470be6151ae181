package io.aftercare.domain.discount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aftercare.domain.InvalidInput;
import org.junit.jupiter.api.Test;

class CheckoutCodesTest {

    @Test
    void givenCodesWithARepeatAndACaseVariant_whenAdded_thenTheRepeatIsDroppedAndTheVariantIsRefusedNamingBoth() {
        var codes = new CheckoutCodes();

        assertThat(codes.add("Spring-1")).isTrue();
        assertThat(codes.add("Spring-1")).as("a repeat").isFalse();
        assertThat(codes.add("SUMMER-2")).isTrue();
        assertThatThrownBy(() -> codes.add("SPRING-1")).isInstanceOf(InvalidInput.class)
                .hasMessage("SPRING-1 differs only in case from Spring-1: checkouts take them for one code");
        assertThat(codes.codes()).containsExactly("Spring-1", "SUMMER-2");
    }

    @Test
    void givenACodeFoundInThePool_whenCheckedAgainstThoseGiven_thenTheSameCaseIsKnownAnotherIsRefusedAndAnyOtherIsNew() {
        var given = new CheckoutCodes();
        given.add("SPRING-1");

        assertThat(given.contains("SPRING-1")).isTrue();
        assertThat(given.contains("AUTUMN-3")).isFalse();
        assertThatThrownBy(() -> given.contains("Spring-1")).isInstanceOf(InvalidInput.class)
                .hasMessage("SPRING-1 differs only in case from Spring-1: checkouts take them for one code");
        assertThat(CheckoutCodes.checkoutForm("thanks-ab2c")).isEqualTo("THANKS-AB2C");
    }
}
