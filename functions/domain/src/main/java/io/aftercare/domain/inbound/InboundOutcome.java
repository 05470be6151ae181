package io.aftercare.domain.inbound;

import io.aftercare.domain.ShopId;
import java.util.Optional;

/** What receiving one message did, for the handler's log line and the tests. */
public record InboundOutcome(Disposition disposition, Optional<ShopId> shop, Optional<String> ticketId) {

    public enum Disposition {
        /** A customer message on an existing ticket (its SLA clock resumed, a resolved ticket reopened). */
        ADDED_TO_TICKET,
        /** A new ticket: a reply to a post-purchase email (with its order) or a new message to a shop's address. */
        OPENED_TICKET,
        /** An auto-reply or out-of-office answer: recorded, opens nothing, answered by nothing. */
        AUTO_REPLY_RECORDED,
        /** SES's spam or virus check failed: kept aside, not ticketed. */
        QUARANTINED,
        /** One sender writing too often to one shop. */
        RATE_LIMITED,
        /** No shop's address received it, or it cannot be read. */
        REFUSED,
        /** The same delivery was received before: nothing added. */
        DUPLICATE
    }
}
