package io.aftercare.domain.timeline;

import java.time.Instant;
import java.util.Optional;

/**
 * One line of a timeline. What it says is a phrase with typed parameters, worded in the reader's language where it is
 * shown (the agent API, the console).
 *
 * @param id unique within its subject and stable: writing the same entry twice keeps one
 * @param at when it happened (the platform's time for platform events)
 * @param deliveryId the webhook delivery it came from, if any
 */
public record TimelineEntry(String id, Subject subject, Instant at, EntryKind kind, EntryText text, Optional<String> deliveryId) {

    public TimelineEntry {
        if (text instanceof EntryText.Phrased phrased && !phrased.phrase().kinds().contains(kind)) {
            throw new IllegalArgumentException(phrased.phrase() + " does not say a " + kind + " entry");
        }
    }
}
