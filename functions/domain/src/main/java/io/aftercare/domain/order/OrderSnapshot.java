package io.aftercare.domain.order;

import io.aftercare.domain.Money;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The order as one delivery describes it in full. Snapshots replace each other by their source time: an older
 * one never overwrites a newer one.
 *
 * @param name the order's number as the shop shows it to the customer, e.g. {@code #1042}
 * @param total what the customer was charged, in the currency they paid in (emails and the customer's view use it)
 * @param lines the lines at the prices the customer saw
 * @param shopTotal the same total in the shop's own currency, for reports; {@code total} unless the customer paid in another
 */
public record OrderSnapshot(
        OrderId orderId,
        String name,
        Instant placedAt,
        Money total,
        List<OrderLine> lines,
        Optional<CustomerContact> customer,
        Money shopTotal) {

    /** Lines kept (and shown in emails); the total stays exact. An order of thousands of lines is no reason to refuse it. */
    public static final int MAX_LINES = 100;

    public OrderSnapshot {
        lines = List.copyOf(lines.size() > MAX_LINES ? lines.subList(0, MAX_LINES) : lines);
    }

    /** An order paid in the shop's own currency. */
    public OrderSnapshot(OrderId orderId, String name, Instant placedAt, Money total, List<OrderLine> lines, Optional<CustomerContact> customer) {
        this(orderId, name, placedAt, total, lines, customer, total);
    }
}
