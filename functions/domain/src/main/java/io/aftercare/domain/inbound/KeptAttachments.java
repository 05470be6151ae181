package io.aftercare.domain.inbound;

import io.aftercare.domain.ShopId;
import java.util.ArrayList;
import java.util.List;

/**
 * Which of a message's attachments are kept: each up to {@link #PER_ATTACHMENT}, all together up to
 * {@link #PER_MESSAGE}, in the order sent; the others are listed as not kept, so the agent can ask for them another way.
 */
public final class KeptAttachments {

    public static final long PER_ATTACHMENT = 10L * 1024 * 1024;
    public static final long PER_MESSAGE = 25L * 1024 * 1024;

    private KeptAttachments() {
    }

    public static List<StoredAttachment> keep(ShopId shop, String deliveryId, List<InboundMessage.Attachment> attachments, AttachmentStore store) {
        List<StoredAttachment> kept = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < attachments.size(); i++) {
            var attachment = attachments.get(i);
            if (attachment.size() > PER_ATTACHMENT || total + attachment.size() > PER_MESSAGE) {
                kept.add(notKept(attachment));
            } else {
                total += attachment.size();
                kept.add(store.store(shop, deliveryId, i, attachment));
            }
        }
        return kept;
    }

    /** Every attachment listed, none kept: for a message that goes on no ticket (the raw message still holds them, for its retention). */
    public static List<StoredAttachment> listed(List<InboundMessage.Attachment> attachments) {
        return attachments.stream().map(KeptAttachments::notKept).toList();
    }

    private static StoredAttachment notKept(InboundMessage.Attachment attachment) {
        return StoredAttachment.notKept(attachment.fileName(), attachment.contentType(), attachment.size());
    }
}
