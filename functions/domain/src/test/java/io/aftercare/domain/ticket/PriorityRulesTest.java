package io.aftercare.domain.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.domain.Money;
import io.aftercare.domain.shop.Priority;
import io.aftercare.domain.shop.SupportSettings;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The priority a complaint opens with when it names none: plain values in, a priority out. */
class PriorityRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final SupportSettings HIGH_VALUE_500_PLN = withHighValue(Optional.of(pln("500.00")));
    private static final PriorityRules.Facts NOTHING = new PriorityRules.Facts(Optional.empty(), Optional.empty());

    @Test
    void givenNoRuleApplies_whenRated_thenTheComplaintIsNormal() {
        assertThat(PriorityRules.of(HIGH_VALUE_500_PLN, false, NOTHING, NOW)).isEqualTo(Priority.NORMAL);
    }

    @Test
    void givenAnOrderExactlyAtTheShopsHighValueThreshold_whenRated_thenTheComplaintIsHigh() {
        var facts = new PriorityRules.Facts(Optional.of(pln("500.00")), Optional.empty());

        assertThat(PriorityRules.of(HIGH_VALUE_500_PLN, false, facts, NOW)).isEqualTo(Priority.HIGH);
    }

    @Test
    void givenAnOrderJustBelowTheThreshold_whenRated_thenTheComplaintIsNormal() {
        var facts = new PriorityRules.Facts(Optional.of(pln("499.99")), Optional.empty());

        assertThat(PriorityRules.of(HIGH_VALUE_500_PLN, false, facts, NOW)).isEqualTo(Priority.NORMAL);
    }

    @Test
    void givenALargeTotalInAnotherCurrencyThanTheThresholds_whenRated_thenItIsNotCountedAsHighValue() {
        var facts = new PriorityRules.Facts(Optional.of(new Money(new BigDecimal("9000.00"), "EUR")), Optional.empty());

        assertThat(PriorityRules.of(HIGH_VALUE_500_PLN, false, facts, NOW)).isEqualTo(Priority.NORMAL);
    }

    @Test
    void givenAShopWithoutAHighValueThreshold_whenAnExpensiveOrderIsComplainedAbout_thenTheComplaintIsNormal() {
        var facts = new PriorityRules.Facts(Optional.of(pln("100000.00")), Optional.empty());

        assertThat(PriorityRules.of(withHighValue(Optional.empty()), false, facts, NOW)).isEqualTo(Priority.NORMAL);
    }

    @Test
    void givenAnEarlierComplaintInsideTheRepeatWindow_whenRated_thenTheComplaintIsHighAndOneOutsideItIsNot() {
        var inside = new PriorityRules.Facts(Optional.empty(), Optional.of(NOW.minus(Duration.ofDays(29))));
        var outside = new PriorityRules.Facts(Optional.empty(), Optional.of(NOW.minus(Duration.ofDays(31))));

        assertThat(PriorityRules.of(HIGH_VALUE_500_PLN, false, inside, NOW)).isEqualTo(Priority.HIGH);
        assertThat(PriorityRules.of(HIGH_VALUE_500_PLN, false, outside, NOW)).isEqualTo(Priority.NORMAL);
    }

    @Test
    void givenADeliveryProblem_whenRated_thenTheComplaintIsHigh() {
        assertThat(PriorityRules.of(HIGH_VALUE_500_PLN, true, NOTHING, NOW)).isEqualTo(Priority.HIGH);
    }

    private static Money pln(String amount) {
        return new Money(new BigDecimal(amount), "PLN");
    }

    private static SupportSettings withHighValue(Optional<Money> threshold) {
        return SupportSettings.defaults().withHighValueOrder(threshold);
    }
}
