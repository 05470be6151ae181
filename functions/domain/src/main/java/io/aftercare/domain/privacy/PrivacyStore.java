package io.aftercare.domain.privacy;

import io.aftercare.domain.ShopId;
import io.aftercare.domain.action.ActionDetail;
import io.aftercare.domain.action.ActionKind;
import io.aftercare.domain.action.DueAction;
import io.aftercare.domain.timeline.TimelineEntry;
import java.time.Instant;
import java.util.Optional;

/** Port: privacy requests, recorded as jobs, and their work done batch by batch. */
public interface PrivacyStore {

    /**
     * Records a request in one write: its job (a due action), its line on the shop's audit trail and, for a webhook,
     * the delivery's dedupe marker.
     *
     * @throws io.aftercare.domain.DuplicateDelivery when the delivery, or the same request, was recorded before
     */
    void open(ShopId shop, DueAction job, TimelineEntry entry, Optional<String> deliveryKey, String topic, Instant now);

    /**
     * One bounded batch of a job's work, found from where the data is (never by scanning the table in a request):
     * idempotent, so a batch a timeout cut short is simply done again.
     */
    Progress step(ShopId shop, ActionKind kind, ActionDetail.Privacy job, Instant now);

    /**
     * After the job ended: a customer's erasure takes the customer's hash off its job, a shop's erasure deletes its job
     * (the last of the shop's items) and what it left on the shop's trail.
     */
    void finished(ShopId shop, ActionKind kind, String jobId);

    /** @param items what this batch deleted, anonymised or exported; {@code done} once nothing is left to do */
    record Progress(int items, boolean done) {
    }
}
