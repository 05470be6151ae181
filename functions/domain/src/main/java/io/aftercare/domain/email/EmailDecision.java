package io.aftercare.domain.email;

import java.time.Instant;

/** Send now, skip for good, or wait. */
public sealed interface EmailDecision {

    record Send() implements EmailDecision {
    }

    record Skip(String reason) implements EmailDecision {
    }

    record Postpone(Instant until, String reason) implements EmailDecision {
    }
}
