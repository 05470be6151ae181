package io.aftercare.domain.event;

import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.order.OrderId;
import java.util.Set;

/**
 * A request about personal data: Shopify's mandatory compliance webhooks ({@code customers/data_request},
 * {@code customers/redact}, {@code shop/redact}), or the same three operations through the admin API.
 */
public sealed interface PrivacyRequest extends PlatformEvent {

    /** A copy of everything Aftercare holds about the customer, for the shop's owners. */
    record DataRequest(EmailAddress customer) implements PrivacyRequest {
    }

    /** @param orders the orders the platform names as the customer's, beside those Aftercare linked to them */
    record CustomerRedact(EmailAddress customer, Set<OrderId> orders) implements PrivacyRequest {
        public CustomerRedact {
            orders = Set.copyOf(orders);
        }
    }

    /** Everything of the shop, 48 hours after it uninstalled the app (Shopify) or when its owner asks. */
    record ShopRedact() implements PrivacyRequest {
    }
}
