package io.aftercare.domain.recording;

import io.aftercare.domain.action.DueAction;
import io.aftercare.domain.order.OrderId;
import io.aftercare.domain.ticket.TicketId;

/**
 * The check that resolves an order's delivery case once its parcel is delivered, written with the delivery only if the
 * case's ticket exists by then: most parcels never had a problem, and a check for each would find nothing to do. A
 * case opened after the delivery was written finds the parcel delivered and resolves itself ({@code DeliveryCases}).
 *
 * @param ticketId the ticket of the order's delivery case
 */
public record CaseResolution(DueAction check, String ticketId) {

    /** The key an order's delivery case is opened with (its complaint's id): one case per order. */
    public static String caseKey(OrderId order) {
        return "delivery-" + order.value();
    }

    /** The ticket of an order's delivery case. */
    public static String ticketOf(OrderId order) {
        return TicketId.ofComplaint(caseKey(order));
    }
}
