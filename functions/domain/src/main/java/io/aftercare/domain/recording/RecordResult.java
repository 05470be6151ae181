package io.aftercare.domain.recording;

import java.util.List;

/**
 * How a recording went.
 *
 * @param duplicate the delivery was recorded before; nothing was written
 * @param staleSnapshot the delivery's snapshot was older than the stored one and was not applied
 * @param notScheduled ids of actions not created: there already (left as they were), or a case's resolution with no case
 */
public record RecordResult(boolean duplicate, boolean staleSnapshot, List<String> notScheduled) {

    public static RecordResult duplicateDelivery() {
        return new RecordResult(true, false, List.of());
    }
}
