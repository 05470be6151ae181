package io.aftercare.domain.email;

import io.aftercare.domain.ShopId;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One email at a time to each recipient of a shop, among the actions this process runs at once (a batch's messages
 * run concurrently). The 16-hour spacing is checked in the sending mark but recorded only with the outcome, after
 * the send: two follow-ups to one customer marked in that gap would both go. Taking turns, the second one's mark sees
 * the first one's record and is postponed, as when they ran one after the other. Recipients share a fixed set of
 * locks; each run holds one at a time, so none waits on another's wait.
 */
final class RecipientTurns {

    private static final int STRIPES = 64;

    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

    RecipientTurns() {
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    <T> T take(ShopId shop, String emailHash, Supplier<T> work) {
        ReentrantLock lock = locks[Math.floorMod((shop.value() + "#" + emailHash).hashCode(), STRIPES)];
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}
