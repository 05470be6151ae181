package io.aftercare.domain.action;

import io.aftercare.domain.ChangedMeanwhile;
import io.aftercare.domain.timeline.EntryKind;
import io.aftercare.domain.timeline.EntryText;
import io.aftercare.domain.timeline.Phrase;
import io.aftercare.domain.timeline.TimelineEntry;
import io.aftercare.domain.timeline.Vocabulary;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Runs a claimed action: checks the claim still holds, then hands the action to the runner of its kind. The runner
 * re-checks the current state; the claim is checked again before anything irreversible. An action claimed more than
 * {@link #MAX_ATTEMPTS} times in a row without ending (its runner keeps failing, or its worker keeps dying) is ended
 * as failed instead of being run again: the sweep would otherwise re-claim it every lease, forever. So is an action
 * whose kind needs a detail ({@link ActionKind#detail()}) it does not have: nothing guesses it.
 */
public final class ActionWorker {

    /** Claims in a row an action may take; a postponement starts the count again. */
    public static final int MAX_ATTEMPTS = 5;
    /** Runs of one delivery of an action that lost races on what it read, before it is left to the queue's redelivery. */
    public static final int RACE_RUNS = 3;

    public enum Handled { SENT, SKIPPED, POSTPONED, FAILED, STALE }

    /** How an action went, and why when it was skipped, postponed or failed. */
    public record Result(Handled handled, Optional<Reason> reason) {

        /** Ended by the worker itself, as failed, without its runner finishing it: what the abandoned-actions alarm counts. */
        public boolean abandoned() {
            return handled == Handled.FAILED && reason.filter(r -> r == Reason.ATTEMPTS_EXHAUSTED || r == Reason.DETAIL_MISSING).isPresent();
        }

        public static Result of(Handled handled) {
            return new Result(handled, Optional.empty());
        }

        public static Result of(Handled handled, Reason reason) {
            return new Result(handled, Optional.of(reason));
        }
    }

    /** Runs one kind of action. @throws RuntimeException for a temporary failure: the action stays claimed and is retried */
    public interface Runner {
        Result run(ClaimedAction action);
    }

    /** What ran and how it went, for the function's metrics and logs. */
    public record Done(ActionRef ref, Optional<ActionKind> kind, Optional<ActionDetail> detail, Result result) {
    }

    private final ActionStore actions;
    private final Runner postPurchase;
    private final Runner tickets;
    private final Runner cases;
    private final Runner privacy;
    private final Runner reports;
    private final Clock clock;

    public ActionWorker(ActionStore actions, Runner postPurchase, Runner tickets, Runner cases, Runner privacy, Runner reports, Clock clock) {
        this.actions = actions;
        this.postPurchase = postPurchase;
        this.tickets = tickets;
        this.cases = cases;
        this.privacy = privacy;
        this.reports = reports;
        this.clock = clock;
    }

    /** An action named only by its claim (a message queued before messages carried the action): read back first. */
    public Done handle(ActionRef ref, String claimToken) {
        Optional<ClaimedAction> held = actions.held(ref, claimToken);
        if (held.isEmpty()) {
            // completed meanwhile, or re-claimed after this claim's lease ran out
            return new Done(ref, Optional.empty(), Optional.empty(), Result.of(Handled.STALE));
        }
        return handle(held.get());
    }

    /**
     * The action as its claim took it. It is not read back: a claim lost meanwhile (done by a duplicate of the message,
     * or taken over after its lease) fails every write the runner makes, the sending mark first, and comes out STALE.
     */
    public Done handle(ClaimedAction action) {
        ActionRef ref = action.ref();
        if (!action.leaseUntil().isAfter(clock.instant())) {
            // a message that came back after its claim's lease ran out: it can no longer send, and the next sweep
            // claims the action afresh, so running it would only repeat reads (and fail with them when they fail)
            return new Done(ref, Optional.of(action.kind()), action.detail(), Result.of(Handled.STALE));
        }
        if (action.tries() > MAX_ATTEMPTS) {
            return new Done(ref, Optional.of(action.kind()), action.detail(), abandon(action, Reason.ATTEMPTS_EXHAUSTED));
        }
        // an action stored before its detail was kept as attributes, and not migrated: its id is not parsed for it
        if (action.kind().detail().filter(type -> action.detail().filter(type::isInstance).isEmpty()).isPresent()) {
            return new Done(ref, Optional.of(action.kind()), action.detail(), abandon(action, Reason.DETAIL_MISSING));
        }
        return new Done(ref, Optional.of(action.kind()), action.detail(), run(action));
    }

    /**
     * Runs the action; a run that lost a race on what it read (a batch runs its messages at once, and two actions about
     * one ticket may write it together) runs again at once on a fresh read, as the message's redelivery would, without
     * waiting out the queue's visibility timeout. Still racing after {@link #RACE_RUNS} runs, it is left to that redelivery.
     */
    private Result run(ClaimedAction action) {
        for (int runs = 1; ; runs++) {
            try {
                return runnerOf(action.kind()).run(action);
            } catch (ChangedMeanwhile raced) {
                if (runs == RACE_RUNS || !action.leaseUntil().isAfter(clock.instant())) {
                    throw raced;
                }
            }
        }
    }

    private Runner runnerOf(ActionKind kind) {
        return kind.forReport() ? reports : kind.forPrivacy() ? privacy : kind.forCase() ? cases : kind.forTicket() ? tickets : postPurchase;
    }

    private Result abandon(ClaimedAction action, Reason reason) {
        var entry = new TimelineEntry("action-" + action.actionId() + "-abandoned", action.subject(), clock.instant(), EntryKind.EMAIL_FAILED,
                EntryText.of(Phrase.ACTION_ABANDONED).with("email", action.kind().code()).code("reason", Vocabulary.REASON, reason)
                        .flag("maybeSent", action.sendingBegun()), Optional.empty());
        return actions.complete(action, ActionOutcome.failed(reason), List.of(entry), Optional.empty())
                ? Result.of(Handled.FAILED, reason) : Result.of(Handled.STALE);
    }
}
