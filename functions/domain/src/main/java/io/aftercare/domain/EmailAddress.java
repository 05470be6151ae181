package io.aftercare.domain;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An email address, trimmed and lowercased so that one person is one customer. */
public record EmailAddress(String value) {

    // Deliberately loose: the platforms validated the address already; this only rejects what cannot be one.
    /** RFC 5321 counts octets: 254 of them. */
    private static final int MAX_BYTES = 254;
    private static final Pattern SHAPE = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");
    /** An address inside prose ("... failed the check in region EU-WEST-1: staff@shop.example."), without the punctuation around it. */
    private static final Pattern IN_TEXT = Pattern.compile("[\\w.!#$%&'*+/=?^`{|}~-]+@[\\w-]+(?:\\.[\\w-]+)+");

    public EmailAddress {
        if (value == null) {
            throw new InvalidInput("email address is missing");
        }
        value = value.trim().toLowerCase(Locale.ROOT);
        // A control character (a line break in a Reply-To) would let the address write headers of its own.
        if (!Limits.fits(value, MAX_BYTES) || !SHAPE.matcher(value).matches() || HeaderText.hasControls(value)) {
            throw new InvalidInput("not an email address");
        }
    }

    public static boolean isValid(String value) {
        try {
            new EmailAddress(value);
            return true;
        } catch (InvalidInput e) {
            return false;
        }
    }

    /** A stable pseudonymous id for keys, so raw addresses never appear in keys or logs. */
    public String hash() {
        return Sha256.shortHex(value.getBytes(StandardCharsets.UTF_8));
    }

    /** For logs: {@code j***@example.com}. */
    public String masked() {
        return mask(value);
    }

    /** A provider's text (an SES refusal names the addresses it refused) with every address in it masked, to store or log. */
    public static String maskAddressesIn(String text) {
        return IN_TEXT.matcher(text).replaceAll(address -> Matcher.quoteReplacement(mask(address.group())));
    }

    private static String mask(String address) {
        return address.charAt(0) + "***" + address.substring(address.indexOf('@'));
    }

    @Override
    public String toString() {
        return masked();
    }
}
