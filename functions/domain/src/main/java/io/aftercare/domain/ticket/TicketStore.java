package io.aftercare.domain.ticket;

import io.aftercare.domain.Page;
import io.aftercare.domain.PageRequest;
import io.aftercare.domain.ShopId;
import java.util.Optional;

/** Port: tickets, their timelines and deadlines, written together. */
public interface TicketStore {

    Optional<Ticket> find(ShopId shop, String ticketId);

    /**
     * Creates the ticket with its entries and deadlines.
     *
     * @param deliveryKey the webhook delivery it came from, recorded as that delivery's dedupe marker
     * @throws io.aftercare.domain.DuplicateDelivery when the delivery was recorded before
     * @throws io.aftercare.domain.Conflict when the ticket exists already
     */
    void create(TicketChange change, Optional<String> deliveryKey);

    /**
     * @throws io.aftercare.domain.DuplicateDelivery when the delivery was recorded before
     * @throws io.aftercare.domain.Conflict when the stored ticket is no longer at {@code change.ticket().version() - 1}
     */
    void update(TicketChange change, Optional<String> deliveryKey);

    /** Open and pending tickets, the nearest breach first. */
    Page<Ticket> queue(ShopId shop, PageRequest page);

    /** The shop's next ticket number. */
    long nextNumber(ShopId shop);
}
