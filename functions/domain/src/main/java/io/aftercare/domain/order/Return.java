package io.aftercare.domain.order;

import java.time.Instant;

/** A return of (part of) an order, as of the latest thing that happened to it. */
public record Return(String returnId, ReturnEvent latest, Instant at) {
}
