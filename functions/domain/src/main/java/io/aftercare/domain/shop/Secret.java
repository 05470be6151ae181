package io.aftercare.domain.shop;

import io.aftercare.domain.InvalidInput;
import java.nio.charset.StandardCharsets;

/** A webhook signing secret, or another credential of the shop's. Its {@code toString} never shows it, so it cannot leak into a log line. */
public final class Secret {

    public static final int MIN_LENGTH = 16;

    private final String value;

    public Secret(String value) {
        this("webhookSecret", "the webhook secret", value);
    }

    /** Another credential of the shop's (an API token or key), named in the error as {@code field}. */
    public Secret(String field, String value) {
        this(field, field, value);
    }

    private Secret(String field, String name, String value) {
        // Counted on the value as given (spaces included), which is what the platform signs with; all blanks is no secret.
        if (value == null || value.length() < MIN_LENGTH || value.isBlank()) {
            throw new InvalidInput(field, name + " must be at least " + MIN_LENGTH + " characters");
        }
        this.value = value;
    }

    public byte[] bytes() {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /** Only for the store that keeps it. */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "Secret[***]";
    }
}
