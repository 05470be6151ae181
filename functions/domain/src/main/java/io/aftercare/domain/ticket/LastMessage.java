package io.aftercare.domain.ticket;

import java.time.Instant;

/**
 * The latest message on a ticket, kept on it so that a queue row needs no other read.
 *
 * @param by {@link #CUSTOMER}, or the agent as the timeline names them
 * @param excerpt its first 200 characters
 */
public record LastMessage(Instant at, String by, String excerpt) {

    public static final String CUSTOMER = "customer";
}
