package io.aftercare.domain.order;

import io.aftercare.domain.Limits;
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
 * @param trimmed what was left out so that the order fits one DynamoDB item; noted on the order's timeline
 */
public record OrderSnapshot(
        OrderId orderId,
        String name,
        Instant placedAt,
        Money total,
        List<OrderLine> lines,
        Optional<CustomerContact> customer,
        Money shopTotal,
        Trimmed trimmed) {

    /** Lines kept (and shown in emails); the total stays exact. An order of thousands of lines is no reason to refuse it. */
    public static final int MAX_LINES = 100;

    /** Lines past {@link #MAX_LINES}, and titles shortened to {@link Limits#TITLE_BYTES}. */
    public record Trimmed(int linesLeftOut, int titlesShortened) {
        public static final Trimmed NONE = new Trimmed(0, 0);

        public boolean isEmpty() {
            return linesLeftOut == 0 && titlesShortened == 0;
        }
    }

    public OrderSnapshot {
        List<OrderLine> kept = lines.size() > MAX_LINES ? lines.subList(0, MAX_LINES) : lines;
        List<OrderLine> shortened = kept.stream()
                .map(l -> new OrderLine(Limits.shortened(l.title(), Limits.TITLE_BYTES), l.quantity(), l.unitPrice())).toList();
        int titles = (int) java.util.stream.IntStream.range(0, kept.size())
                .filter(i -> !kept.get(i).title().equals(shortened.get(i).title())).count();
        trimmed = new Trimmed(trimmed.linesLeftOut() + lines.size() - kept.size(), trimmed.titlesShortened() + titles);
        lines = shortened;
    }

    /** An order paid in the shop's own currency. */
    public OrderSnapshot(OrderId orderId, String name, Instant placedAt, Money total, List<OrderLine> lines, Optional<CustomerContact> customer) {
        this(orderId, name, placedAt, total, lines, customer, total);
    }

    /** As a delivery describes it, before anything is trimmed. */
    public OrderSnapshot(OrderId orderId, String name, Instant placedAt, Money total, List<OrderLine> lines, Optional<CustomerContact> customer,
            Money shopTotal) {
        this(orderId, name, placedAt, total, lines, customer, shopTotal, Trimmed.NONE);
    }
}
