package io.aftercare.domain.ticket;

/**
 * An agent's answer, kept whole with the ticket change that records it (the timeline quotes only its start), for the
 * outbox to email: the {@link io.aftercare.domain.action.ActionKind#TICKET_REPLY} action written with it names it by
 * {@code number}, the ticket version the reply was made from.
 */
public record TicketReply(long number, String message) {
}
