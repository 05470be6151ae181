package io.aftercare.domain.email;

import io.aftercare.domain.ShopId;
import io.aftercare.domain.action.ClaimedAction;
import io.aftercare.domain.timeline.Subject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tags an email carries, so that SES's reports about it can be traced back without a lookup: its shop, and for
 * a due action's email the action, its kind and its order. SES tag values allow only ASCII letters, digits, {@code _}
 * and {@code -}: anything else (the {@code #} of an action id, a {@code .} in an order id) is written as {@code _} and
 * two hex digits, reversibly.
 */
public final class SesTags {

    public static final String SHOP = "shop";
    /** The action's id: it names the email in the timeline entries of its reports. */
    public static final String ACTION = "action";
    public static final String KIND = "kind";
    public static final String ORDER = "order";

    private SesTags() {
    }

    /** The tags of a due action's email. */
    public static Map<String, String> of(ShopId shop, ClaimedAction action) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(SHOP, shop.value());
        tags.put(ACTION, encode(action.actionId()));
        tags.put(KIND, action.kind().slug());
        if (action.subject().type() == Subject.Type.ORDER) {
            tags.put(ORDER, encode(action.subject().id()));
        }
        return tags;
    }

    public static String encode(String value) {
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
    public static String decode(String value) {
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
