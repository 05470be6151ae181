package io.aftercare.domain.action;

import io.aftercare.domain.email.EmailCategory;

/** What a due action does when its time comes. */
public enum ActionKind {
    THANK_YOU("thank-you", EmailCategory.TRANSACTIONAL),
    CHECK_IN("check-in", EmailCategory.FOLLOW_UPS),
    SURVEY("survey", EmailCategory.SURVEYS),
    TICKET_ACK("ticket-ack", EmailCategory.TRANSACTIONAL),
    SLA_WARNING("sla-warning", EmailCategory.TRANSACTIONAL),
    SLA_BREACH("sla-breach", EmailCategory.TRANSACTIONAL),
    ESCALATION("escalation", EmailCategory.TRANSACTIONAL),
    GOODWILL("goodwill", EmailCategory.TRANSACTIONAL),
    TICKET_REPLY("ticket-reply", EmailCategory.TRANSACTIONAL);

    private final String slug;
    private final EmailCategory category;

    ActionKind(String slug, EmailCategory category) {
        this.slug = slug;
        this.category = category;
    }

    /** The category of the email this action sends: what a customer can unsubscribe from. */
    public EmailCategory category() {
        return category;
    }

    /** Whether the action belongs to a complaint ticket rather than to an order's post-purchase emails. */
    public boolean forTicket() {
        return ordinal() >= TICKET_ACK.ordinal();
    }

    public String slug() {
        return slug;
    }

    public static ActionKind fromSlug(String slug) {
        for (ActionKind kind : values()) {
            if (kind.slug.equals(slug)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown action kind " + slug);
    }
}
