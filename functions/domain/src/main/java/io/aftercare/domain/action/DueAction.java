package io.aftercare.domain.action;

import io.aftercare.domain.timeline.Subject;
import java.time.Instant;
import java.util.Optional;

/**
 * Something to do later: an email to send, a deadline to check. Its id is derived from what it is about, so the
 * same action can be scheduled only once ({@code thank-you#<order id>}).
 *
 * @param detail what tells it apart from other actions of its kind on the same subject, if there can be several
 */
public record DueAction(String id, ActionKind kind, Subject subject, Optional<ActionDetail> detail, Instant dueAt) {

    public DueAction(String id, ActionKind kind, Subject subject, Instant dueAt) {
        this(id, kind, subject, Optional.empty(), dueAt);
    }

    public static DueAction of(ActionKind kind, Subject subject, Instant dueAt) {
        return new DueAction(kind.slug() + "#" + subject.id(), kind, subject, dueAt);
    }

    /** One of several actions of a kind on the same subject ({@code sla-breach#T1~first-response~p2}). */
    public static DueAction of(ActionKind kind, Subject subject, ActionDetail detail, Instant dueAt) {
        return new DueAction(kind.slug() + "#" + subject.id() + "~" + detail.idPart(), kind, subject, Optional.of(detail), dueAt);
    }
}
