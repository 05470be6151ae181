package io.aftercare.domain.order;

/** Where a return is kept: its order, and its id there. */
public record ReturnLocation(OrderId order, String returnId) {
}
