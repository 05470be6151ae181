package io.aftercare.domain.email;

import io.aftercare.domain.HmacSha256;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sealed, single-purpose link tokens (unsubscribe, survey). A token is {@code base64url(version, nonce, AES-GCM of the
 * fields)} under a key derived from the link key, with a random nonce per token and the purpose bound in as associated
 * data: without the key a link shows nothing about whom it was sent to (not even a hash a guessed address could be
 * checked against), two links for the same customer share nothing, a token made for one purpose is worthless for
 * another, and a changed character invalidates it.
 *
 * <p>Tokens minted before the fields were sealed ({@code base64url(fields).base64url(HMAC)}, readable by anyone) are
 * still accepted, since links in emails already sent must keep working; README.md says when that reading can go.
 */
public final class LinkTokens {

    /** {@code SURVEY} is an order's page (check-ins); a kept survey's page and its one-click scores have their own. */
    public enum Purpose { UNSUBSCRIBE, SURVEY, SURVEY_PAGE, SURVEY_SCORE }

    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    /** Far above any real token (about 120 characters); reading stops before decoding anything bigger. */
    private static final int MAX_TOKEN_LENGTH = 1024;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final byte[] key;
    private final SecretKeySpec sealingKey;
    /** 96-bit nonces drawn at random stay unique far past any shop's count of emails (GCM's bound: 2^32 per key). */
    private final SecureRandom random = new SecureRandom();

    public LinkTokens(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("the link signing key must be at least 32 bytes");
        }
        this.key = key.clone();
        this.sealingKey = new SecretKeySpec(derive("link-tokens|aes-256-gcm"), "AES");
    }

    public String seal(Purpose purpose, List<String> fields) {
        for (String field : fields) {
            if (field.contains("|")) {
                throw new IllegalArgumentException("a token field cannot contain |");
            }
        }
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] sealed;
        try {
            sealed = crypt(Cipher.ENCRYPT_MODE, purpose, nonce, String.join("|", fields).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return ENCODER.encodeToString(ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(VERSION).put(nonce).put(sealed).array());
    }

    /** The fields, if the token was sealed (or, before, signed) by this key for this purpose. */
    public Optional<List<String>> open(Purpose purpose, String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        Optional<byte[]> payload = dot < 0 ? unseal(purpose, token) : verifySigned(purpose, token.substring(0, dot), token.substring(dot + 1));
        return payload.map(p -> Arrays.asList(new String(p, StandardCharsets.UTF_8).split("\\|", -1)));
    }

    /** Bytes derived from this key for another use (discount codes, the sealing key), so one secret serves all. */
    public byte[] derive(String context) {
        return HmacSha256.sign(key, ("derive|" + context).getBytes(StandardCharsets.UTF_8));
    }

    private Optional<byte[]> unseal(Purpose purpose, String token) {
        return decode(token).filter(bytes -> bytes.length > 1 + NONCE_BYTES && bytes[0] == VERSION).flatMap(bytes -> {
            try {
                return Optional.of(crypt(Cipher.DECRYPT_MODE, purpose, Arrays.copyOfRange(bytes, 1, 1 + NONCE_BYTES),
                        Arrays.copyOfRange(bytes, 1 + NONCE_BYTES, bytes.length)));
            } catch (AEADBadTagException forgedOrAltered) {
                return Optional.empty();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private byte[] crypt(int mode, Purpose purpose, byte[] nonce, byte[] input) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, sealingKey, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(new byte[] {VERSION});
        cipher.updateAAD(purpose.name().getBytes(StandardCharsets.UTF_8));
        return cipher.doFinal(input);
    }

    /** The format of links sent before tokens were sealed: the fields in the clear, HMAC-signed with the purpose. */
    private Optional<byte[]> verifySigned(Purpose purpose, String encodedPayload, String encodedSignature) {
        return decode(encodedPayload).flatMap(payload -> decode(encodedSignature)
                .filter(signature -> HmacSha256.sameBytes(signature(purpose, payload), signature)).map(signature -> payload));
    }

    private byte[] signature(Purpose purpose, byte[] payload) {
        byte[] prefix = (purpose.name() + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] message = Arrays.copyOf(prefix, prefix.length + payload.length);
        System.arraycopy(payload, 0, message, prefix.length, payload.length);
        return HmacSha256.sign(key, message);
    }

    /** Only the one canonical spelling of some bytes is read, so no two tokens mean the same. */
    private static Optional<byte[]> decode(String text) {
        try {
            byte[] bytes = DECODER.decode(text);
            return ENCODER.encodeToString(bytes).equals(text) ? Optional.of(bytes) : Optional.empty();
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }
}
