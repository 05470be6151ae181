package io.aftercare.domain.ticket;

import io.aftercare.domain.ChangedMeanwhile;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * A write that can lose a race to another writer of the same ticket or profile, tried again on a fresh read after a
 * short random pause (full jitter, doubling up to a cap) until it wins or the attempts run out: at most about 1.5 s
 * of pauses, well inside a platform's webhook timeout. Whoever still loses gets the {@link ChangedMeanwhile}.
 */
final class RaceRetry {

    static final int ATTEMPTS = 12;
    private static final long FIRST_PAUSE_MS = 10;
    private static final long LONGEST_PAUSE_MS = 200;

    private RaceRetry() {
    }

    /** @param attempt reads what it needs afresh on every call */
    static <T> T untilItWins(Supplier<T> attempt) {
        for (int n = 1; ; n++) {
            try {
                return attempt.get();
            } catch (ChangedMeanwhile lost) {
                if (n == ATTEMPTS) {
                    throw lost;
                }
                pause(n, lost);
            }
        }
    }

    private static void pause(int attempt, ChangedMeanwhile lost) {
        long bound = Math.min(LONGEST_PAUSE_MS, FIRST_PAUSE_MS << Math.min(attempt - 1, 10));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(bound + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw lost;
        }
    }
}
