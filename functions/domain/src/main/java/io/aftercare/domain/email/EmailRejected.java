package io.aftercare.domain.email;

/** A permanent refusal (unverified sender, invalid address, rejected content): recorded as failed, never retried. */
public class EmailRejected extends RuntimeException {
    public EmailRejected(String message, Throwable cause) {
        super(message, cause);
    }
}
