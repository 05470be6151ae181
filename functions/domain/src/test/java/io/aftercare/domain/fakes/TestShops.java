package io.aftercare.domain.fakes;

import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.shop.Branding;
import io.aftercare.domain.shop.Language;
import io.aftercare.domain.shop.Platform;
import io.aftercare.domain.shop.Secret;
import io.aftercare.domain.shop.Shop;
import io.aftercare.domain.shop.ShopSettings;
import io.aftercare.domain.shop.SupportSettings;
import io.aftercare.domain.shop.WebhookSecrets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/** Kettle House: a generic-platform shop with a 60-day check-in, a 7-day survey delay and 4 days' transit. */
public final class TestShops {

    public static final Secret SECRET = new Secret("kettle-house-webhook-secret");

    private TestShops() {
    }

    public static ShopSettings settings(ZoneId zone, SupportSettings support) {
        return new ShopSettings(Platform.GENERIC, "Kettle House", new EmailAddress("hello@kettlehouse.example"),
                new EmailAddress("help@kettlehouse.example"), Language.EN, zone, Duration.ofDays(60), Duration.ofDays(7),
                Duration.ofDays(4), Optional.empty(), Branding.DEFAULT, support);
    }

    public static Shop shop(String id, ShopSettings settings, Instant created) {
        return new Shop(new ShopId(id), settings, WebhookSecrets.of(SECRET), created, created, 1);
    }
}
