package io.aftercare.domain.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Random secrets (links, sessions, CSRF, API tokens, recovery codes) and the SHA-256 they are stored as. */
public final class Credentials {

    static final SecureRandom RANDOM = new SecureRandom();

    private Credentials() {
    }

    /** 32 random bytes, URL-safe: 256 bits, out of reach of guessing, so a plain hash (no salt, no stretching) suffices. */
    public static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A short random id (for an API token's public part): 12 bytes. */
    public static String id() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The whole SHA-256 of a secret, hex: what is stored and looked up, never the secret. */
    public static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Constant time, so that a mismatch's position cannot be timed. */
    public static boolean same(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
