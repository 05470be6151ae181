package io.aftercare.dynamodb;

import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.shop.Branding;
import io.aftercare.domain.shop.DiscountTemplate;
import io.aftercare.domain.shop.Language;
import io.aftercare.domain.shop.Platform;
import io.aftercare.domain.shop.Secret;
import io.aftercare.domain.shop.Shop;
import io.aftercare.domain.shop.ShopSettings;
import io.aftercare.domain.shop.WebhookSecrets;
import io.aftercare.domain.shop.SupportSettings;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

final class TestShops {

    private TestShops() {
    }

    static Shop shop(String id, Instant now) {
        var settings = new ShopSettings(Platform.SHOPIFY, "Kettle House", new EmailAddress("hello@kettlehouse.example"),
                new EmailAddress("help@kettlehouse.example"), Language.PL, ZoneId.of("Europe/Warsaw"),
                ShopSettings.DEFAULT_CHECK_IN_DELAY, ShopSettings.DEFAULT_SURVEY_DELAY, ShopSettings.DEFAULT_TRANSIT_ESTIMATE,
                Optional.of(new DiscountTemplate("THANKS-", 10)), Branding.DEFAULT, SupportSettings.defaults());
        return new Shop(new ShopId(id), settings, WebhookSecrets.of(new Secret("shop-secret-0123456789")), now, now, 1);
    }
}
