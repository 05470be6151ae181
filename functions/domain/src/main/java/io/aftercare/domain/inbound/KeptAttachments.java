package io.aftercare.lambda.inbound;

import io.aftercare.domain.inbound.AttachmentStore;
import io.aftercare.domain.inbound.InboundMessage;
import io.aftercare.domain.inbound.StoredAttachment;
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

    public static List<StoredAttachment> keep(String deliveryId, List<InboundMessage.Attachment> attachments, AttachmentStore store) {
        List<StoredAttachment> kept = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < attachments.size(); i++) {
            var attachment = attachments.get(i);
            if (attachment.size() > PER_ATTACHMENT || total + attachment.size() > PER_MESSAGE) {
                kept.add(StoredAttachment.notKept(attachment.fileName(), attachment.contentType(), attachment.size()));
            } else {
                total += attachment.size();
                kept.add(store.store(deliveryId, i, attachment));
            }
        }
        return kept;
    }
}
