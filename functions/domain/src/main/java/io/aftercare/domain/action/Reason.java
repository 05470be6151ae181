package io.aftercare.domain.action;

/**
 * Why an action was skipped, postponed or failed: a code from a fixed set, so metrics and stored outcomes can be
 * counted and grouped by it. The wording is what the timeline shows.
 */
public enum Reason {
    SHOP_GONE("the shop is no longer registered"),
    ORDER_UNKNOWN("the order's details never arrived"),
    NO_ADDRESS("the order has no email address"),
    SUPPRESSED("the address is suppressed"),
    ORDER_CANCELLED("the order was cancelled"),
    ORDER_REFUNDED("the order was refunded"),
    BEING_RETURNED("the order is being returned"),
    COMPLAINT_OPEN("the customer has an open complaint"),
    UNSUBSCRIBED("the customer unsubscribed"),
    // the email policy's cap, written out so that this package needs nothing of the email package (a test compares them)
    FREQUENCY_CAP("another email reached the customer less than 16 hours ago"),
    REJECTED("the mail service refused it"),
    TICKET_GONE("the ticket no longer exists"),
    REPLY_MISSING("the reply's text is not stored"),
    GOODWILL_OFF("the shop no longer offers goodwill discounts"),
    TICKET_NOT_OPEN("the ticket is no longer open"),
    AGENT_ANSWERED("an agent answered"),
    ALREADY_ESCALATED("already escalated that far"),
    SLA_MET("the SLA target was met"),
    REPLANNED("the ticket's deadlines were planned anew since"),
    OUTSIDE_BUSINESS_HOURS("outside business hours"),
    ATTEMPTS_EXHAUSTED("it did not finish in " + ActionWorker.MAX_ATTEMPTS + " attempts");

    private final String wording;

    Reason(String wording) {
        this.wording = wording;
    }

    /** The code metrics and stored outcomes carry: {@code ORDER_REFUNDED}. */
    public String code() {
        return name();
    }

    /** As the timeline says it, with what makes this case particular ({@code bounce}, {@code follow-ups}), if anything. */
    public String describe(String detail) {
        return detail.isEmpty() ? wording : wording + " (" + detail + ")";
    }
}
