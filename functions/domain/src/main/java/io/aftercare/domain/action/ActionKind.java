package io.aftercare.domain.action;

/**
 * What a due action does when its time comes, and which runner does it. The slug is stored (action items, their ids,
 * SES tags, template keys): it never changes. What an email of a kind carries is its {@code EmailKind}'s business.
 */
public enum ActionKind {
    THANK_YOU("thank-you", Runner.POST_PURCHASE),
    CHECK_IN("check-in", Runner.POST_PURCHASE),
    SURVEY("survey", Runner.POST_PURCHASE),
    TICKET_ACK("ticket-ack", Runner.TICKET),
    SLA_WARNING("sla-warning", Runner.TICKET),
    SLA_BREACH("sla-breach", Runner.TICKET),
    ESCALATION("escalation", Runner.TICKET),
    GOODWILL("goodwill", Runner.TICKET),
    TICKET_REPLY("ticket-reply", Runner.TICKET);

    /** Who runs an action: an order's post-purchase emails, or a complaint ticket's deadlines and emails. */
    private enum Runner {
        POST_PURCHASE, TICKET
    }

    private final String slug;
    private final Runner runner;

    ActionKind(String slug, Runner runner) {
        this.slug = slug;
        this.runner = runner;
    }

    /** Whether the action belongs to a complaint ticket rather than to an order's post-purchase emails. */
    public boolean forTicket() {
        return runner == Runner.TICKET;
    }

    /** Urgent for a ticket's runner, bulk for post-purchase emails: what decides the sweep's order and pacing. */
    public ActionClass actionClass() {
        return runner == Runner.TICKET ? ActionClass.URGENT : ActionClass.BULK;
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
