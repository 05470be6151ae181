package io.aftercare.domain.inbound;

import io.aftercare.domain.EmailAddress;
import java.time.Instant;
import java.util.List;

/**
 * A message as SES delivered it: its delivery id (SES's message id, the same on every redelivery of one notification,
 * so it deduplicates), the envelope recipients (which of the shops' inbound addresses received it), the verdicts, the
 * parsed message and its attachments once stored.
 */
public record InboundDelivery(String deliveryId, Instant receivedAt, List<EmailAddress> recipients, MailVerdicts verdicts,
                              InboundMessage message, List<StoredAttachment> attachments) {

    public InboundDelivery {
        recipients = List.copyOf(recipients);
        attachments = List.copyOf(attachments);
    }
}
