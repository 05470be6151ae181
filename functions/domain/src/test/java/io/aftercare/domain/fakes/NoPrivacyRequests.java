package io.aftercare.domain.fakes;

import io.aftercare.domain.ShopId;
import io.aftercare.domain.action.ActionDetail;
import io.aftercare.domain.action.ActionKind;
import io.aftercare.domain.action.DueAction;
import io.aftercare.domain.privacy.PrivacyRequests;
import io.aftercare.domain.privacy.PrivacyStore;
import io.aftercare.domain.timeline.TimelineEntry;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** A platform that never sends a privacy request: for the domain tests that do not look at them. */
public final class NoPrivacyRequests implements PrivacyStore {

    public static PrivacyRequests requests(Clock clock) {
        return new PrivacyRequests(new NoPrivacyRequests(), null, clock);
    }

    public void open(ShopId shop, DueAction job, TimelineEntry entry, Optional<String> deliveryKey, String topic, Instant now) {
        throw new AssertionError("no privacy request expected");
    }

    public Progress step(ShopId shop, ActionKind kind, ActionDetail.Privacy job, Instant now) {
        throw new AssertionError("no privacy job expected");
    }

    public void finished(ShopId shop, ActionKind kind, String jobId) {
        throw new AssertionError("no privacy job expected");
    }
}
