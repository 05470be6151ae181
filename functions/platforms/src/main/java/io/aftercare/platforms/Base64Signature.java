package io.aftercare.platforms;

import io.aftercare.domain.shop.Secret;
import io.aftercare.domain.HmacSha256;
import java.util.Base64;
import java.util.Optional;

/** Shopify's and WooCommerce's scheme: Base64 of the HMAC-SHA256 of the raw body. */
public final class Base64Signature {

    private Base64Signature() {
    }

    public static boolean matches(Optional<String> header, byte[] body, Secret secret) {
        byte[] expected = HmacSha256.sign(secret.bytes(), body);
        return HmacSha256.sameBytes(expected, header.map(Base64Signature::decode).orElse(null));
    }

    private static byte[] decode(String signature) {
        try {
            return Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }
}
