package io.aftercare.domain.email;

import java.time.Instant;
import java.util.Optional;

/**
 * What a recipient's state must allow for an email to go out now, checked in the same write that marks the email as
 * being sent (so nothing reads the recipient first, and an unsubscribe or a bounce landing meanwhile still stops it).
 * Made only by {@link EmailPolicy#gate}; whenever the gate refuses, {@link EmailPolicy#forRecipient} says why.
 *
 * @param category the category the recipient must not have left, with no open complaint and no follow-up since
 *                 {@code followUpBy}; empty for transactional mail, which only a hard suppression stops
 * @param followUpBy the latest last follow-up that still lets this one go now (the frequency cap)
 */
public record RecipientGate(Optional<EmailCategory> category, Instant followUpBy) {
}
