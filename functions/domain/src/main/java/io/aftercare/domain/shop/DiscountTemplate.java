package io.aftercare.domain.shop;

import io.aftercare.domain.InvalidInput;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * How a shop's personal discount codes look: {@code THANKS-} plus a random suffix, worth {@code percent} off, usable
 * for {@code validDays} from when its email is sent.
 *
 * @param remindDaysBefore how many days before an unused code expires its customer is reminded of it; 0, no reminder
 */
public record DiscountTemplate(String prefix, int percent, int validDays, int remindDaysBefore) {

    /** What a code is valid for when the shop says nothing (and what templates saved before the setting mean). */
    public static final int DEFAULT_VALID_DAYS = 30;
    /** Platforms take longer; a year is the longest a promise in a thank-you email stays meaningful. */
    public static final int MAX_VALID_DAYS = 365;

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
        if (validDays < 1 || validDays > MAX_VALID_DAYS) {
            throw new InvalidInput("discount.validDays", "a discount code must be valid for 1 to " + MAX_VALID_DAYS + " days");
        }
        if (remindDaysBefore < 0 || remindDaysBefore >= validDays) {
            throw new InvalidInput("discount.remindDaysBefore", "the reminder must come 1 to " + (validDays - 1)
                    + " days before the code expires (within its validDays), or 0 for none");
        }
    }

    public DiscountTemplate(String prefix, int percent) {
        this(prefix, percent, DEFAULT_VALID_DAYS, 0);
    }

    /** When an unused code's reminder is due, if the shop wants one. */
    public Optional<Instant> reminderAt(Instant endsAt) {
        return remindDaysBefore == 0 ? Optional.empty() : Optional.of(endsAt.minus(Duration.ofDays(remindDaysBefore)));
    }

    public Duration validFor() {
        return Duration.ofDays(validDays);
    }

    public String newCode(RandomGenerator random) {
        var code = new StringBuilder(prefix);
        for (int i = 0; i < SUFFIX_LENGTH; i++) {
            code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }
}
