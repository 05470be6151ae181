package io.aftercare.domain.timeline;

import java.util.Locale;

/** What kind of thing a timeline entry records. */
public enum EntryKind {
    ORDER_PLACED, ORDER_PAID, ORDER_CANCELLED, FULFILMENT_UPDATED, SHIPMENT_UPDATED, ORDER_DELIVERED, ORDER_REFUNDED,
    CUSTOMER_UPDATED, EMAIL_SCHEDULED, EMAIL_SENT, EMAIL_SKIPPED, EMAIL_POSTPONED, EMAIL_FAILED, EMAIL_DELIVERED,
    EMAIL_BOUNCED, EMAIL_COMPLAINED, DISCOUNT_ISSUED, UNSUBSCRIBED, SURVEY_ANSWERED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
