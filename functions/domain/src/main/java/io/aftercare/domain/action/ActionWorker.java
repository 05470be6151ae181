package io.aftercare.domain.action;

import java.util.Optional;

/**
 * Runs a claimed action: checks the claim still holds, then hands the action to the runner of its kind. The runner
 * re-checks the current state; the claim is checked again before anything irreversible.
 */
public final class ActionWorker {

    public enum Handled { SENT, SKIPPED, POSTPONED, FAILED, STALE }

    /** Runs one kind of action. @throws RuntimeException for a temporary failure: the action stays claimed and is retried */
    public interface Runner {
        Handled run(ClaimedAction action);
    }

    private final ActionStore actions;
    private final Runner postPurchase;
    private final Runner tickets;

    public ActionWorker(ActionStore actions, Runner postPurchase, Runner tickets) {
        this.actions = actions;
        this.postPurchase = postPurchase;
        this.tickets = tickets;
    }

    public Handled handle(ActionRef ref, String claimToken) {
        Optional<ClaimedAction> held = actions.held(ref, claimToken);
        if (held.isEmpty()) {
            return Handled.STALE; // completed meanwhile, or re-claimed after this claim's lease ran out
        }
        ClaimedAction action = held.get();
        return action.kind().forTicket() ? tickets.run(action) : postPurchase.run(action);
    }
}
