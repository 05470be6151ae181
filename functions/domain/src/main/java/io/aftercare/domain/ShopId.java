package io.aftercare.domain;

import java.util.regex.Pattern;

/** A shop's id: a short lowercase slug, used in URLs and keys. */
public record ShopId(String value) {

    private static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]{1,38}[a-z0-9])");

    public ShopId {
        if (value == null || !SLUG.matcher(value).matches()) {
            throw new InvalidInput("shop id must be 3-40 characters: lowercase letters, digits and inner dashes");
        }
    }

    public static boolean isValid(String value) {
        return value != null && SLUG.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
