package io.aftercare.domain.order;

import io.aftercare.domain.Money;

/** One line of an order, as the customer saw it. */
public record OrderLine(String title, int quantity, Money unitPrice) {
}
