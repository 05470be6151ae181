package io.aftercare.domain.email;

import java.util.Locale;

/** Why an address must never be written to again. Stored by its slug ({@code bounced}, {@code complained}). */
public enum Suppression {
    /** An email to it bounced for good. */
    BOUNCED,
    /** Its owner marked an email as spam. */
    COMPLAINED;

    public String slug() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Only these two were ever stored; a suppression that is not a complaint was a bounce. */
    public static Suppression fromSlug(String slug) {
        return COMPLAINED.slug().equals(slug) ? COMPLAINED : BOUNCED;
    }
}
