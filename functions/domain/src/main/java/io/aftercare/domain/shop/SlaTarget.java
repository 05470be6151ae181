package io.aftercare.domain.shop;

import java.util.Locale;

/** What an SLA promises: a first answer, an answer to each follow-up, and a resolution. */
public enum SlaTarget {
    FIRST_RESPONSE, NEXT_RESPONSE, RESOLUTION;

    public String slug() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    public static SlaTarget fromSlug(String slug) {
        for (SlaTarget t : values()) {
            if (t.slug().equals(slug)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown SLA target " + slug);
    }
}
