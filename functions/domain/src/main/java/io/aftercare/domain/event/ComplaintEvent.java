package io.aftercare.domain.event;

import io.aftercare.domain.ticket.TicketService;

/** A complaint, or a customer's follow-up to one, from a platform. */
public sealed interface ComplaintEvent extends PlatformEvent {

    record Opened(TicketService.NewTicket complaint) implements ComplaintEvent {
    }

    /** @param complaintId the platform's id of the complaint the customer wrote more about */
    record CustomerMessage(String complaintId, String message) implements ComplaintEvent {
    }

}
