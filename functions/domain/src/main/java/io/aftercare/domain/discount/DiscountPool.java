package io.aftercare.domain.discount;

import io.aftercare.domain.ShopId;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Port: codes a shop made in its own system and uploaded, each handed out to one action only. */
public interface DiscountPool {

    /** A code handed out, and how many were left when it was taken (empty: this action had it before). */
    record HandedOut(String code, OptionalLong leftAfterTaking) {
    }

    /** The code for this action: the one it got before, else a free one taken atomically. Empty when none is left. */
    Optional<HandedOut> handOut(ShopId shop, String actionKey);

    /** Adds codes; one already in the pool (free or handed out) is not added again. @return how many were added */
    int add(ShopId shop, List<String> codes);

    long available(ShopId shop);
}
