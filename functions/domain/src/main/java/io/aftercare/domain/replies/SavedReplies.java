package io.aftercare.domain.replies;

import io.aftercare.domain.ShopId;
import io.aftercare.domain.timeline.TimelineEntry;
import java.util.List;
import java.util.Optional;

/**
 * Port: a shop's saved replies. Each change is written with its entry on the shop's audit trail, in one write: a change
 * is never kept without the entry that says who made it, nor the entry without the change.
 */
public interface SavedReplies {

    /** All of them, by title. */
    List<SavedReply> list(ShopId shop);

    Optional<SavedReply> find(ShopId shop, String id);

    /**
     * Adds a new one.
     *
     * @throws io.aftercare.domain.Conflict when the shop has {@link SavedReply#MAX_PER_SHOP} already
     */
    void create(ShopId shop, SavedReply reply, TimelineEntry audit);

    /** @throws io.aftercare.domain.NotFound when it does not exist */
    void replace(ShopId shop, SavedReply reply, TimelineEntry audit);

    /** @throws io.aftercare.domain.NotFound when it does not exist (any more) */
    void delete(ShopId shop, String id, TimelineEntry audit);
}
