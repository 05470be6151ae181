package io.aftercare.local;

import io.aftercare.domain.Conflict;
import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.discount.DiscountPool;
import io.aftercare.domain.shop.Branding;
import io.aftercare.domain.shop.DiscountTemplate;
import io.aftercare.domain.shop.EscalationStep;
import io.aftercare.domain.shop.Language;
import io.aftercare.domain.shop.Platform;
import io.aftercare.domain.shop.Secret;
import io.aftercare.domain.shop.ShopAdmin;
import io.aftercare.domain.shop.ShopSettings;
import io.aftercare.domain.shop.SupportSettings;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * One demo shop per platform, registered on a local runner's first start, all with the same demo secret. Only the
 * generic one promises a thank-you code: its codes come from a pool uploaded here, while a Shopify or WooCommerce
 * shop's codes are made in that shop, which a local run has none of (they would go out without, saying so).
 */
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

    /** Codes a demo shop could have made in its own system, enough for many runs of the samples. */
    static final List<String> POOL = IntStream.rangeClosed(1, 200).mapToObj(i -> "DEMO-THANKS-%03d".formatted(i)).toList();

    /** Who each level of the demo's escalation ladder reaches (level 1 the team, 2 its lead, 3 a manager). */
    private static final List<String> LADDER = List.of("support", "support-lead", "manager");

    /**
     * The default SLAs with a ladder that names people, so the demo shows whom an unanswered ticket reaches, and a
     * goodwill code on the apology for a parcel in trouble.
     */
    private static SupportSettings support(Platform platform) {
        SupportSettings defaults = SupportSettings.defaults();
        List<EscalationStep> ladder = defaults.escalation().stream()
                .map(step -> new EscalationStep(step.level(), step.after(), List.of(new EmailAddress(LADDER.get(step.level() - 1) + "@kettlehouse.example"))))
                .toList();
        return defaults.withEscalation(ladder).withDeliveryGoodwill(thankYouDiscount(platform));
    }

    /** @return true when they were registered now, false when they existed already */
    public static boolean registerIfAbsent(ShopAdmin shops, DiscountPool pool) {
        boolean registered = false;
        for (Demo demo : ALL) {
            var settings = new ShopSettings(demo.platform(), "Kettle House (" + demo.platform().slug() + " demo)",
                    new EmailAddress("hello@kettlehouse.example"), new EmailAddress("support@kettlehouse.example"),
                    Language.EN, ZoneId.of("Europe/Warsaw"), ShopSettings.DEFAULT_CHECK_IN_DELAY, ShopSettings.DEFAULT_SURVEY_DELAY,
                    ShopSettings.DEFAULT_TRANSIT_ESTIMATE, thankYouDiscount(demo.platform()), Branding.DEFAULT, support(demo.platform()));
            try {
                shops.register(demo.id(), settings, new Secret(SECRET));
                if (demo.platform() == Platform.GENERIC) {
                    pool.add(demo.id(), POOL);
                }
                registered = true;
            } catch (Conflict exists) {
                // kept from an earlier start
            }
        }
        return registered;
    }

    /** The generic demo's codes, from its pool: its thank-you's, and the goodwill its apology for a stuck parcel carries. */
    private static Optional<DiscountTemplate> thankYouDiscount(Platform platform) {
        return platform == Platform.GENERIC ? Optional.of(new DiscountTemplate("THANKS-", 10)) : Optional.empty();
    }
}
