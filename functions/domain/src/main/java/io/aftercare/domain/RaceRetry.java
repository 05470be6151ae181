package io.aftercare.domain;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * The one retry policy for writes that can lose a race to another writer (a ticket, a profile, an order's
 * transaction): tried again on a fresh read after a short random pause (full jitter, doubling up to a cap) until it
 * wins or the attempts run out: at most about 1.5 s of pauses, well inside a platform's webhook timeout. Whoever
 * still loses gets the {@link ChangedMeanwhile}, which a webhook answers with 503 and Retry-After.
 */
public final class RaceRetry {

    private static final int ATTEMPTS = 12;
    private static final long FIRST_PAUSE_MS = 10;
    private static final long LONGEST_PAUSE_MS = 200;

    private RaceRetry() {
    }

    /** @param attempt reads what it needs afresh on every call */
    public static <T> T untilItWins(Supplier<T> attempt) {
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
