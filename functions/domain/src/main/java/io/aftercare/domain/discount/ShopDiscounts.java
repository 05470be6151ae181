package io.aftercare.domain.discount;

import io.aftercare.domain.shop.Shop;

/** Port: creates a personal code in the shop's own system (Shopify, WooCommerce) or hands one out of its uploaded pool. */
public interface ShopDiscounts {

    /**
     * @return the code the customer can use, or why the shop refused for good
     * @throws DiscountServiceBusy when it may work later
     */
    Creation create(Shop shop, DiscountOffer offer);
}
