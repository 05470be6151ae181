package io.aftercare.domain.customer;

import java.time.Instant;

/** One of a customer's tickets as their panel lists it, kept beside the customer by every change of the ticket. */
public record CustomerTicket(String id, String number, String subject, String status, Instant createdAt) {
}
