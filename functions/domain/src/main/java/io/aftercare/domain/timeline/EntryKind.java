package io.aftercare.domain.timeline;

import java.util.Locale;

/** What kind of thing a timeline entry records. */
public enum EntryKind {
    ORDER_PLACED, ORDER_PAID, ORDER_CANCELLED, FULFILMENT_UPDATED, SHIPMENT_UPDATED, ORDER_DELIVERED, ORDER_REFUNDED, RETURN_UPDATED, RETURN_ANOMALY, ORDER_TRIMMED,
    CUSTOMER_UPDATED, EMAIL_SCHEDULED, EMAIL_SENT, EMAIL_SKIPPED, EMAIL_POSTPONED, EMAIL_FAILED, EMAIL_DELIVERED, EMAIL_DELAYED,
    EMAIL_BOUNCED, EMAIL_COMPLAINED, DISCOUNT_ISSUED, DISCOUNT_WITHHELD, DISCOUNT_REDEEMED, UNSUBSCRIBED, SURVEY_ANSWERED,
    TICKET_OPENED, CUSTOMER_WROTE, AGENT_REPLIED, INTERNAL_NOTE, TICKET_UPDATED, SLA_WARNING, SLA_BREACHED, ESCALATED,
    CASE_OPENED, CASE_CLOSED, MAIL_RECEIVED, SIGNED_IN, MEMBER_CHANGED, TOKEN_CHANGED, SETTINGS_CHANGED,
    PRIVACY_REQUESTED, PRIVACY_DONE;

    /**
     * A plan, not something that happened: an email scheduled. It stays on its subject's timeline; the customer's tells
     * what happened to them, where the email appears once it is sent, skipped or failed.
     */
    public boolean plan() {
        return this == EMAIL_SCHEDULED;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
