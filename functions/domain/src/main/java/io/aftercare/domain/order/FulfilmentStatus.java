package io.aftercare.domain.order;

import java.util.Locale;

/** Where a fulfilment (a shipment of some of an order's lines) stands. Only {@code SHIPPED} means it left the warehouse. */
public enum FulfilmentStatus {
    PENDING, OPEN, SHIPPED, CANCELLED, FAILED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
