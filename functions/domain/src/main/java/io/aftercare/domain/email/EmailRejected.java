package io.aftercare.domain.email;

/**
 * A permanent refusal (unverified sender, invalid address, rejected content): recorded as failed, never retried. Its
 * message is stored on outcomes and timelines, so it holds no address ({@link io.aftercare.domain.EmailAddress#maskAddressesIn}),
 * and it keeps no cause, whose message would.
 */
public class EmailRejected extends RuntimeException {
    public EmailRejected(String message) {
        super(message);
    }
}
