package io.aftercare.bench;

import io.aftercare.domain.action.ActionClass;
import io.aftercare.domain.action.ActionQueue;
import io.aftercare.domain.action.ClaimedAction;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A queue in memory: what the sweep queued stays until a benchmark takes it, and counts as queued meanwhile. */
final class HeldQueue implements ActionQueue {

    private final List<ClaimedAction> held = new CopyOnWriteArrayList<>();

    @Override
    public void submit(List<ClaimedAction> actions, Duration delay) {
        held.addAll(actions);
    }

    @Override
    public long bulkQueued() {
        return held.stream().filter(action -> action.kind().actionClass() == ActionClass.BULK).count();
    }

    /** Everything held, taken off the queue. */
    List<ClaimedAction> take() {
        List<ClaimedAction> taken = List.copyOf(held);
        held.removeAll(taken);
        return taken;
    }
}
