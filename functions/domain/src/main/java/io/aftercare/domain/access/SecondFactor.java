package io.aftercare.domain.access;

import java.util.Set;

/**
 * A person's TOTP enrolment: the shared secret (the authenticator app holds it too, so it is kept, not hashed), whether
 * a first code confirmed it, the last time step used (no code is accepted twice), and the hashes of the unused
 * recovery codes.
 */
public record SecondFactor(byte[] secret, boolean confirmed, long lastStep, Set<String> recoveryHashes) {
}
