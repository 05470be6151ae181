package io.aftercare.domain.customer;

import io.aftercare.domain.Money;
import io.aftercare.domain.order.CustomerContact;
import io.aftercare.domain.order.Milestone;
import io.aftercare.domain.order.OrderId;
import io.aftercare.domain.order.OrderState;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A customer as the shop's agents see them.
 *
 * @param totalSpent one sum per currency the customer paid in (order totals, before refunds)
 * @param orders their orders, newest first
 * @param tickets their tickets, newest first
 * @param surveys the surveys sent to them, the latest sent first
 */
public record CustomerSummary(
        CustomerContact contact,
        int orderCount,
        Optional<Instant> firstOrderAt,
        Optional<Instant> lastOrderAt,
        List<Money> totalSpent,
        List<OrderId> orders,
        List<CustomerTicket> tickets,
        List<CustomerSurvey> surveys) {

    /** The most orders the customer's panel shows (and sums the lifetime spend of). */
    public static final int PANEL_ORDERS = 50;

    public CustomerSummary {
        totalSpent = List.copyOf(totalSpent);
        orders = List.copyOf(orders);
        tickets = List.copyOf(tickets);
        surveys = List.copyOf(surveys);
    }

    /** What the customer kept paying, per currency: the orders' totals less their refunds; cancelled orders count nothing. */
    public static List<Money> lifetimeSpend(List<OrderState> orders) {
        Map<String, BigDecimal> spend = new TreeMap<>();
        for (OrderState order : orders) {
            if (!order.has(Milestone.CANCELLED)) {
                order.total().ifPresent(total -> spend.merge(total.currency(), total.amount().subtract(order.refundedAmount()), BigDecimal::add));
            }
        }
        return spend.entrySet().stream().map(e -> new Money(e.getValue(), e.getKey())).toList();
    }
}
