package io.aftercare.domain.ticket;

import io.aftercare.domain.shop.Shop;
import java.time.Instant;
import java.util.Optional;

/** Port: the emails customers get about their complaint. Each returns the provider's message id. */
public interface TicketMailer {

    /** The ticket number and when to expect an answer, so the customer knows where they stand. */
    String acknowledge(Shop shop, Ticket ticket, Instant answerBy);

    String reply(Shop shop, Ticket ticket, String message);

    String goodwill(Shop shop, Ticket ticket, Optional<String> code, int percent);

    /** One of these emails went out as {@code messageId} and was recorded: kept, so that a reply to it finds the ticket. */
    void sent(Ticket ticket, String messageId);
}
