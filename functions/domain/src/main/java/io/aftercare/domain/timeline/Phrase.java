package io.aftercare.domain.timeline;

import java.util.List;
import java.util.Locale;

/**
 * What a timeline entry says, without its words: each phrase has a text per language (message {@code timeline.<slug>})
 * that may use the parameters named here, all of them optional unless the text needs them.
 */
public enum Phrase {
    ORDER_PLACED("order", "items", "total"),
    ORDER_PAID("order"),
    ORDER_CANCELLED("order", "reason"),
    FULFILMENT_UPDATED("fulfilment", "status", "tracking"),
    PARCEL_UPDATED("status", "message"),
    RETURN_UPDATED("return", "event"),
    ORDER_REFUNDED("amount", "reason"),
    ORDER_TRIMMED("order", "titlesShortened", "titleBytes", "linesLeftOut", "maxLines"),
    EMAIL_SCHEDULED("email", "due"),
    PROFILE_UPDATED("name"),
    EMAIL_NOT_SENT("email", "reason", "detail"),
    EMAIL_POSTPONED("email", "until", "reason"),
    EMAIL_SENT("email", "language"),
    DISCOUNT_ISSUED("code", "percent"),
    MAIL_BOUNCED("email", "to", "detail"),
    MAIL_SOFT_BOUNCED("email", "to", "detail"),
    MAIL_COMPLAINED("email", "detail"),
    MAIL_DELIVERED("email"),
    MAIL_REJECTED("email", "to", "detail"),
    MAIL_DELAYED("email", "to", "detail"),
    UNSUBSCRIBED("category"),
    SURVEY_ANSWERED("score", "group"),
    ACTION_ABANDONED("email", "reason", "maybeSent"),
    ACKNOWLEDGED("ticket", "answerBy"),
    REPLY_EMAILED(),
    GOODWILL_SENT("code", "percent"),
    CUSTOMER_EMAIL_REFUSED("email", "detail"),
    NOTICE_HELD("email", "opens"),
    SLA_WARNING("target", "ticket", "reached", "refused", "chat", "nobody"),
    SLA_BREACHED("target", "ticket", "reached", "refused", "chat", "nobody"),
    ESCALATED("level", "ticket", "reached", "refused", "chat", "nobody"),
    NOTICE_REFUSED("email", "to", "detail"),
    NOT_NEEDED("email", "reason", "detail"),
    TICKET_OPENED("ticket", "priority", "subject", "due"),
    CUSTOMER_WROTE("excerpt"),
    COMPLAINT_OPENED("ticket", "subject"),
    TICKET_REOPENED(),
    AGENT_REPLIED("agent", "excerpt", "target", "breached"),
    INTERNAL_NOTE("agent", "excerpt"),
    TICKET_CHANGED("agent", "priorityFrom", "priorityTo", "assignee", "unassigned", "statusFrom", "statusTo");

    private final List<String> params;

    Phrase(String... params) {
        this.params = List.of(params);
    }

    public List<String> params() {
        return params;
    }

    public String slug() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Phrase fromSlug(String slug) {
        return valueOf(slug.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
