package io.aftercare.domain.email;

import io.aftercare.domain.ShopId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One email at a time to each recipient of a shop, among the actions this process runs at once (a batch's messages
 * run concurrently). The 16-hour spacing is checked in the sending mark but recorded only with the outcome, after
 * the send: two follow-ups to one customer marked in that gap would both go. Taking turns, the second one's mark sees
 * the first one's record and is postponed, as when they ran one after the other. The turns hold within one process
 * only: two function instances can still race for one recipient, as before. Each recipient has a lock of its own
 * while someone holds or awaits it, so different recipients never wait for each other; each run holds one at a time,
 * so none waits on another's wait.
 */
final class RecipientTurns {

    private record Recipient(ShopId shop, String emailHash) {
    }

    /** A recipient's lock and how many runs hold or await it; changed only inside the map's compute for its key. */
    private static final class Turn {
        private final ReentrantLock lock = new ReentrantLock();
        private int runs;
    }

    private final Map<Recipient, Turn> turns = new ConcurrentHashMap<>();

    <T> T take(ShopId shop, String emailHash, Supplier<T> work) {
        Recipient recipient = new Recipient(shop, emailHash);
        Turn turn = turns.compute(recipient, (key, current) -> {
            Turn joined = current != null ? current : new Turn();
            joined.runs++;
            return joined;
        });
        turn.lock.lock();
        try {
            return work.get();
        } finally {
            turn.lock.unlock();
            // the last run to leave removes the lock, so the map holds only recipients in use
            turns.computeIfPresent(recipient, (key, current) -> --current.runs == 0 ? null : current);
        }
    }
}
