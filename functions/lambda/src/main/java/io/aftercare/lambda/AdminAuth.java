package io.aftercare.lambda;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Checks the {@code Authorization: Bearer} token of admin and agent requests in constant time. The token is
 * fetched on first use, so functions that never check it never read it.
 */
public final class AdminAuth {

    private final Supplier<String> token;
    private volatile byte[] expected;

    public AdminAuth(Supplier<String> token) {
        this.token = token;
    }

    public boolean allows(Optional<String> authorization) {
        byte[] given = authorization
                .filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(h -> h.substring(7).trim().getBytes(StandardCharsets.UTF_8))
                .orElse(new byte[0]);
        return MessageDigest.isEqual(expected(), given);
    }

    private byte[] expected() {
        if (expected == null) {
            expected = token.get().getBytes(StandardCharsets.UTF_8);
        }
        return expected;
    }
}
