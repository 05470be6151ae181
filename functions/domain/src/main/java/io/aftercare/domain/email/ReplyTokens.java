package io.aftercare.domain.email;

import io.aftercare.domain.HmacSha256;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.timeline.Subject;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * The code of a reply address: the first 80 bits of an HMAC, under a key derived from the link key, of what the email
 * was about (a ticket, or an order for a post-purchase email) and its shop, in lower-case base32 (16 characters:
 * {@code reply+} and the longest shop id still fit the 64 octets of a local part). A code cannot be made without the
 * key, names one shop and one subject of one type (an order's code never reads as a ticket's), and changes with any
 * character changed. The code is not reversible: what it names is kept when an email carrying it is sent
 * ({@link ThreadStore}), and checked again against the code when a reply comes back.
 */
public final class ReplyTokens {

    static final int CODE_LENGTH = 16;
    private static final int CODE_BYTES = CODE_LENGTH * 5 / 8;
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
    private static final Pattern CODE = Pattern.compile("[a-z2-7]{" + CODE_LENGTH + "}");

    private final byte[] key;

    public ReplyTokens(LinkTokens keys) {
        this.key = keys.derive("reply-tokens|hmac-sha256");
    }

    public String code(ShopId shop, Subject subject) {
        return base32(mac(shop, subject));
    }

    /** Whether {@code code} is the one made for this shop and subject (compared in constant time). */
    public boolean names(String code, ShopId shop, Subject subject) {
        return HmacSha256.sameBytes(code(shop, subject).getBytes(StandardCharsets.US_ASCII), code.getBytes(StandardCharsets.US_ASCII));
    }

    static boolean isCode(String text) {
        return CODE.matcher(text).matches();
    }

    private byte[] mac(ShopId shop, Subject subject) {
        byte[] full = HmacSha256.sign(key, ("reply|" + subject.type().name() + "|" + shop.value() + "|" + subject.id()).getBytes(StandardCharsets.UTF_8));
        return Arrays.copyOf(full, CODE_BYTES);
    }

    /** RFC 4648 base32, lower-case, of a length divisible by five (no padding). */
    private static String base32(byte[] bytes) {
        var text = new StringBuilder();
        for (int i = 0; i < bytes.length; i += 5) {
            long group = 0;
            for (int j = 0; j < 5; j++) {
                group = (group << 8) | (bytes[i + j] & 0xff);
            }
            for (int shift = 35; shift >= 0; shift -= 5) {
                text.append(ALPHABET.charAt((int) (group >>> shift) & 31));
            }
        }
        return text.toString();
    }
}
