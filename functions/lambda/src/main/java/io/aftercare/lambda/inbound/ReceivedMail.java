package io.aftercare.lambda.inbound;

import io.aftercare.domain.inbound.InboundDelivery;
import io.aftercare.domain.inbound.InboundMail;
import io.aftercare.domain.inbound.InboundMessage;
import io.aftercare.domain.inbound.InboundOutcome;
import io.aftercare.domain.inbound.MessageParser;
import io.aftercare.domain.inbound.UnreadableMessage;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One message SES received, from its receipt to its ticket: the raw message read from the inbound bucket, parsed,
 * its attachments kept (under the caps), then received by the domain. A message that cannot be read is refused here,
 * never retried; a failure of S3 or DynamoDB is thrown, so Lambda's asynchronous retry runs it again (every step
 * before the domain's is idempotent: the same keys, the same bytes).
 */
public final class ReceivedMail {

    private static final Logger LOG = LoggerFactory.getLogger(ReceivedMail.class);

    private final S3InboundBucket bucket;
    private final MessageParser parser;
    private final InboundMail receiver;

    public ReceivedMail(S3InboundBucket bucket, MessageParser parser, InboundMail receiver) {
        this.bucket = bucket;
        this.parser = parser;
        this.receiver = receiver;
    }

    public InboundOutcome receive(SesReceipt receipt) {
        byte[] raw;
        try {
            raw = bucket.raw(receipt.messageId());
        } catch (S3InboundBucket.RawMessageMissing missing) {
            return refused(receipt, "its raw message is not in the bucket");
        }
        InboundMessage message;
        try {
            message = parser.parse(raw);
        } catch (UnreadableMessage unreadable) {
            return refused(receipt, "it cannot be read: " + unreadable.getMessage());
        }
        var attachments = KeptAttachments.keep(receipt.messageId(), message.attachments(), bucket);
        return receiver.receive(new InboundDelivery(receipt.messageId(), receipt.receivedAt(), receipt.recipients(), receipt.verdicts(),
                message, attachments));
    }

    private static InboundOutcome refused(SesReceipt receipt, String why) {
        LOG.warn("received message {} refused: {}", receipt.messageId(), why);
        return new InboundOutcome(InboundOutcome.Disposition.REFUSED, Optional.empty(), Optional.empty());
    }
}
