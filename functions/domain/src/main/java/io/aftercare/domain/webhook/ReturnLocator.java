package io.aftercare.domain.webhook;

import io.aftercare.domain.order.ReturnLocation;
import io.aftercare.domain.order.ReturnReference;
import io.aftercare.domain.shop.Shop;
import java.util.Optional;

/** Finds the order's return a platform's reference names: from what Aftercare recorded, or by asking the shop. */
@FunctionalInterface
public interface ReturnLocator {

    /** Finds nothing: for platforms that never name a return without its order. */
    ReturnLocator NONE = (shop, reference) -> Optional.empty();

    /** Empty when it is not known (yet), or cannot be asked now. */
    Optional<ReturnLocation> locate(Shop shop, ReturnReference reference);
}
