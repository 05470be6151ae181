package io.aftercare.domain.email;

/** Port: sends one email and returns the provider's message id. Temporary failures are thrown as they come. */
public interface EmailSender {

    /** @throws EmailRejected when the provider refuses this email for good (retrying would not help) */
    String send(OutgoingEmail email);
}
