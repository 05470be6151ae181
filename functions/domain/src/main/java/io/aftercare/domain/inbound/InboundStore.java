package io.aftercare.domain.inbound;

import io.aftercare.domain.ShopId;
import io.aftercare.domain.timeline.Subject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Port: received deliveries, the messages kept whole, and the counts of what one sender sent a shop. */
public interface InboundStore {

    /** How taking a delivery went. */
    sealed interface Claim {
    }

    /** Taken: this invocation, and only it, receives the delivery now. */
    record Claimed() implements Claim {
    }

    /** Received before: what it did then. */
    record Received(InboundOutcome outcome) implements Claim {
    }

    /** Another invocation holds it and its lease has not ended: it may still be receiving it. */
    record Held() implements Claim {
    }

    /**
     * Takes the delivery for {@code lease} (one conditional write). A delivery whose holder died is taken again once its
     * lease ends: what it wrote meanwhile is written so that writing it twice keeps one.
     */
    Claim claim(String deliveryId, Instant now, Duration lease);

    /** The delivery is received: every later claim of it answers {@link Received} with {@code outcome}. */
    void received(String deliveryId, InboundOutcome outcome, Instant now);

    /** Keeps the message whole (its full text, attachments and verdicts) beside the timeline of {@code on}; twice keeps one. */
    void keep(ShopId shop, Subject on, InboundDelivery delivery);

    /** The messages kept beside the timeline of {@code on}, oldest first. */
    List<KeptMessage> kept(ShopId shop, Subject on);

    /**
     * Counts one message from a sender to a shop in the hour that ends at {@code hourEnd}.
     *
     * @return the messages counted in that hour, this one included
     */
    long count(ShopId shop, String senderHash, Instant hourEnd);
}
