package io.aftercare.domain.access;

import io.aftercare.domain.EmailAddress;
import java.time.Instant;

/**
 * A signed-in person's session, stored under the hash of its id (the id itself is only in their cookie), with the
 * CSRF token state-changing requests must echo and whether a second factor was given.
 */
public record Session(String hash, EmailAddress email, String csrf, Instant expiresAt, boolean secondFactor) {
}
