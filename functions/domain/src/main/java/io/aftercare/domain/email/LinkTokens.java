package io.aftercare.domain.email;

import io.aftercare.domain.HmacSha256;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Signed, single-purpose link tokens (unsubscribe, survey): {@code payload.signature}, where the signature is an
 * HMAC-SHA256 over the purpose and the payload. A token made for one purpose is worthless for another, and a
 * changed byte invalidates it. Payload fields never contain an email address, only its hash.
 */
public final class LinkTokens {

    public enum Purpose { UNSUBSCRIBE, SURVEY }

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final byte[] key;

    public LinkTokens(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("the link signing key must be at least 32 bytes");
        }
        this.key = key.clone();
    }

    public String sign(Purpose purpose, List<String> fields) {
        for (String field : fields) {
            if (field.contains("|")) {
                throw new IllegalArgumentException("a token field cannot contain |");
            }
        }
        byte[] payload = String.join("|", fields).getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(mac(purpose, payload));
    }

    /** The fields, if the token was signed by this key for this purpose. */
    public Optional<List<String>> verify(Purpose purpose, String token) {
        int dot = token == null ? -1 : token.indexOf('.');
        if (dot < 1 || token.length() > 1024) {
            return Optional.empty();
        }
        try {
            byte[] payload = DECODER.decode(token.substring(0, dot));
            byte[] signature = DECODER.decode(token.substring(dot + 1));
            if (!HmacSha256.sameBytes(mac(purpose, payload), signature)) {
                return Optional.empty();
            }
            return Optional.of(Arrays.asList(new String(payload, StandardCharsets.UTF_8).split("\\|", -1)));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    /** Bytes derived from this key for another use (discount codes), so one secret serves all. */
    public byte[] derive(String context) {
        return HmacSha256.sign(key, ("derive|" + context).getBytes(StandardCharsets.UTF_8));
    }

    private byte[] mac(Purpose purpose, byte[] payload) {
        byte[] prefix = (purpose.name() + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] message = Arrays.copyOf(prefix, prefix.length + payload.length);
        System.arraycopy(payload, 0, message, prefix.length, payload.length);
        return HmacSha256.sign(key, message);
    }
}
