package io.aftercare.domain.order;

import java.util.Locale;
import java.util.stream.Stream;

/** A carrier's tracking status of a parcel. */
public enum ShipmentStatus {
    LABEL_PRINTED, LABEL_PURCHASED, CONFIRMED, READY_FOR_PICKUP, PICKED_UP, IN_TRANSIT, OUT_FOR_DELIVERY,
    ATTEMPTED_DELIVERY, DELAYED, DELIVERED, FAILURE,
    /** Aftercare's, not a carrier's: no tracking news for longer than the shop's transit estimate. */
    SILENT,
    /** Aftercare's, not a carrier's: the estimated delivery date passed and the parcel was not delivered. */
    OVERDUE;

    /** Whether the parcel is with the carrier, so the order has certainly been shipped. */
    public boolean provesShipped() {
        return ordinal() >= PICKED_UP.ordinal();
    }

    /** Something the customer should hear about before they ask: the parcel is held up, failed, or waits to be collected. */
    public boolean problem() {
        return this == READY_FOR_PICKUP || this == ATTEMPTED_DELIVERY || this == DELAYED || this == FAILURE || this == SILENT
                || this == OVERDUE;
    }

    /** Aftercare's own finding ({@link #SILENT}, {@link #OVERDUE}), not tracking news from a carrier. */
    public boolean aftercaresFinding() {
        return this == SILENT || this == OVERDUE;
    }

    /** The statuses a platform may report (every one but Aftercare's own findings). */
    public static Stream<ShipmentStatus> reported() {
        return Stream.of(values()).filter(s -> !s.aftercaresFinding());
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
