package io.aftercare.platforms.discounts;

import io.aftercare.domain.discount.Creation;
import io.aftercare.domain.discount.DiscountAccess;
import io.aftercare.domain.discount.DiscountOffer;
import io.aftercare.domain.discount.ShopDiscounts;
import io.aftercare.domain.shop.Shop;

/** Codes made where the shop's platform lets Aftercare make them (Shopify, WooCommerce), else handed out of the shop's pool. */
public final class PlatformDiscounts implements ShopDiscounts {

    private final DiscountAccess.Store access;
    private final ShopifyDiscounts shopify;
    private final WooCommerceCoupons wooCommerce;
    private final ShopDiscounts pool;

    public PlatformDiscounts(DiscountAccess.Store access, PlatformHttp http, ShopDiscounts pool) {
        this.access = access;
        this.shopify = new ShopifyDiscounts(http);
        this.wooCommerce = new WooCommerceCoupons(http);
        this.pool = pool;
    }

    @Override
    public Creation create(Shop shop, DiscountOffer offer) {
        return switch (shop.settings().platform()) {
            case SHOPIFY -> access.access(shop.id()).filter(DiscountAccess.Shopify.class::isInstance).map(DiscountAccess.Shopify.class::cast)
                    .map(a -> shopify.create(a, offer))
                    .orElseGet(() -> new Creation.Refused("no Shopify Admin API access token is set for this shop"));
            case WOOCOMMERCE -> access.access(shop.id()).filter(DiscountAccess.WooCommerce.class::isInstance)
                    .map(DiscountAccess.WooCommerce.class::cast).map(a -> wooCommerce.create(a, offer))
                    .orElseGet(() -> new Creation.Refused("no WooCommerce REST API key is set for this shop"));
            case GENERIC -> pool.create(shop, offer);
        };
    }
}
