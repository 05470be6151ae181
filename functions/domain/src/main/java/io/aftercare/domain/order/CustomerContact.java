package io.aftercare.domain.order;

import io.aftercare.domain.EmailAddress;
import java.util.Optional;

/** Who to write to about an order, in which language. */
public record CustomerContact(EmailAddress email, Optional<String> name, Optional<String> locale) {
}
