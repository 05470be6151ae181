package io.aftercare.domain.recording;

import io.aftercare.domain.ShopId;
import io.aftercare.domain.timeline.TimelineEntry;

/** Port: writes a {@link Recording} atomically, at most once per delivery key. */
public interface RecordingStore {

    /** @throws io.aftercare.domain.ChangedMeanwhile when other writers kept winning its items' races; nothing was written */
    RecordResult record(Recording recording);

    /**
     * Writes the delivery's dedupe marker and {@code note} (on its subject's timeline) in one transaction, and nothing
     * else: for a delivery that is answered but cannot be applied, so that sending it again is a duplicate.
     *
     * @return false when the delivery was recorded before: nothing was written
     * @throws io.aftercare.domain.ChangedMeanwhile when other writers kept winning the race; nothing was written
     */
    boolean recordUnapplied(ShopId shop, String deliveryKey, String topic, TimelineEntry note);
}
