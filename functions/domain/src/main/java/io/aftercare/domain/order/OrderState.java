package io.aftercare.domain.order;

import io.aftercare.domain.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An order as Aftercare knows it now: the latest snapshot plus every milestone, refund and return recorded so far.
 * The status is derived, never stored, so facts that arrived out of order still give the right answer.
 */
public record OrderState(
        OrderId orderId,
        Optional<OrderSnapshot> snapshot,
        Map<Milestone, Instant> milestones,
        List<Refund> refunds,
        List<Return> returns,
        Optional<CustomerContact> customer,
        Optional<Instant> sourceTime) {

    public OrderState {
        milestones = milestones.isEmpty() ? Map.of() : new EnumMap<>(milestones);
        refunds = List.copyOf(refunds);
        returns = List.copyOf(returns);
    }

    public Optional<Instant> at(Milestone milestone) {
        return Optional.ofNullable(milestones.get(milestone));
    }

    public boolean has(Milestone milestone) {
        return milestones.containsKey(milestone);
    }

    public BigDecimal refundedAmount() {
        return refunds.stream().map(r -> r.amount().amount()).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /**
     * Where its returns stand, furthest first: a return the goods came back with before one still under way (a declined
     * or cancelled return is neither, and does not count).
     */
    public Optional<ReturnState> returnStanding() {
        return returns.stream().map(r -> ReturnLife.of(r).state()).filter(s -> s.completed() || s.underway())
                .min(Comparator.comparing((ReturnState s) -> !s.completed()));
    }

    public Optional<Money> total() {
        return snapshot.map(OrderSnapshot::total);
    }

    public OrderStatus status() {
        if (has(Milestone.CANCELLED)) {
            return OrderStatus.CANCELLED;
        }
        BigDecimal refunded = refundedAmount();
        if (refunded.signum() > 0) {
            boolean whole = total().map(t -> refunded.compareTo(t.amount()) >= 0).orElse(false);
            return whole ? OrderStatus.REFUNDED : OrderStatus.PARTLY_REFUNDED;
        }
        if (has(Milestone.DELIVERED)) {
            return OrderStatus.DELIVERED;
        }
        if (has(Milestone.FULFILLED)) {
            return OrderStatus.FULFILLED;
        }
        if (has(Milestone.PAID)) {
            return OrderStatus.PAID;
        }
        return OrderStatus.PLACED;
    }
}
