package io.aftercare.domain.action;

import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.timeline.TimelineEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Port: due actions, their claims and their outcomes. */
public interface ActionStore {

    /**
     * What is due at {@code now}, opened once per sweep: every hour not yet swept (so a sweep after downtime catches
     * up), read page by page as the sweep goes.
     */
    DueActions due(Instant now);

    /** One sweep's view of the due actions; each page continues where the last one ended. */
    interface DueActions {

        /**
         * About {@code limit} more actions of the class (a shard's share is rounded up), oldest first within each
         * shard of the index, each shard's oldest in the first page; empty once none are left.
         */
        List<DueRef> next(ActionClass actionClass, int limit);

        /**
         * Urgent actions of {@code at}'s hour due by then and not claimed: what fell due since the sweep began, found
         * between its bulk pages with one query per shard (about {@code limit} in all).
         */
        List<DueRef> urgentDueBy(Instant at, int limit);
    }

    /**
     * Writes an action to wait for its time, unless one with its id was written before (waiting, or done): what is
     * keyed by its moment (a shop's week) is scheduled once however often this is called.
     *
     * @param now when it is written
     * @return whether it was written
     */
    boolean schedule(ShopId shop, DueAction action, Instant now);

    /**
     * Claims the action if it is due and unclaimed, or its claim's lease ran out; empty if someone else holds it.
     *
     * @param actionClass its kind's class, which says where its index entry goes while claimed
     */
    Optional<ClaimedAction> claim(ActionRef ref, ActionClass actionClass, Instant now, Duration lease);

    /** The action as stored, if this claim still holds it. */
    Optional<ClaimedAction> held(ActionRef ref, String claimToken);

    /**
     * Marks the claimed action as being sent, if this claim holds it and nobody is sending it yet: the last step before
     * the one that cannot be undone. Two workers given the same message (SQS delivers at least once) cannot both pass,
     * and neither can a worker whose lease is (nearly) over: another sweep may be claiming the action again.
     *
     * @return false when another worker is sending it, the claim was lost, or too little of its lease is left
     */
    boolean beginSending(ClaimedAction action, Instant now);

    /**
     * {@link #beginSending} for an action with several recipients, answering in the same request with what earlier
     * attempts did for each (by a key of the runner's choosing, such as an address's hash; {@link #recordRecipient}),
     * so a retry skips the recipients already reached.
     *
     * @return empty when it did not begin (as {@link #beginSending} returns false)
     */
    Optional<Map<String, String>> beginSendingToEach(ClaimedAction action, Instant now);

    /**
     * Ends the action and writes its timeline entries, atomically, if the claim still holds it.
     *
     * @return false when the claim was lost meanwhile (nothing written)
     */
    boolean complete(ClaimedAction action, ActionOutcome outcome, List<TimelineEntry> entries, Optional<EmailAddress> customer);

    /** Puts the action back to wait until {@code dueAt}, with the entries saying why (none for a check that looks again), if the claim still holds it. */
    boolean reschedule(ClaimedAction action, Instant dueAt, List<TimelineEntry> entries, Optional<EmailAddress> customer);

    /** Records one recipient's outcome on the action, if this claim still holds it. @return false when the claim was lost */
    boolean recordRecipient(ClaimedAction action, String recipient, String outcome);
}
