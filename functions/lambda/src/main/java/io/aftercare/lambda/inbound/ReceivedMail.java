package io.aftercare.lambda.inbound;

import io.aftercare.domain.inbound.InboundDelivery;
import io.aftercare.domain.inbound.InboundMail;
import io.aftercare.domain.inbound.InboundMessage;
import io.aftercare.domain.inbound.InboundOutcome;
import io.aftercare.domain.inbound.MessageParser;
import io.aftercare.domain.inbound.UnreadableMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One message SES received, from its receipt to its ticket: the raw message read from the inbound bucket, parsed,
 * then received by the domain (which keeps its attachments once it knows the shop). A message that cannot be read is
 * refused (on the trail of the shop it was sent to, when its recipients name one), never retried; a failure of S3 or
 * DynamoDB is thrown, so Lambda's asynchronous retry runs it again (every step is idempotent: the same keys, the same
 * bytes).
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
            return refused(receipt, InboundMail.Refusal.MISSING, "its raw message is not in the bucket");
        }
        InboundMessage message;
        try {
            message = parser.parse(raw);
        } catch (UnreadableMessage unreadable) {
            return refused(receipt, InboundMail.Refusal.UNREADABLE, "it cannot be read: " + unreadable.getMessage());
        }
        return receiver.receive(new InboundDelivery(receipt.messageId(), receipt.receivedAt(), receipt.recipients(), receipt.verdicts(), message));
    }

    private InboundOutcome refused(SesReceipt receipt, InboundMail.Refusal refusal, String why) {
        LOG.warn("received message {} refused: {}", receipt.messageId(), why);
        return receiver.unreadable(receipt.messageId(), receipt.recipients(), refusal);
    }
}
