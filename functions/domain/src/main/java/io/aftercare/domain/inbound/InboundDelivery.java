package io.aftercare.domain.inbound;

import io.aftercare.domain.EmailAddress;
import java.time.Instant;
import java.util.List;

/**
 * A message as SES delivered it: its delivery id (SES's message id, the same on every redelivery of one notification,
 * so it deduplicates), the envelope recipients (which of the shops' inbound addresses received it), the verdicts and the
 * parsed message. Its attachments are kept only once its shop is known ({@link InboundMail}), under that shop.
 */
public record InboundDelivery(String deliveryId, Instant receivedAt, List<EmailAddress> recipients, MailVerdicts verdicts,
                              InboundMessage message) {

    public InboundDelivery {
        recipients = List.copyOf(recipients);
    }
}
