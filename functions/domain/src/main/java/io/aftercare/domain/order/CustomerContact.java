package io.aftercare.domain.order;

import io.aftercare.domain.EmailAddress;
import java.util.Optional;

/**
 * Who to write to about an order, in which language.
 *
 * @param platformId the shop platform's own id for the customer (Shopify's {@code customer.id}), when it sends one:
 *     what limits a personal discount code to them
 */
public record CustomerContact(EmailAddress email, Optional<String> name, Optional<String> locale, Optional<String> platformId) {

    /** A customer the platform gave no id of its own (a guest, WooCommerce, the generic format, a ticket's sender). */
    public CustomerContact(EmailAddress email, Optional<String> name, Optional<String> locale) {
        this(email, name, locale, Optional.empty());
    }
}
