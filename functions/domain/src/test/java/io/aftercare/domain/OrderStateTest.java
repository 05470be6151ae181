package io.aftercare.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.domain.order.Milestone;
import io.aftercare.domain.order.OrderId;
import io.aftercare.domain.order.OrderSnapshot;
import io.aftercare.domain.order.OrderState;
import io.aftercare.domain.order.OrderStatus;
import io.aftercare.domain.order.Refund;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OrderStateTest {

    private static final Instant T = Instant.parse("2026-11-01T00:00:00Z");

    @Test
    void givenMilestonesOnly_whenAskedForTheStatus_thenTheLatestStageOfTheOrderWins() {
        assertThat(state(Map.of(Milestone.PLACED, T), List.of()).status()).isEqualTo(OrderStatus.PLACED);
        assertThat(state(Map.of(Milestone.PLACED, T, Milestone.PAID, T), List.of()).status()).isEqualTo(OrderStatus.PAID);
        assertThat(state(Map.of(Milestone.PAID, T, Milestone.FULFILLED, T), List.of()).status()).isEqualTo(OrderStatus.FULFILLED);
        assertThat(state(Map.of(Milestone.FULFILLED, T, Milestone.DELIVERED, T), List.of()).status()).isEqualTo(OrderStatus.DELIVERED);
    }

    @Test
    void givenRefunds_whenAskedForTheStatus_thenPartOrAllOfTheTotalDecidesPartlyOrFullyRefunded() {
        assertThat(state(Map.of(Milestone.DELIVERED, T), List.of(refund("10.00"))).status()).isEqualTo(OrderStatus.PARTLY_REFUNDED);
        assertThat(state(Map.of(Milestone.DELIVERED, T), List.of(refund("60.00"), refund("40.00"))).status()).isEqualTo(OrderStatus.REFUNDED);
    }

    @Test
    void givenACancellation_whenAskedForTheStatus_thenCancelledWinsOverEverything() {
        assertThat(state(Map.of(Milestone.PAID, T, Milestone.CANCELLED, T), List.of(refund("100.00"))).status()).isEqualTo(OrderStatus.CANCELLED);
    }

    private static Refund refund(String amount) {
        return new Refund("r" + amount, Money.of(amount, "EUR"), T);
    }

    private static OrderState state(Map<Milestone, Instant> milestones, List<Refund> refunds) {
        var snapshot = new OrderSnapshot(new OrderId("1"), "#1", T, Money.of("100.00", "EUR"), List.of(), Optional.empty());
        return new OrderState(new OrderId("1"), Optional.of(snapshot), milestones, refunds, List.of(), Optional.empty(), Optional.empty());
    }
}
