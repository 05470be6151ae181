package io.aftercare.domain.inbound;

import io.aftercare.domain.EmailAddress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A received email as kept beside the ticket (or order, or the shop's quarantine) it went to: what the agent may open whole. */
public record KeptMessage(String deliveryId, Instant receivedAt, EmailAddress from, Optional<String> fromName, String subject,
                          String newText, String fullText, List<StoredAttachment> attachments, MailVerdicts verdicts) {

    public KeptMessage {
        attachments = List.copyOf(attachments);
    }
}
