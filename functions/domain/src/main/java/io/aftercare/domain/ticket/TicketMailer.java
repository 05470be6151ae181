package io.aftercare.domain.ticket;

import io.aftercare.domain.email.EmailThread;
import io.aftercare.domain.shop.Shop;
import java.time.Instant;
import java.util.Optional;

/**
 * Port: the emails customers get about their complaint, each answered to the reply address its {@link #thread} names.
 * Each returns the provider's message id.
 */
public interface TicketMailer {

    /** How the emails about the ticket are threaded: what the sending mark and the record keep for a reply to find it. */
    EmailThread thread(Shop shop, Ticket ticket);

    /** The ticket number and when to expect an answer, so the customer knows where they stand. */
    String acknowledge(Shop shop, Ticket ticket, Instant answerBy, EmailThread thread);

    String reply(Shop shop, Ticket ticket, String message, EmailThread thread);

    String goodwill(Shop shop, Ticket ticket, Optional<String> code, int percent, EmailThread thread);
}
