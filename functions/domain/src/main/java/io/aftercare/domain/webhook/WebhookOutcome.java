package io.aftercare.domain.webhook;

import java.util.List;
import java.util.Optional;

/** How Aftercare answered a delivery. */
public sealed interface WebhookOutcome {

    /**
     * Recorded: {@code entries} timeline entries written (at most), {@code scheduled} actions newly due,
     * {@code ticket} the number of the complaint ticket it opened or updated.
     */
    record Recorded(String deliveryId, String topic, int entries, List<String> scheduled, boolean staleSnapshot,
                    Optional<String> ticket) implements WebhookOutcome {
    }

    /**
     * Recorded, not applied: the delivery names a return that cannot be located however often it is sent again. Its
     * dedupe marker and a line on the shop's audit trail saying why are written; a success, so the platform stops.
     */
    record NotPlaced(String deliveryId, String topic, ReturnLocator.Why why) implements WebhookOutcome {
    }

    /** Seen before: nothing written, and still a success, so the platform stops retrying. */
    record Duplicate(String deliveryId) implements WebhookOutcome {
    }

    /**
     * Not recorded: the delivery kept losing races with other writes to the same ticket or order, or names a return
     * that cannot be located now (the shop's API throttled, failing or silent). Answered 503 (never a 2xx), so the
     * platform sends it again.
     */
    record RetryLater(String deliveryId, String message) implements WebhookOutcome {
    }

    /** A topic Aftercare does not use: a success, so the platform keeps the subscription. */
    record Ignored(String topic) implements WebhookOutcome {
    }

    /** The platform testing the URL. */
    record Ping() implements WebhookOutcome {
    }

    record Rejected(Reason reason, String message) implements WebhookOutcome {
    }

    enum Reason {
        /** Wrong or missing signature, or an unknown shop: deliberately the same answer for all three. */
        UNAUTHORIZED("unauthorized"),
        UNKNOWN_PLATFORM("unknown_platform"),
        PAYLOAD_TOO_LARGE("payload_too_large"),
        MALFORMED_JSON("malformed_json"),
        MISSING_HEADER("missing_header"),
        INVALID_PAYLOAD("invalid_payload");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }
}
