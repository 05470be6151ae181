package io.aftercare.domain;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 shortened for keys: a stable fingerprint of some bytes, not a secret (signatures are HmacSha256's). */
public final class Sha256 {

    private Sha256() {
    }

    /** The first 16 bytes of the digest as 32 lowercase hex digits: collisions stay out of reach, keys stay short. */
    public static String shortHex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
