package io.aftercare.domain.fakes;

import io.aftercare.domain.ChangedMeanwhile;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.action.DueAction;
import io.aftercare.domain.recording.OrderRecording;
import io.aftercare.domain.recording.RecordResult;
import io.aftercare.domain.recording.Recording;
import io.aftercare.domain.recording.RecordingStore;
import io.aftercare.domain.timeline.TimelineEntry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Recordings kept in a list, at most once per delivery key, with the store's put-if-absent actions. {@link #contend()}
 * makes every write lose its race, as when other writers keep changing the same order.
 */
public final class InMemoryRecordings implements RecordingStore {

    private final Set<String> deliveries = new HashSet<>();
    private final Set<String> actions = new HashSet<>();
    private final List<Recording> recorded = new ArrayList<>();
    private final List<TimelineEntry> notes = new ArrayList<>();
    private boolean contended;

    @Override
    public RecordResult record(Recording recording) {
        if (contended) {
            throw new ChangedMeanwhile("other writes to order kept winning");
        }
        if (!deliveries.add(recording.shop().value() + "/" + recording.deliveryKey())) {
            return RecordResult.duplicateDelivery();
        }
        List<String> notScheduled = new ArrayList<>(recording.order().map(OrderRecording::actions).orElse(List.of()).stream()
                .map(DueAction::id)
                .filter(id -> !actions.add(recording.shop().value() + "/" + id))
                .toList());
        // no tickets here: no delivery case to resolve
        recording.order().flatMap(OrderRecording::caseResolution).ifPresent(resolution -> notScheduled.add(resolution.check().id()));
        recorded.add(recording);
        return new RecordResult(false, false, notScheduled);
    }

    @Override
    public boolean recordUnapplied(ShopId shop, String deliveryKey, String topic, TimelineEntry note) {
        if (contended) {
            throw new ChangedMeanwhile("other writes kept winning");
        }
        if (!deliveries.add(shop.value() + "/" + deliveryKey)) {
            return false;
        }
        notes.add(note);
        return true;
    }

    public void contend() {
        contended = true;
    }

    public List<Recording> recorded() {
        return List.copyOf(recorded);
    }

    /** The notes of deliveries recorded without being applied. */
    public List<TimelineEntry> notes() {
        return List.copyOf(notes);
    }
}
