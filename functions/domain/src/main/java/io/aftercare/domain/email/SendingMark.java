package io.aftercare.domain.email;

import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.action.ClaimedAction;
import io.aftercare.domain.timeline.TimelineEntry;
import java.time.Instant;
import java.util.List;

/**
 * Port: the exclusive sending mark of an email to a customer ({@link io.aftercare.domain.action.ActionStore#beginSending}),
 * taken in one write with the check that the recipient may still be written to, and the sent email's completion; each
 * keeps its part of the email's thread in the same write.
 */
public interface SendingMark {

    /** How taking the mark went. */
    sealed interface Taken {
    }

    /** Marked: this worker, and only it, sends the email now. */
    record Began() implements Taken {
    }

    /** Another worker is sending it, the claim was lost, or too little of its lease is left. */
    record Lost() implements Taken {
    }

    /** The recipient's state refused the email: nothing was marked, and the claim still holds. */
    record Refused(RecipientState recipient) implements Taken {
    }

    /**
     * @param recipient checked by its hash, and by its keyed hash if it was an erased customer's suppressed address
     * @param thread its reply code is kept with the mark, before the email that carries it goes
     */
    Taken begin(ClaimedAction action, Instant now, EmailAddress recipient, RecipientGate gate, EmailThread thread);

    /**
     * The mark of an answer to a customer who wrote to the shop (a ticket's emails: their recipient is not gated), with
     * its reply code; false when another worker is sending it or the claim was lost.
     */
    boolean beginReply(ClaimedAction action, Instant now, EmailThread thread);

    /**
     * Completes the sent email as {@link io.aftercare.domain.action.ActionStore#complete} does, keeping SES's
     * {@code messageId} for its thread in the same write; false when the claim was lost meanwhile.
     */
    boolean sent(ClaimedAction action, String messageId, List<TimelineEntry> entries, EmailAddress recipient, EmailThread thread);
}
