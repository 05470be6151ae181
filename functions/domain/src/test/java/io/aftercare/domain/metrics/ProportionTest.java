package io.aftercare.domain.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Against the worked examples of Newcombe (1998), "Interval estimation for the difference between independent proportions". */
class ProportionTest {

    @Test
    void wilsonsIntervalOfEightInTenIsNewcombesWorkedOne() {
        var p = Proportion.of(8, 10);
        assertThat(p.low()).isCloseTo(0.4902, within(0.0001));
        assertThat(p.high()).isCloseTo(0.9433, within(0.0001));
    }

    @Test
    void newcombesIntervalOfFiftySixInSeventyAgainstFortyEightInEightyIsHisWorkedOne() {
        var d = Proportion.of(56, 70).minus(Proportion.of(48, 80));
        assertThat(d.value()).isCloseTo(0.2, within(0.0001));
        assertThat(d.low()).isCloseTo(0.0524, within(0.0001));
        assertThat(d.high()).isCloseTo(0.3339, within(0.0001));
        assertThat(d.clear()).isTrue();
    }

    @Test
    void noneOfNoneIsNoShareAtAll() {
        assertThatThrownBy(() -> Proportion.of(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
