package io.aftercare.domain.inbound;

import io.aftercare.domain.EmailAddress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One received email as Aftercare reads it: who wrote, what it answers, and its text with the quoted history and the
 * signature taken off ({@code newText}) beside the whole of it ({@code fullText}, kept for the agent who wants the
 * original). Ids are without their angle brackets. HTML-only mail arrives here already turned into plain text.
 */
public record InboundMessage(Optional<String> messageId, List<String> inReplyTo, List<String> references,
                             EmailAddress from, String fromName, List<EmailAddress> to, String subject,
                             String newText, String fullText, List<Attachment> attachments,
                             Optional<AutoReply> autoReply, Optional<Instant> sentAt) {

    public InboundMessage {
        inReplyTo = List.copyOf(inReplyTo);
        references = List.copyOf(references);
        to = List.copyOf(to);
        attachments = List.copyOf(attachments);
    }

    /** The ids this message answers, nearest first: In-Reply-To, then References from the newest back. */
    public List<String> threadIds() {
        var ids = new java.util.ArrayList<String>(inReplyTo);
        for (var i = references.size() - 1; i >= 0; i--) {
            if (!ids.contains(references.get(i))) {
                ids.add(references.get(i));
            }
        }
        return List.copyOf(ids);
    }

    /** A file the customer sent, decoded. */
    public record Attachment(String fileName, String contentType, byte[] content) {
        public long size() {
            return content.length;
        }
    }

    /** Why the message was written by a machine (RFC 3834 {@code Auto-Submitted}, {@code X-Autoreply}, {@code Precedence}): recorded, never answered. */
    public record AutoReply(String header, String value) {
    }
}
