package io.aftercare.domain.shop;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The e-shop platforms whose webhooks Aftercare understands; {@code generic} is Aftercare's own format. */
public enum Platform {
    SHOPIFY, WOOCOMMERCE, GENERIC;

    /** The name used in webhook URLs and the API. */
    public String slug() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Platform> fromSlug(String slug) {
        return Arrays.stream(values()).filter(p -> p.slug().equals(slug)).findFirst();
    }
}
