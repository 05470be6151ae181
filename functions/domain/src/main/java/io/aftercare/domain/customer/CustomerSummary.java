package io.aftercare.domain.customer;

import io.aftercare.domain.Money;
import io.aftercare.domain.order.CustomerContact;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A customer as the shop's agents see them.
 *
 * @param totalSpent one sum per currency the customer paid in (order totals, before refunds)
 */
public record CustomerSummary(
        CustomerContact contact,
        int orderCount,
        Optional<Instant> firstOrderAt,
        Optional<Instant> lastOrderAt,
        List<Money> totalSpent) {
}
