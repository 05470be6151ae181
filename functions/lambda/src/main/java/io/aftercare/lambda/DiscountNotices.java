package io.aftercare.lambda;

import io.aftercare.domain.ShopId;
import io.aftercare.domain.discount.DiscountEvents;
import io.aftercare.domain.email.EmailRejected;
import io.aftercare.domain.shop.Shop;
import io.aftercare.domain.ticket.StaffNotifier;

/** Codes counted in the metrics; a pool running low also emailed to the shop's owners (its reply-to address). */
final class DiscountNotices implements DiscountEvents {

    private final Telemetry telemetry;
    private final StaffNotifier owners;

    DiscountNotices(Telemetry telemetry, StaffNotifier owners) {
        this.telemetry = telemetry;
        this.owners = owners;
    }

    @Override
    public void issued(ShopId shop) {
        telemetry.discount("DiscountCodesIssued");
    }

    @Override
    public void withheld(ShopId shop) {
        telemetry.discount("DiscountCodesWithheld");
    }

    @Override
    public void redeemed(ShopId shop) {
        telemetry.discount("DiscountCodesRedeemed");
    }

    @Override
    public void poolLow(Shop shop, long left) {
        telemetry.discount("DiscountPoolLow");
        try {
            owners.email(shop, shop.settings().replyToEmail(), new StaffNotifier.Notice(
                    "[" + shop.settings().brandName() + "] Only " + left + " discount codes are left",
                    "Aftercare has " + left + " unused codes left in the pool you uploaded. Upload more with POST /admin/shops/"
                            + shop.id().value() + "/discount-pool (one code a line); once the pool is empty, thank-you and "
                            + "goodwill emails go out without a code and their timelines say so."));
        } catch (EmailRejected refused) {
            // the alarm has fired already; an owner's address SES refuses must not cost the customer their code
        }
    }
}
