package io.aftercare.domain.discount;

import io.aftercare.domain.ShopId;
import io.aftercare.domain.shop.Shop;

/** Port: what the metrics count about codes, and the word to a shop's owners when its pool runs low. */
public interface DiscountEvents {

    void issued(ShopId shop);

    void withheld(ShopId shop);

    void redeemed(ShopId shop);

    /** A code's end passed and it was never redeemed. */
    void expired(ShopId shop);

    /** The shop's uploaded pool fell to {@code left} codes. */
    void poolLow(Shop shop, long left);
}
