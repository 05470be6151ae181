package io.aftercare.domain.email;

import io.aftercare.domain.action.Reason;
import java.time.Instant;

/** Send now, skip for good, or wait; {@code detail} is what makes the reason particular ({@code bounce}), or empty. */
public sealed interface EmailDecision {

    record Send() implements EmailDecision {
    }

    record Skip(Reason reason, String detail) implements EmailDecision {

        public Skip(Reason reason) {
            this(reason, "");
        }
    }

    record Postpone(Instant until, Reason reason) implements EmailDecision {
    }
}
