package io.aftercare.domain.shop;

import io.aftercare.domain.InvalidInput;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/** How a shop's personal discount codes look: {@code THANKS-} plus a random suffix, worth {@code percent} off. */
public record DiscountTemplate(String prefix, int percent) {

    private static final Pattern PREFIX = Pattern.compile("[A-Z0-9-]{1,20}");
    // No 0/O or 1/I: customers type these codes by hand.
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final int SUFFIX_LENGTH = 8;

    public DiscountTemplate {
        if (prefix == null || !PREFIX.matcher(prefix).matches()) {
            throw new InvalidInput("discount.prefix", "the discount prefix must be 1-20 uppercase letters, digits or dashes");
        }
        if (percent < 1 || percent > 100) {
            throw new InvalidInput("discount.percent", "the discount percent must be between 1 and 100");
        }
    }

    public String newCode(RandomGenerator random) {
        var code = new StringBuilder(prefix);
        for (int i = 0; i < SUFFIX_LENGTH; i++) {
            code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }
}
