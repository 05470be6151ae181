package io.aftercare.domain;

import java.util.regex.Pattern;

/**
 * Text that ends up in a mail header (a display name, a subject). A line break there starts a new header
 * ({@code Bcc: ...}), so no control character may reach one: shop settings refuse them, and whatever else becomes a
 * header (a customer's complaint subject in {@code Re: ...}) has them collapsed to a space.
 */
public final class HeaderText {

    /** C0 and C1 controls, DEL, and the Unicode line and paragraph separators. */
    private static final Pattern CONTROLS = Pattern.compile("[\\p{Cc}\\u2028\\u2029]+");

    private HeaderText() {
    }

    public static boolean hasControls(String text) {
        return CONTROLS.matcher(text).find();
    }

    /** Each run of control characters becomes one space, so a subject stays one line. */
    public static String flatten(String text) {
        return CONTROLS.matcher(text).replaceAll(" ");
    }
}
