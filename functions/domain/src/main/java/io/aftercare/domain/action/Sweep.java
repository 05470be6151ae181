package io.aftercare.domain.action;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds what is due, claims it, and queues it for the workers. Two sweeps running at once never claim the same
 * action: the claim is a conditional write, and the loser simply moves on.
 */
public final class Sweep {

    /** How long a worker has to finish an action before another sweep may take it over. */
    public static final Duration LEASE = Duration.ofMinutes(5);
    /** Actions claimed per sweep at most; the next sweep (a minute later) takes the rest. */
    public static final int BATCH = 500;

    public record Result(int due, int claimed) {
    }

    private final ActionStore actions;
    private final ActionQueue queue;
    private final Clock clock;

    public Sweep(ActionStore actions, ActionQueue queue, Clock clock) {
        this.actions = actions;
        this.queue = queue;
        this.clock = clock;
    }

    public Result run() {
        Instant now = clock.instant();
        List<ActionRef> due = actions.due(now, BATCH);
        List<ClaimedAction> claimed = new ArrayList<>();
        for (ActionRef ref : due) {
            actions.claim(ref, now, LEASE).ifPresent(claimed::add);
        }
        if (!claimed.isEmpty()) {
            queue.submit(claimed);
        }
        return new Result(due.size(), claimed.size());
    }
}
