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
}
