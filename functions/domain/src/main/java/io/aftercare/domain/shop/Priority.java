package io.aftercare.domain.shop;

import io.aftercare.domain.InvalidInput;
import java.util.Locale;

public enum Priority {
    LOW, NORMAL, HIGH, URGENT;

    public String slug() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Priority fromSlug(String slug) {
        for (Priority p : values()) {
            if (p.slug().equals(slug)) {
                return p;
            }
        }
        throw new InvalidInput("priority", "priority must be low, normal, high or urgent");
    }
}
