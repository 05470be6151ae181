package io.aftercare.domain.replies;

import io.aftercare.domain.ShopId;
import java.util.List;

/** Port: a shop's saved replies. */
public interface SavedReplies {

    /** All of them, by title. */
    List<SavedReply> list(ShopId shop);

    /**
     * Adds a new one.
     *
     * @throws io.aftercare.domain.Conflict when the shop has {@link SavedReply#MAX_PER_SHOP} already
     */
    void create(ShopId shop, SavedReply reply);

    /** @throws io.aftercare.domain.NotFound when it does not exist */
    void replace(ShopId shop, SavedReply reply);

    /** @throws io.aftercare.domain.NotFound when it does not exist */
    void delete(ShopId shop, String id);
}
