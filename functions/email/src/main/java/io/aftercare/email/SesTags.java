package io.aftercare.email;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * SES tag values allow only ASCII letters, digits, {@code _} and {@code -}: anything else (the {@code #} of an action
 * id, a {@code .} in an order id) is written as {@code _} and two hex digits, reversibly. SES's rule, so kept by the
 * SES adapter: the sender writes every tag value so, the event parser reads them back.
 */
final class SesTags {

    private SesTags() {
    }

    static String encode(String value) {
        var out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-') {
                out.append(c);
            } else {
                out.append('_').append(String.format("%02x", b & 0xff));
            }
        }
        return out.toString();
    }

    /** Reads what {@link #encode} wrote; a value that was never encoded comes back as it is. */
    static String decode(String value) {
        var out = new ByteArrayOutputStream();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '_' && isHex(value, i + 1) && isHex(value, i + 2)) {
                out.write(Integer.parseInt(value.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(String value, int index) {
        return index < value.length() && Character.digit(value.charAt(index), 16) >= 0;
    }
}
