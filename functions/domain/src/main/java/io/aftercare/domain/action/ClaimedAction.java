package io.aftercare.domain.action;

import io.aftercare.domain.ShopId;
import io.aftercare.domain.timeline.Subject;
import java.time.Instant;

/**
 * An action one sweep claimed: only the holder of {@code claimToken} may complete it, and only until
 * {@code leaseUntil}; after that another sweep may claim it again (a worker that crashed loses nothing).
 */
public record ClaimedAction(ShopId shop, String actionId, ActionKind kind, Subject subject, Instant dueAt,
                            String claimToken, Instant leaseUntil, int attempt) {

    public ActionRef ref() {
        return new ActionRef(shop, actionId);
    }
}
