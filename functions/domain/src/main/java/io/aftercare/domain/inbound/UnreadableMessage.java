package io.aftercare.domain.inbound;

/** The raw message cannot be read as an email from someone: it is recorded as refused, never retried. */
public final class UnreadableMessage extends RuntimeException {

    public UnreadableMessage(String reason) {
        super(reason);
    }

    public UnreadableMessage(String reason, Throwable cause) {
        super(reason, cause);
    }
}
