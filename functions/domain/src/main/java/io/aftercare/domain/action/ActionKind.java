package io.aftercare.domain.action;

/**
 * What a due action does when its time comes, and which runner does it. The slug is stored (action items, their ids,
 * SES tags, template keys): it never changes. What an email of a kind carries is its {@code EmailKind}'s business.
 */
public enum ActionKind {
    THANK_YOU("thank-you", Runner.POST_PURCHASE, "Thank-you email"),
    CHECK_IN("check-in", Runner.POST_PURCHASE, "Check-in email"),
    SURVEY("survey", Runner.POST_PURCHASE, "Survey invitation"),
    TICKET_ACK("ticket-ack", Runner.TICKET, "Complaint acknowledgement"),
    SLA_WARNING("sla-warning", Runner.TICKET, "SLA warning"),
    SLA_BREACH("sla-breach", Runner.TICKET, "SLA breach notice"),
    ESCALATION("escalation", Runner.TICKET, "Escalation notice"),
    GOODWILL("goodwill", Runner.TICKET, "Goodwill discount"),
    TICKET_REPLY("ticket-reply", Runner.TICKET, "Agent's reply");

    /** Who runs an action: an order's post-purchase emails, or a complaint ticket's deadlines and emails. */
    private enum Runner {
        POST_PURCHASE, TICKET
    }

    private final String slug;
    private final Runner runner;
    private final String label;

    ActionKind(String slug, Runner runner, String label) {
        this.slug = slug;
        this.runner = runner;
        this.label = label;
    }

    /** Whether the action belongs to a complaint ticket rather than to an order's post-purchase emails. */
    public boolean forTicket() {
        return runner == Runner.TICKET;
    }

    /** How the timeline names it. */
    public String label() {
        return label;
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
