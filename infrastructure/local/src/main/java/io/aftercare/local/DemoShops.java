package io.aftercare.local;

import io.aftercare.domain.Conflict;
import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.shop.Branding;
import io.aftercare.domain.shop.DiscountTemplate;
import io.aftercare.domain.shop.Language;
import io.aftercare.domain.shop.Platform;
import io.aftercare.domain.shop.Secret;
import io.aftercare.domain.shop.ShopAdmin;
import io.aftercare.domain.shop.ShopSettings;
import io.aftercare.domain.shop.SupportSettings;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/** One demo shop per platform, registered on a local runner's first start, all with the same demo secret. */
public final class DemoShops {

    public static final String SECRET = "demo-webhook-secret-do-not-use-in-production";

    public record Demo(ShopId id, Platform platform) {
    }

    public static final List<Demo> ALL = List.of(
            new Demo(new ShopId("demo-shopify"), Platform.SHOPIFY),
            new Demo(new ShopId("demo-woocommerce"), Platform.WOOCOMMERCE),
            new Demo(new ShopId("demo-generic"), Platform.GENERIC));

    private DemoShops() {
    }

    /** @return true when they were registered now, false when they existed already */
    public static boolean registerIfAbsent(ShopAdmin shops) {
        boolean registered = false;
        for (Demo demo : ALL) {
            var settings = new ShopSettings(demo.platform(), "Kettle House (" + demo.platform().slug() + " demo)",
                    new EmailAddress("hello@kettlehouse.example"), new EmailAddress("support@kettlehouse.example"),
                    Language.EN, ZoneId.of("Europe/Warsaw"), ShopSettings.DEFAULT_CHECK_IN_DELAY, ShopSettings.DEFAULT_SURVEY_DELAY,
                    ShopSettings.DEFAULT_TRANSIT_ESTIMATE, Optional.of(new DiscountTemplate("THANKS-", 10)), Branding.DEFAULT, SupportSettings.defaults());
            try {
                shops.register(demo.id(), settings, new Secret(SECRET));
                registered = true;
            } catch (Conflict exists) {
                // kept from an earlier start
            }
        }
        return registered;
    }
}
