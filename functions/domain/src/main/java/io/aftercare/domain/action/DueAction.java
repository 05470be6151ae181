package io.aftercare.domain.action;

import io.aftercare.domain.timeline.Subject;
import java.time.Instant;

/**
 * Something to do later: an email to send, a deadline to check. Its id is derived from what it is about, so the
 * same action can be scheduled only once ({@code thank-you#<order id>}).
 */
public record DueAction(String id, ActionKind kind, Subject subject, Instant dueAt) {

    public static DueAction of(ActionKind kind, Subject subject, Instant dueAt) {
        return new DueAction(kind.slug() + "#" + subject.id(), kind, subject, dueAt);
    }

    /** One of several actions of a kind on the same subject, told apart by {@code detail} ({@code sla-breach#T1~first-response~p2}). */
    public static DueAction of(ActionKind kind, Subject subject, String detail, Instant dueAt) {
        return new DueAction(kind.slug() + "#" + subject.id() + "~" + detail, kind, subject, dueAt);
    }

    /** What {@link #of(ActionKind, Subject, String, Instant)} put after the subject: {@code first-response~p2}. */
    public static String detailOf(String actionId) {
        int tilde = actionId.indexOf('~');
        return tilde < 0 ? "" : actionId.substring(tilde + 1);
    }
}
