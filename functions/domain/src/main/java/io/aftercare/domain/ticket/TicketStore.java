package io.aftercare.domain.ticket;

import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.Page;
import io.aftercare.domain.PageRequest;
import io.aftercare.domain.ShopId;
import java.time.Instant;
import java.util.Optional;

/** Port: tickets, their timelines and deadlines, written together. */
public interface TicketStore {

    Optional<Ticket> find(ShopId shop, String ticketId);

    /**
     * Creates the ticket with its entries and deadlines.
     *
     * @param deliveryKey the webhook delivery it came from, recorded as that delivery's dedupe marker
     * @throws io.aftercare.domain.DuplicateDelivery when the delivery was recorded before
     * @throws io.aftercare.domain.AlreadyExists when the ticket exists already
     * @throws io.aftercare.domain.ChangedMeanwhile when another write held an item it touches (the customer's profile), or
     *         another ticket took its number
     */
    void create(TicketChange change, Optional<String> deliveryKey);

    /**
     * @throws io.aftercare.domain.DuplicateDelivery when the delivery was recorded before
     * @throws io.aftercare.domain.ChangedMeanwhile when the stored ticket is no longer at {@code change.ticket().version() - 1},
     *         or another write held an item it touches
     */
    void update(TicketChange change, Optional<String> deliveryKey);

    /** The whole text of a reply recorded with {@link TicketChange#reply()}. */
    Optional<String> reply(ShopId shop, String ticketId, long number);

    /** A ticket with the whole text of one of its replies (empty when that reply is not there). */
    record WithReply(Ticket ticket, Optional<String> reply) {
    }

    /** {@link #find} and {@link #reply} at once: a store reads both in one request where it can. */
    default Optional<WithReply> findWithReply(ShopId shop, String ticketId, long number) {
        return find(shop, ticketId).map(ticket -> new WithReply(ticket, reply(shop, ticketId, number)));
    }

    /**
     * A view of the open and pending tickets, the nearest breach first: one index page, however many are open.
     *
     * @param member whose tickets {@link QueueView#MINE} lists (present for it only)
     * @param now what {@link QueueView#BREACHING} counts its hour from
     */
    Page<Ticket> queue(ShopId shop, QueueView view, Optional<EmailAddress> member, Instant now, PageRequest page);

    /**
     * The number the shop's next ticket takes. {@link #create} takes it, and fails with
     * {@link io.aftercare.domain.ChangedMeanwhile} when another ticket took it first.
     */
    String nextNumber(ShopId shop);
}
