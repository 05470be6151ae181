package io.aftercare.domain.action;

import io.aftercare.domain.ShopId;
import io.aftercare.domain.timeline.Subject;
import java.time.Instant;
import java.util.Optional;

/**
 * An action one sweep claimed: only the holder of {@code claimToken} may complete it, and only until
 * {@code leaseUntil}; after that another sweep may claim it again (a worker that crashed loses nothing).
 *
 * @param detail what it was scheduled with ({@link DueAction#detail()})
 * @param attempt how many times it was claimed in all (each claim's timeline entries are told apart by it)
 * @param tries how many of those claims came in a row since it was scheduled or last postponed: the ones that did not end it
 * @param sendingBegun this claim took it over from one that had begun sending and never ended: the provider may have
 *                     accepted that email before its worker died
 */
public record ClaimedAction(ShopId shop, String actionId, ActionKind kind, Subject subject, Optional<ActionDetail> detail, Instant dueAt,
                            String claimToken, Instant leaseUntil, int attempt, int tries, boolean sendingBegun) {

    public ActionRef ref() {
        return new ActionRef(shop, actionId);
    }

    /** The detail its kind is always scheduled with. @throws IllegalStateException when it has another or none */
    public <T extends ActionDetail> T detail(Class<T> type) {
        return detail.filter(type::isInstance).map(type::cast)
                .orElseThrow(() -> new IllegalStateException(actionId + " has no " + type.getSimpleName() + " detail"));
    }
}
