package io.aftercare.domain.timeline;

import io.aftercare.domain.ShopId;
import java.util.Optional;

/** Port: appends one entry to a timeline (and to the customer's); writing the same entry twice keeps one. */
public interface TimelineAppender {

    /** @param customerHash the hash of the customer's address, whose timeline shows the entry too; none for an entry no customer's shows */
    void write(ShopId shop, TimelineEntry entry, Optional<String> customerHash);

    default void write(ShopId shop, TimelineEntry entry, String customerHash) {
        write(shop, entry, Optional.of(customerHash));
    }
}
