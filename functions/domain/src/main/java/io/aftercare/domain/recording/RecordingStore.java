package io.aftercare.domain.recording;

/** Port: writes a {@link Recording} atomically, at most once per delivery key. */
public interface RecordingStore {

    /** @throws io.aftercare.domain.ChangedMeanwhile when other writers kept winning its items' races; nothing was written */
    RecordResult record(Recording recording);
}
