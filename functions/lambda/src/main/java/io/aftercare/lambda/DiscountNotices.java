package io.aftercare.lambda;

import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.discount.DiscountEvents;
import io.aftercare.domain.email.EmailRejected;
import io.aftercare.domain.shop.Role;
import io.aftercare.domain.shop.Shop;
import io.aftercare.domain.ticket.StaffNotifier;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Codes counted in the metrics; a pool running low also emailed to the shop's owners (its members with the owner role;
 * the reply-to address, which customers write to, only while the shop has no owner yet).
 */
final class DiscountNotices implements DiscountEvents {

    private final Telemetry telemetry;
    /** Built when a pool first runs low: its chat client (and TLS context) is no cost to the webhooks that record redemptions. */
    private final Supplier<? extends StaffNotifier> staff;
    private final BiFunction<ShopId, Role, List<EmailAddress>> members;

    /** @param members the addresses of a shop's members holding a role */
    DiscountNotices(Telemetry telemetry, Supplier<? extends StaffNotifier> staff, BiFunction<ShopId, Role, List<EmailAddress>> members) {
        this.telemetry = telemetry;
        this.staff = staff;
        this.members = members;
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
    public void expired(ShopId shop) {
        telemetry.discount("DiscountCodesExpired");
    }

    @Override
    public void poolLow(Shop shop, long left) {
        telemetry.discount("DiscountPoolLow");
        var notice = new StaffNotifier.Notice("[" + shop.settings().brandName() + "] Only " + left + " discount codes are left",
                "Aftercare has " + left + " unused codes left in the pool you uploaded. Upload more with POST /admin/shops/"
                        + shop.id().value() + "/discount-pool (one code a line); once the pool is empty, thank-you and "
                        + "goodwill emails go out without a code and their timelines say so.");
        List<EmailAddress> owners = members.apply(shop.id(), Role.OWNER);
        for (EmailAddress owner : owners.isEmpty() ? List.of(shop.settings().replyToEmail()) : owners) {
            try {
                staff.get().email(shop, owner, notice);
            } catch (EmailRejected refused) {
                // the alarm has fired already; an owner's address SES refuses must not cost the customer their code
            }
        }
    }
}
