package io.aftercare.domain.email;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a customer can unsubscribe from. Transactional mail (the thank-you for an order they placed) has no
 * unsubscribe; it stops only for an address that bounced or complained.
 */
public enum EmailCategory {
    TRANSACTIONAL, FOLLOW_UPS, SURVEYS, ALL;

    public String slug() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<EmailCategory> fromSlug(String slug) {
        return Arrays.stream(values()).filter(c -> c.slug().equals(slug)).findFirst();
    }
}
