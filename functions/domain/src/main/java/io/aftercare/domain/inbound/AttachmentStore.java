package io.aftercare.domain.inbound;

import java.net.URI;
import java.time.Duration;

/** Where received attachments are kept (S3, or the local runner's embedded S3-compatible server). */
public interface AttachmentStore {

    /** Keeps one attachment of a delivery; the same delivery and index always give the same key, so a redelivery overwrites rather than adds. */
    StoredAttachment store(String deliveryId, int index, InboundMessage.Attachment attachment);

    /** A link that opens the attachment for {@code validFor}, and nothing else. */
    URI link(StoredAttachment attachment, Duration validFor);
}
