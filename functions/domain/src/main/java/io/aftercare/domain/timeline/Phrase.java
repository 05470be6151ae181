package io.aftercare.domain.timeline;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a timeline entry says, without its words: each phrase has a text per language (message {@code timeline.<slug>})
 * that may use the parameters named here, all of them optional unless the text needs them; it says one of its kinds of
 * entry.
 */
public enum Phrase {
    ORDER_PLACED(Set.of(EntryKind.ORDER_PLACED), "order", "items", "total"),
    ORDER_PAID(Set.of(EntryKind.ORDER_PAID), "order"),
    ORDER_CANCELLED(Set.of(EntryKind.ORDER_CANCELLED), "order", "reason"),
    FULFILMENT_UPDATED(Set.of(EntryKind.FULFILMENT_UPDATED), "fulfilment", "status", "tracking"),
    PARCEL_UPDATED(Set.of(EntryKind.SHIPMENT_UPDATED, EntryKind.ORDER_DELIVERED), "status", "message", "fulfilment"),
    /** {@code tracking}: the parcel going back; {@code restocked} ... {@code processingRequired}: items disposed each way once received. */
    RETURN_UPDATED(Set.of(EntryKind.RETURN_UPDATED), "return", "event", "tracking", "restocked", "notRestocked", "missing", "processingRequired"),
    RETURN_STATE(Set.of(EntryKind.RETURN_UPDATED), "return", "state", "order"),
    RETURN_ANOMALY(Set.of(EntryKind.RETURN_ANOMALY), "return", "event", "state"),
    /** On the shop's audit trail: a step naming a return ({@code return}) or a part of one ({@code rfo}) that cannot be located, and why. */
    RETURN_NOT_LOCATED(Set.of(EntryKind.RETURN_ANOMALY), "return", "rfo", "event", "noToken", "refused", "unknown"),
    RETURN_STUCK(Set.of(EntryKind.CASE_OPENED), "return", "state", "days", "ticket"),
    DELIVERY_PROBLEM(Set.of(EntryKind.CASE_OPENED), "status", "ticket"),
    DELIVERY_EXPECTED(Set.of(EntryKind.SHIPMENT_UPDATED), "fulfilment", "by"),
    DELIVERY_RESOLVED(Set.of(EntryKind.CASE_CLOSED), "ticket"),
    ORDER_REFUNDED(Set.of(EntryKind.ORDER_REFUNDED), "amount", "reason"),
    ORDER_TRIMMED(Set.of(EntryKind.ORDER_TRIMMED), "order", "titlesShortened", "titleBytes", "linesLeftOut", "maxLines"),
    EMAIL_SCHEDULED(Set.of(EntryKind.EMAIL_SCHEDULED), "email", "due"),
    PROFILE_UPDATED(Set.of(EntryKind.CUSTOMER_UPDATED), "name"),
    EMAIL_NOT_SENT(Set.of(EntryKind.EMAIL_SKIPPED, EntryKind.EMAIL_FAILED), "email", "reason", "detail"),
    EMAIL_POSTPONED(Set.of(EntryKind.EMAIL_POSTPONED), "email", "until", "reason"),
    EMAIL_SENT(Set.of(EntryKind.EMAIL_SENT), "email", "language"),
    /** {@code anyBuyer}: the platform could not limit the code to the customer. */
    DISCOUNT_ISSUED(Set.of(EntryKind.DISCOUNT_ISSUED), "code", "percent", "anyBuyer"),
    DISCOUNT_WITHHELD(Set.of(EntryKind.DISCOUNT_WITHHELD), "email", "detail"),
    /** On the order that used the code. */
    DISCOUNT_USED(Set.of(EntryKind.DISCOUNT_REDEEMED), "code"),
    /** On the order or ticket the code was sent for. */
    DISCOUNT_REDEEMED(Set.of(EntryKind.DISCOUNT_REDEEMED), "code", "order"),
    MAIL_BOUNCED(Set.of(EntryKind.EMAIL_BOUNCED), "email", "to", "detail"),
    MAIL_SOFT_BOUNCED(Set.of(EntryKind.EMAIL_BOUNCED), "email", "to", "detail"),
    MAIL_COMPLAINED(Set.of(EntryKind.EMAIL_COMPLAINED), "email", "detail"),
    MAIL_DELIVERED(Set.of(EntryKind.EMAIL_DELIVERED), "email"),
    MAIL_REJECTED(Set.of(EntryKind.EMAIL_FAILED), "email", "to", "detail"),
    MAIL_DELAYED(Set.of(EntryKind.EMAIL_DELAYED), "email", "to", "detail"),
    UNSUBSCRIBED(Set.of(EntryKind.UNSUBSCRIBED), "category"),
    /** An answer or a change of one: {@code previous} only for a change; no {@code survey} (old entries) is NPS. */
    SURVEY_ANSWERED(Set.of(EntryKind.SURVEY_ANSWERED), "survey", "score", "outOf", "previous", "group", "recovered"),
    ACTION_ABANDONED(Set.of(EntryKind.EMAIL_FAILED), "email", "reason", "maybeSent"),
    ACKNOWLEDGED(Set.of(EntryKind.EMAIL_SENT), "ticket", "answerBy"),
    REPLY_EMAILED(Set.of(EntryKind.EMAIL_SENT)),
    GOODWILL_SENT(Set.of(EntryKind.DISCOUNT_ISSUED), "code", "percent", "anyBuyer"),
    CUSTOMER_EMAIL_REFUSED(Set.of(EntryKind.EMAIL_FAILED), "email", "detail"),
    NOTICE_HELD(Set.of(EntryKind.EMAIL_POSTPONED), "email", "opens"),
    SLA_WARNING(Set.of(EntryKind.SLA_WARNING), "target", "ticket", "reached", "refused", "chat", "nobody"),
    SLA_BREACHED(Set.of(EntryKind.SLA_BREACHED), "target", "ticket", "reached", "refused", "chat", "nobody"),
    ESCALATED(Set.of(EntryKind.ESCALATED), "level", "ticket", "reached", "refused", "chat", "nobody"),
    NOTICE_REFUSED(Set.of(EntryKind.EMAIL_FAILED), "email", "to", "detail"),
    /** The members a note mentioned were emailed (the note's own entry names whom it mentions). */
    MENTION_SENT(Set.of(EntryKind.EMAIL_SENT), "by", "ticket", "reached", "refused", "chat", "nobody"),
    /** A shop's weekly summary went to its owners and managers: whom it reached, who turned it off ({@code optedOut}); never to a chat. */
    WEEKLY_SUMMARY_SENT(Set.of(EntryKind.EMAIL_SENT), "week", "reached", "refused", "chat", "optedOut", "nobody"),
    NOT_NEEDED(Set.of(EntryKind.EMAIL_SKIPPED), "email", "reason", "detail"),
    TICKET_OPENED(Set.of(EntryKind.TICKET_OPENED), "ticket", "priority", "subject", "due"),
    /** {@code otherSender}: an email's sender (masked) who is not the ticket's customer; {@code unverified}: its domain failed SPF, DKIM or DMARC. */
    CUSTOMER_WROTE(Set.of(EntryKind.CUSTOMER_WROTE), "excerpt", "attachments", "otherSender", "unverified"),
    /** An automatic answer (out of office, RFC 3834) to one of the shop's emails: recorded, never answered, opens nothing. */
    AUTO_REPLY_RECEIVED(Set.of(EntryKind.MAIL_RECEIVED), "from", "header", "value"),
    /** SES's spam or virus check failed: kept aside for the shop, not ticketed. */
    MAIL_QUARANTINED(Set.of(EntryKind.MAIL_RECEIVED), "from", "subject", "spam", "virus"),
    /** One sender wrote more than the shop's hourly limit: the messages past it are not ticketed (said once an hour). */
    MAIL_RATE_LIMITED(Set.of(EntryKind.MAIL_RECEIVED), "from", "limit"),
    /** Mail that reached no ticket: a reply address whose code the shop never sent, or a message that cannot be read or is not there. */
    MAIL_REFUSED(Set.of(EntryKind.MAIL_RECEIVED), "from", "subject", "unknownCode", "unreadable", "missing"),
    COMPLAINT_OPENED(Set.of(EntryKind.TICKET_OPENED), "ticket", "subject"),
    TICKET_REOPENED(Set.of(EntryKind.TICKET_UPDATED)),
    AGENT_REPLIED(Set.of(EntryKind.AGENT_REPLIED), "agent", "excerpt", "target", "breached"),
    INTERNAL_NOTE(Set.of(EntryKind.INTERNAL_NOTE), "agent", "excerpt", "mentioned"),
    TICKET_CHANGED(Set.of(EntryKind.TICKET_UPDATED), "agent", "priorityFrom", "priorityTo", "assignee", "unassigned", "statusFrom", "statusTo"),
    SIGNED_IN(Set.of(EntryKind.SIGNED_IN), "who"),
    MEMBER_ADDED(Set.of(EntryKind.MEMBER_CHANGED), "who", "member", "role"),
    ROLE_CHANGED(Set.of(EntryKind.MEMBER_CHANGED), "who", "member", "roleFrom", "roleTo"),
    MEMBER_REMOVED(Set.of(EntryKind.MEMBER_CHANGED), "who", "member"),
    TOKEN_CREATED(Set.of(EntryKind.TOKEN_CHANGED), "who", "token", "role"),
    TOKEN_REVOKED(Set.of(EntryKind.TOKEN_CHANGED), "who", "token"),
    /** An owner changed the shop's support settings or its second-factor rule from the console. */
    SETTINGS_CHANGED(Set.of(EntryKind.SETTINGS_CHANGED), "who"),
    /** A saved reply added, changed or deleted, by whom (its title as it was then). */
    SAVED_REPLY_ADDED(Set.of(EntryKind.SETTINGS_CHANGED), "who", "title"),
    SAVED_REPLY_CHANGED(Set.of(EntryKind.SETTINGS_CHANGED), "who", "title"),
    SAVED_REPLY_DELETED(Set.of(EntryKind.SETTINGS_CHANGED), "who", "title"),
    /** On the shop's audit trail: who worked on which ticket (the ticket's own timeline has the details). */
    REPLIED_ON(Set.of(EntryKind.AGENT_REPLIED), "who", "ticket"),
    NOTED_ON(Set.of(EntryKind.INTERNAL_NOTE), "who", "ticket"),
    CHANGED_TICKET(Set.of(EntryKind.TICKET_UPDATED), "who", "ticket"),
    /** On the shop's audit trail: a privacy request, by whom and when, named by its id (never by the customer's address). */
    DATA_REQUESTED(Set.of(EntryKind.PRIVACY_REQUESTED), "who", "request"),
    ERASURE_REQUESTED(Set.of(EntryKind.PRIVACY_REQUESTED), "who", "request"),
    SHOP_ERASURE_REQUESTED(Set.of(EntryKind.PRIVACY_REQUESTED), "who", "request"),
    PRIVACY_IN_PROGRESS(Set.of(EntryKind.PRIVACY_REQUESTED), "request", "items"),
    DATA_EXPORTED(Set.of(EntryKind.PRIVACY_DONE), "request"),
    CUSTOMER_ERASED(Set.of(EntryKind.PRIVACY_DONE), "request", "items");

    private final Set<EntryKind> kinds;
    private final List<String> params;

    Phrase(Set<EntryKind> kinds, String... params) {
        this.kinds = kinds;
        this.params = List.of(params);
    }

    /** The kinds of entry it may say (every kind has at least one phrase). */
    public Set<EntryKind> kinds() {
        return kinds;
    }

    public List<String> params() {
        return params;
    }

    public String slug() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Empty for a phrase this version does not know (written by a newer one). */
    public static Optional<Phrase> fromSlug(String slug) {
        return Arrays.stream(values()).filter(phrase -> phrase.slug().equals(slug)).findFirst();
    }
}
