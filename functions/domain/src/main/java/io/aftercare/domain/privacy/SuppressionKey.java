package io.aftercare.domain.privacy;

import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.HmacSha256;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * What an erased customer's suppression is kept by: an HMAC of their address, so a bounce or a complaint still stops
 * mail to it once the address and its plain hash are gone, and nobody holding the table alone can test a guess.
 * Derived from the link key (its own label, so the two never sign the same bytes): rotating that key forgets these.
 */
public final class SuppressionKey {

    private static final byte[] LABEL = "aftercare:erased-suppression:v1".getBytes(StandardCharsets.UTF_8);

    private final byte[] key;

    public SuppressionKey(byte[] linkKey) {
        this.key = HmacSha256.sign(linkKey, LABEL);
    }

    public String of(EmailAddress address) {
        return HexFormat.of().formatHex(HmacSha256.sign(key, address.value().getBytes(StandardCharsets.UTF_8)), 0, 16);
    }
}
