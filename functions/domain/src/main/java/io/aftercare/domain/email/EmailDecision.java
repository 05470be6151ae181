package io.aftercare.domain.email;

import io.aftercare.domain.action.Reason;
import io.aftercare.domain.timeline.EntryParam;
import io.aftercare.domain.timeline.Vocabulary;
import java.time.Instant;
import java.util.Optional;

/** Send now, skip for good, or wait. */
public sealed interface EmailDecision {

    record Send() implements EmailDecision {
    }

    /**
     * @param detail what makes the reason particular, as a code worded per language ({@code BOUNCED} of the
     *               suppressions, the category unsubscribed from, the ticket's status), if anything does
     */
    record Skip(Reason reason, Optional<EntryParam.Code> detail) implements EmailDecision {

        public Skip(Reason reason) {
            this(reason, Optional.empty());
        }

        public Skip(Reason reason, Vocabulary vocabulary, Enum<?> detail) {
            this(reason, Optional.of(vocabulary.code(detail)));
        }
    }

    record Postpone(Instant until, Reason reason) implements EmailDecision {
    }
}
