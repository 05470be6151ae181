package io.aftercare.domain.recording;

import io.aftercare.domain.order.CustomerContact;
import io.aftercare.domain.timeline.TimelineEntry;
import java.time.Instant;
import java.util.List;

/**
 * What a delivery writes about a customer's profile.
 *
 * @param authoritative true when the contact is the platform's customer record, which replaces the stored profile
 *     (newest source time wins); false when it comes from an order, which only fills in what is missing
 */
public record CustomerRecording(CustomerContact contact, Instant sourceTime, boolean authoritative, List<TimelineEntry> entries) {

    public CustomerRecording {
        entries = List.copyOf(entries);
    }
}
