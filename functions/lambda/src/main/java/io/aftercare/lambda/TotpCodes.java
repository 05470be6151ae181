package io.aftercare.lambda;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import io.aftercare.domain.access.OneTimeCodes;
import java.security.InvalidKeyException;
import java.time.Instant;
import java.util.Locale;
import javax.crypto.spec.SecretKeySpec;

/** RFC 6238 codes (HMAC-SHA1, six digits, 30 seconds: what every authenticator app reads) by java-otp. */
final class TotpCodes implements OneTimeCodes {

    private final TimeBasedOneTimePasswordGenerator totp = new TimeBasedOneTimePasswordGenerator();

    @Override
    public String code(byte[] secret, long step) {
        try {
            return totp.generateOneTimePasswordString(new SecretKeySpec(secret, TimeBasedOneTimePasswordGenerator.TOTP_ALGORITHM_HMAC_SHA1),
                    Instant.ofEpochSecond(step * totp.getTimeStep().toSeconds()), Locale.ROOT);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("a stored TOTP secret is not a key", e);
        }
    }
}
