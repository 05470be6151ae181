package io.aftercare.domain.action;

/**
 * How soon an action must run once due. Urgent ones (a complaint ticket's deadlines and emails) have their own part of
 * the due index and their own queue, and each sweep claims them before any bulk one (an order's post-purchase emails),
 * so a wave of bulk email never delays them; bulk ones are paced at the send rates.
 */
public enum ActionClass {
    URGENT("urgent"), BULK("bulk");

    private final String code;

    ActionClass(String code) {
        this.code = code;
    }

    /** Stored in the due index's keys and used as a metric dimension: it never changes. */
    public String code() {
        return code;
    }
}
