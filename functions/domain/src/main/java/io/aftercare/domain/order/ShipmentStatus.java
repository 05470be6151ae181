package io.aftercare.domain.order;

import java.util.Locale;

/** A carrier's tracking status of a parcel. */
public enum ShipmentStatus {
    LABEL_PRINTED, LABEL_PURCHASED, CONFIRMED, READY_FOR_PICKUP, PICKED_UP, IN_TRANSIT, OUT_FOR_DELIVERY,
    ATTEMPTED_DELIVERY, DELAYED, DELIVERED, FAILURE;

    /** Whether the parcel is with the carrier, so the order has certainly been shipped. */
    public boolean provesShipped() {
        return ordinal() >= PICKED_UP.ordinal();
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
