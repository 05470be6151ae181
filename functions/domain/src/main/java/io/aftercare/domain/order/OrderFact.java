package io.aftercare.domain.order;

import io.aftercare.domain.Limits;
import io.aftercare.domain.Money;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Something that happened to an order. A fact has an identity ({@link #key()}) within its order, so recording it
 * again, from a retried, duplicated or overlapping delivery, changes nothing: facts may arrive in any order. The ids
 * in a key are bounded by {@link Limits#ID_BYTES}, so the key stays within DynamoDB's.
 */
public sealed interface OrderFact {

    /** The fact's identity within its order, also the id of its timeline entry. */
    String key();

    Instant at();

    /** The milestones this fact proves. */
    Set<Milestone> milestones();

    record Placed(Instant at) implements OrderFact {
        public String key() {
            return "placed";
        }

        public Set<Milestone> milestones() {
            return Set.of(Milestone.PLACED);
        }
    }

    record Paid(Instant at) implements OrderFact {
        public String key() {
            return "paid";
        }

        public Set<Milestone> milestones() {
            return Set.of(Milestone.PAID);
        }
    }

    record Cancelled(Instant at, Optional<String> reason) implements OrderFact {
        public String key() {
            return "cancelled";
        }

        public Set<Milestone> milestones() {
            return Set.of(Milestone.CANCELLED);
        }
    }

    /** A fulfilment reached a status; {@code tracking} is empty when the shop ships without it. */
    record FulfilmentChanged(String fulfilmentId, FulfilmentStatus status, Instant at, Tracking tracking) implements OrderFact {
        public FulfilmentChanged {
            Limits.atMost("fulfilment id", fulfilmentId, Limits.ID_BYTES);
        }

        public String key() {
            return "fulfilment-" + fulfilmentId + "-" + status.label();
        }

        public Set<Milestone> milestones() {
            return status == FulfilmentStatus.SHIPPED ? Set.of(Milestone.FULFILLED) : Set.of();
        }
    }

    /** A carrier's tracking update for a fulfilment. */
    record ShipmentProgressed(String fulfilmentId, ShipmentStatus status, Instant at, Optional<String> message) implements OrderFact {
        public ShipmentProgressed {
            Limits.atMost("fulfilment id", fulfilmentId, Limits.ID_BYTES);
        }

        public String key() {
            return "shipment-" + fulfilmentId + "-" + status.name().toLowerCase(java.util.Locale.ROOT);
        }

        public Set<Milestone> milestones() {
            if (status == ShipmentStatus.DELIVERED) {
                return Set.of(Milestone.FULFILLED, Milestone.DELIVERED);
            }
            return status.provesShipped() ? Set.of(Milestone.FULFILLED) : Set.of();
        }
    }

    /** The carrier's (or the shop's) estimate of when a fulfilment's parcel arrives: past it, undelivered, is a problem. */
    record DeliveryExpected(String fulfilmentId, Instant by, Instant at) implements OrderFact {
        public DeliveryExpected {
            Limits.atMost("fulfilment id", fulfilmentId, Limits.ID_BYTES);
        }

        public String key() {
            return "expected-" + fulfilmentId + "-" + by.toEpochMilli();
        }

        public Set<Milestone> milestones() {
            return Set.of();
        }
    }

    record Refunded(String refundId, Money amount, Instant at, Optional<String> reason) implements OrderFact {
        public Refunded {
            Limits.atMost("refund id", refundId, Limits.ID_BYTES);
        }

        public String key() {
            return "refund-" + refundId;
        }

        public Set<Milestone> milestones() {
            return Set.of();
        }
    }

    /**
     * A step of a return. A step may happen more than once (closed, reopened, closed again): its time is part of its
     * identity, so each occurrence is kept and the same one told twice is one.
     *
     * @param reason what the shop told the customer with it (a decline's note), at most {@link Limits#TEXT_BYTES}
     * @param parcel the carrier and tracking of the goods on their way back (a step in transit), when known
     * @param disposed how many items ended each way once received (a step received), when the platform says
     * @param knownAs the platform's names for the return in deliveries that do not name its order (Shopify's reverse
     *     delivery topics): pointers to it are kept from each
     */
    record ReturnChanged(String returnId, ReturnEvent event, Instant at, Optional<String> reason, Optional<Tracking> parcel,
                         Map<ReturnDisposition, Integer> disposed, Set<ReturnReference> knownAs) implements OrderFact {
        public ReturnChanged {
            Limits.atMost("return id", returnId, Limits.ID_BYTES);
            reason.ifPresent(text -> Limits.atMost("reason", text, Limits.TEXT_BYTES));
            parcel = parcel.filter(p -> !p.isEmpty());
            disposed = disposed.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(disposed));
            knownAs = Set.copyOf(knownAs);
        }

        public ReturnChanged(String returnId, ReturnEvent event, Instant at, Optional<String> reason) {
            this(returnId, event, at, reason, Optional.empty(), Map.of(), Set.of());
        }

        public ReturnChanged(String returnId, ReturnEvent event, Instant at) {
            this(returnId, event, at, Optional.empty());
        }

        public String key() {
            return "return-" + returnId + "-" + event.label() + "-" + at.toEpochMilli();
        }

        public Set<Milestone> milestones() {
            return Set.of();
        }
    }
}
