package io.aftercare.domain.discount;

import io.aftercare.domain.ShopId;
import io.aftercare.domain.order.CustomerContact;
import java.time.Instant;

/**
 * A personal code to create in the shop for one email's action.
 *
 * @param actionKey the action the code belongs to: one action, one code, however often it is retried
 * @param code the code Aftercare derived for that action; platforms that create codes use it, so asking again for the
 *             same action names the same code and a shop that has it already says so instead of making a second one
 * @param customer the only buyer the code is for: by address (WooCommerce) or by the platform's id for them (Shopify)
 */
public record DiscountOffer(ShopId shop, String actionKey, String code, int percent, CustomerContact customer, Instant startsAt,
                            Instant endsAt) {
}
