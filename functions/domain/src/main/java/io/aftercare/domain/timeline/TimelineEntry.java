package io.aftercare.domain.timeline;

import io.aftercare.domain.Limits;
import java.time.Instant;
import java.util.Optional;

/**
 * One line of a timeline.
 *
 * @param id unique within its subject and stable: writing the same entry twice keeps one
 * @param at when it happened (the platform's time for platform events)
 * @param summary a sentence for the agent reading the timeline, shortened to {@link Limits#SUMMARY_BYTES}
 * @param deliveryId the webhook delivery it came from, if any
 */
public record TimelineEntry(String id, Subject subject, Instant at, EntryKind kind, String summary, Optional<String> deliveryId) {

    public TimelineEntry {
        summary = Limits.shortened(summary, Limits.SUMMARY_BYTES);
    }
}
