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

    /** Keeps the message whole (its full text, its attachments as kept, its verdicts) beside the timeline of {@code on}; twice keeps one. */
    void keep(ShopId shop, Subject on, InboundDelivery delivery, List<StoredAttachment> attachments);

    /** The messages kept beside the timeline of {@code on}, oldest first. */
    List<KeptMessage> kept(ShopId shop, Subject on);

    /**
     * Counts one message from a sender to a shop in the hour that ends at {@code hourEnd}, once: the same delivery
     * counted again (a retry after its lease ended) is not counted twice, and gets the count it got the first time.
     *
     * @return the messages counted in that hour up to this one, this one included
     * @throws io.aftercare.domain.ChangedMeanwhile when other deliveries from the sender kept counting meanwhile: to be retried
     */
    long count(ShopId shop, String senderHash, Instant hourEnd, String deliveryId);
}
