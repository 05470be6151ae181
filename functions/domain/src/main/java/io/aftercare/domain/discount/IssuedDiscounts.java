package io.aftercare.domain.discount;

import io.aftercare.domain.ShopId;
import io.aftercare.domain.action.DueAction;
import java.util.List;
import java.util.Optional;

/** Port: the codes Aftercare issued, by action (so a retry reuses one) and by code (so a redemption finds where it came from). */
public interface IssuedDiscounts {

    Optional<IssuedDiscount> forAction(ShopId shop, String actionKey);

    /**
     * Keeps {@code issued} unless its action has one already, and schedules {@code followUps} with it (its reminder and
     * its expiry check) in the same write, so a kept code always has them. @return the one kept
     */
    IssuedDiscount keep(IssuedDiscount issued, List<DueAction> followUps);

    Optional<IssuedDiscount> byCode(ShopId shop, String code);

    /** Whether an order used the code. */
    boolean redeemed(ShopId shop, String code);

    /** Marks the code redeemed by {@code orderId}. @return false when it was marked before (a repeated delivery) */
    boolean markRedeemed(ShopId shop, String code, String orderId);
}
