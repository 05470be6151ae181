package io.aftercare.domain.discount;

import io.aftercare.domain.shop.Shop;
import java.util.OptionalLong;

/** Codes for a shop whose platform Aftercare cannot create codes in: handed out of its uploaded pool. */
public final class PoolDiscounts implements ShopDiscounts {

    /** When this many are left, the owners are told, once (the alarm, and an email to the shop's reply-to address). */
    public static final long LOW_AT = 10;

    private final DiscountPool pool;
    private final DiscountEvents events;

    public PoolDiscounts(DiscountPool pool, DiscountEvents events) {
        this.pool = pool;
        this.events = events;
    }

    @Override
    public Creation create(Shop shop, DiscountOffer offer) {
        var handedOut = pool.handOut(shop.id(), offer.actionKey());
        if (handedOut.isEmpty()) {
            return new Creation.Refused("the shop's pool of uploaded codes is empty");
        }
        // each count is returned to one hand-out only, so the owners hear of it once however many actions run at a time
        if (handedOut.get().leftAfterTaking().equals(OptionalLong.of(LOW_AT))) {
            events.poolLow(shop, LOW_AT);
        }
        return new Creation.Created(handedOut.get().code());
    }
}
