package io.aftercare.domain.inbound;

/** An attachment kept in the attachments store under {@code key}, listed on the ticket; opened only through a short-lived signed link. */
public record StoredAttachment(String fileName, String contentType, long size, String key) {
}
