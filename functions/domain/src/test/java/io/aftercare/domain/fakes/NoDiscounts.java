package io.aftercare.domain.fakes;

import io.aftercare.domain.ShopId;
import io.aftercare.domain.action.DueAction;
import io.aftercare.domain.discount.DiscountEvents;
import io.aftercare.domain.discount.IssuedDiscount;
import io.aftercare.domain.discount.IssuedDiscounts;
import io.aftercare.domain.discount.Redemptions;
import io.aftercare.domain.shop.Shop;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** A shop that never issued a code: for the domain tests that do not look at discounts. */
public final class NoDiscounts implements IssuedDiscounts, DiscountEvents {

    public static Redemptions redemptions(Clock clock) {
        var none = new NoDiscounts();
        return new Redemptions(none, (shop, entry, customerHash) -> {
            throw new AssertionError("no timeline entry expected for a code Aftercare did not issue");
        }, none, clock);
    }

    public Optional<IssuedDiscount> forAction(ShopId shop, String actionKey) {
        return Optional.empty();
    }

    public IssuedDiscount keep(IssuedDiscount issued, List<DueAction> followUps) {
        return issued;
    }

    public boolean redeemed(ShopId shop, String code) {
        return false;
    }

    public Optional<IssuedDiscount> byCode(ShopId shop, String code) {
        return Optional.empty();
    }

    public boolean markRedeemed(ShopId shop, String code, String orderId) {
        return false;
    }

    public void issued(ShopId shop) { }

    public void withheld(ShopId shop) { }

    public void redeemed(ShopId shop) { }

    public void expired(ShopId shop) { }

    public void poolLow(Shop shop, long left) { }
}
