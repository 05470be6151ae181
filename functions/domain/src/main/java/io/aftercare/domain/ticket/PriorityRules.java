package io.aftercare.domain.ticket;

import io.aftercare.domain.Money;
import io.aftercare.domain.shop.Priority;
import io.aftercare.domain.shop.SupportSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The priority of a complaint that names none: high for an order at or above the shop's high-value threshold, a
 * repeat complaint within the shop's window, or a delivery problem; else normal.
 */
final class PriorityRules {

    /**
     * What the rules look at, read by the caller.
     *
     * @param orderShopTotal the complained-about order's total in the shop's currency, if there is one
     * @param lastComplaintAt when the customer complained before, if ever
     */
    record Facts(Optional<Money> orderShopTotal, Optional<Instant> lastComplaintAt) {
    }

    private PriorityRules() {
    }

    static Priority of(SupportSettings support, boolean deliveryProblem, Facts facts, Instant now) {
        // the threshold is in the shop's money, whatever the customer paid in
        boolean highValue = support.highValueOrder().flatMap(threshold -> facts.orderShopTotal()
                .filter(total -> total.currency().equals(threshold.currency()))
                .map(total -> total.amount().compareTo(threshold.amount()) >= 0)).orElse(false);
        boolean repeat = facts.lastComplaintAt().map(last -> last.isAfter(now.minus(Duration.ofDays(support.repeatWithinDays())))).orElse(false);
        return highValue || repeat || deliveryProblem ? Priority.HIGH : Priority.NORMAL;
    }
}
