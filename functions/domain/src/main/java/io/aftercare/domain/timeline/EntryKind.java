package io.aftercare.domain.timeline;

import java.util.Locale;

/** What kind of thing a timeline entry records. */
public enum EntryKind {
    ORDER_PLACED, ORDER_PAID, ORDER_CANCELLED, FULFILMENT_UPDATED, SHIPMENT_UPDATED, ORDER_DELIVERED, ORDER_REFUNDED,
    CUSTOMER_UPDATED, EMAIL_SCHEDULED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
