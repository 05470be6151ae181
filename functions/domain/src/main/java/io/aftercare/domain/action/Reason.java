package io.aftercare.domain.action;

/**
 * Why an action was skipped, postponed or failed: a code from a fixed set, so metrics and stored outcomes can be
 * counted and grouped by it. Its wording is each language's (the timeline's {@code code.reason.*} messages).
 */
public enum Reason {
    SHOP_GONE,
    ORDER_UNKNOWN,
    NO_ADDRESS,
    SUPPRESSED,
    ORDER_CANCELLED,
    /** Refunded in full. */
    ORDER_REFUNDED,
    /** Part of it refunded (an item, a price adjustment): no cheerful follow-up either. */
    ORDER_PARTLY_REFUNDED,
    /** Its goods are on their way back (a return requested, approved, in transit). */
    BEING_RETURNED,
    /** Its goods came back (a return received, refunded or closed). */
    RETURN_COMPLETED,
    COMPLAINT_OPEN,
    UNSUBSCRIBED,
    FREQUENCY_CAP,
    REJECTED,
    TICKET_GONE,
    REPLY_MISSING,
    GOODWILL_OFF,
    TICKET_NOT_OPEN,
    AGENT_ANSWERED,
    ALREADY_ESCALATED,
    SLA_MET,
    REPLANNED,
    OUTSIDE_BUSINESS_HOURS,
    ATTEMPTS_EXHAUSTED,
    /** Its kind needs a detail it was not stored with (an action from before details were attributes, not migrated). */
    DETAIL_MISSING,
    /** A reminder of a discount code the customer used already. */
    DISCOUNT_REDEEMED,
    /** A discount code ended unused: its expiry check's reason, what the metrics count as the code expired. */
    DISCOUNT_EXPIRED,
    /** A reminder that came too late to be worth sending (the code ended, or ends too soon): its expiry check counts the code. */
    DISCOUNT_REMINDER_LATE,
    /** A return's step was not announced: the return moved on before its email went out (approved, then cancelled). */
    RETURN_MOVED_ON,
    /** Another survey reached the customer within the shop's survey cap (one in 30 days unless set). */
    SURVEY_CAP,
    /** A resolved ticket's survey: the ticket reopened (or is otherwise not resolved as it was) since it was scheduled. */
    TICKET_REOPENED,
    /** A survey the shop turned off in its settings since it was scheduled. */
    SURVEY_OFF,
    /** A note's mention: everyone it named has left the shop since. */
    NOT_A_MEMBER,
    /** A reminder of a code whose owner is not the order's customer (a gift, someone else's order on a ticket): never sent to them. */
    DISCOUNT_NOT_THEIRS,
    /** A check on a return or a parcel, not an email: it looked, and did what it found needed (its entries say what). */
    CHECKED,
    /** The customer's data was erased at their request (a privacy request): whatever was due for them is cancelled. */
    CUSTOMER_ERASED,
    /** A shop's report to its people: none of its owners and managers gets it (there are none, or all turned it off). */
    NO_RECIPIENTS,
    /** A shop's report found so late that a newer one is due: that one is sent instead. */
    SUPERSEDED;

    /** The code metrics and stored outcomes carry: {@code ORDER_REFUNDED}. */
    public String code() {
        return name();
    }
}
