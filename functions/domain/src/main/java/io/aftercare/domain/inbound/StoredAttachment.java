package io.aftercare.domain.inbound;

/**
 * An attachment kept in the attachments store under {@code key}, listed on the ticket; opened only through a
 * short-lived signed link. One over the size cap, or sent with a message that went on no ticket, is listed too, with
 * no key ({@link #notKept}), so the agent knows the customer sent it.
 */
public record StoredAttachment(String fileName, String contentType, long size, String key) {

    /** Listed, not kept: over the size cap for one attachment or for the message's attachments together, or its message was not ticketed. */
    public static StoredAttachment notKept(String fileName, String contentType, long size) {
        return new StoredAttachment(fileName, contentType, size, "");
    }

    /** Whether it can be opened. */
    public boolean kept() {
        return !key.isEmpty();
    }
}
