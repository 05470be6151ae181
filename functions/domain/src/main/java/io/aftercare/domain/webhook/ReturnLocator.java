package io.aftercare.domain.webhook;

import io.aftercare.domain.order.ReturnLocation;
import io.aftercare.domain.order.ReturnReference;
import io.aftercare.domain.shop.Shop;

/** Finds the order's return a platform's reference names: from what Aftercare recorded, or by asking the shop. */
@FunctionalInterface
public interface ReturnLocator {

    /** Finds nothing: for platforms that never name a return without its order. */
    ReturnLocator NONE = (shop, reference) -> new Answer.CannotBeLocated(Why.UNKNOWN);

    Answer locate(Shop shop, ReturnReference reference);

    /** Found; not to be found however often it is asked; or not now. Aftercare's pointers answer found or unknown. */
    sealed interface Answer {

        record Found(ReturnLocation location) implements Answer {
        }

        /** Asking again would answer the same: only a pointer the return's own delivery writes can still place it. */
        record CannotBeLocated(Why why) implements Answer {
        }

        /** Throttled, failing or silent: the same question may be answered later. */
        record TryLater() implements Answer {
        }
    }

    /** Why a reference cannot be located: what the shop's people can do about it differs. */
    enum Why {
        /** Nothing to ask the shop with (no Admin API token set). */
        NO_TOKEN,
        /** The shop's API refused the token (revoked, or lacking the scopes). */
        REFUSED,
        /** Neither Aftercare's pointers nor the shop's API know the reference. */
        UNKNOWN
    }
}
