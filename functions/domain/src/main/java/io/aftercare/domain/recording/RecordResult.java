package io.aftercare.domain.recording;

import java.util.List;

/**
 * How a recording went.
 *
 * @param duplicate the delivery was recorded before; nothing was written
 * @param staleSnapshot the delivery's snapshot was older than the stored one and was not applied
 * @param alreadyScheduled ids of actions that existed already and were left as they were
 */
public record RecordResult(boolean duplicate, boolean staleSnapshot, List<String> alreadyScheduled) {

    public static RecordResult duplicateDelivery() {
        return new RecordResult(true, false, List.of());
    }
}
