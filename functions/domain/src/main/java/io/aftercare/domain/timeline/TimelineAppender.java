package io.aftercare.domain.timeline;

import io.aftercare.domain.ShopId;

/** Port: appends one entry to a timeline (and to the customer's); writing the same entry twice keeps one. */
public interface TimelineAppender {

    /** @param customerHash the hash of the customer's address, whose timeline shows the entry too */
    void write(ShopId shop, TimelineEntry entry, String customerHash);
}
