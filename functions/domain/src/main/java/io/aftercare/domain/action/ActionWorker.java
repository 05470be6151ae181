package io.aftercare.domain.action;

import java.util.Optional;

/**
 * Runs a claimed action: checks the claim still holds, then hands the action to the runner of its kind. The runner
 * re-checks the current state; the claim is checked again before anything irreversible.
 */
public final class ActionWorker {

    public enum Handled { SENT, SKIPPED, POSTPONED, FAILED, STALE }

    /** How an action went, and why when it was skipped, postponed or failed. */
    public record Result(Handled handled, Optional<String> reason) {

        public static Result of(Handled handled) {
            return new Result(handled, Optional.empty());
        }

        public static Result of(Handled handled, String reason) {
            return new Result(handled, Optional.of(reason));
        }
    }

    /** Runs one kind of action. @throws RuntimeException for a temporary failure: the action stays claimed and is retried */
    public interface Runner {
        Result run(ClaimedAction action);
    }

    /** What ran and how it went, for the function's metrics and logs. */
    public record Done(ActionRef ref, Optional<ActionKind> kind, Result result) {
    }

    private final ActionStore actions;
    private final Runner postPurchase;
    private final Runner tickets;

    public ActionWorker(ActionStore actions, Runner postPurchase, Runner tickets) {
        this.actions = actions;
        this.postPurchase = postPurchase;
        this.tickets = tickets;
    }

    public Done handle(ActionRef ref, String claimToken) {
        Optional<ClaimedAction> held = actions.held(ref, claimToken);
        if (held.isEmpty()) {
            // completed meanwhile, or re-claimed after this claim's lease ran out
            return new Done(ref, Optional.empty(), Result.of(Handled.STALE));
        }
        ClaimedAction action = held.get();
        return new Done(ref, Optional.of(action.kind()), action.kind().forTicket() ? tickets.run(action) : postPurchase.run(action));
    }
}
