package io.aftercare.domain.event;

import io.aftercare.domain.order.CustomerContact;
import java.time.Instant;

/** A customer's profile as the platform holds it now (Shopify's customers/create and customers/update). */
public record CustomerUpdate(CustomerContact contact, Instant sourceTime) implements PlatformEvent {
}
