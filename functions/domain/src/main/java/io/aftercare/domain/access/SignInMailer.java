package io.aftercare.domain.access;

import java.net.URI;
import java.time.Duration;

/** Port: emails a person their sign-in link, from and in the language of one of their memberships. */
public interface SignInMailer {

    void send(Member membership, URI link, Duration validFor);
}
