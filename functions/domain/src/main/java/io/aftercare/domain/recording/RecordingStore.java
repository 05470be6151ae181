package io.aftercare.domain.recording;

/** Port: writes a {@link Recording} atomically, at most once per delivery key. */
public interface RecordingStore {

    RecordResult record(Recording recording);
}
