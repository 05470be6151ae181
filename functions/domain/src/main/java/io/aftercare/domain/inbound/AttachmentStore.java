package io.aftercare.domain.inbound;

import io.aftercare.domain.ShopId;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Where received attachments are kept (S3, or the local runner's embedded S3-compatible server), each under its shop:
 * a customer's erasure deletes theirs one by one, a shop's erasure the shop's whole share.
 */
public interface AttachmentStore {

    /** Keeps one attachment of a delivery to {@code shop}; the same delivery and index always give the same key, so a redelivery overwrites rather than adds. */
    StoredAttachment store(ShopId shop, String deliveryId, int index, InboundMessage.Attachment attachment);

    /** A link that opens the attachment for {@code validFor}, and nothing else. */
    URI link(StoredAttachment attachment, Duration validFor);

    /** Deletes the kept ones of {@code attachments}: one deleted before, or never kept, is no error, so a batch done again does no harm. */
    void delete(List<StoredAttachment> attachments);

    /** Deletes one bounded batch of the shop's attachments, whichever message they came with: how many, none once none is left. */
    int deleteBatch(ShopId shop);
}
