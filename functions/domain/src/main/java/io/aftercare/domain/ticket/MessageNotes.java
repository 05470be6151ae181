package io.aftercare.domain.ticket;

import io.aftercare.domain.EmailAddress;
import java.util.Optional;

/**
 * What the agent should know about a customer's message besides its text, said on its timeline entry.
 *
 * @param attachments files that came with it (listed with the received email)
 * @param otherSender who sent it, when not the ticket's customer
 * @param unverified the sender's domain failed SPF, DKIM or DMARC: it may not be from whom it says
 */
public record MessageNotes(int attachments, Optional<EmailAddress> otherSender, boolean unverified) {

    /** A message through the shop's platform or an agent: nothing to add. */
    public static final MessageNotes NONE = new MessageNotes(0, Optional.empty(), false);
}
