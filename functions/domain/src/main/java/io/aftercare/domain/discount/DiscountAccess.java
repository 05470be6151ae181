package io.aftercare.domain.discount;

import io.aftercare.domain.InvalidInput;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.shop.Secret;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How Aftercare reaches a shop's own system to create codes. Requests go to {@code https://<host>} only: the host is
 * the shop's to choose, so it is a bare DNS name (no scheme, port, path, user or IP literal) and nothing else of the
 * URL is.
 */
public sealed interface DiscountAccess {

    String host();

    /** A Shopify store's {@code <name>.myshopify.com} and its Admin API access token (scope {@code write_discounts}). */
    record Shopify(String host, Secret adminToken) implements DiscountAccess {
        public Shopify {
            host = validHost("shopDomain", host);
            if (!host.endsWith(".myshopify.com")) {
                throw new InvalidInput("shopDomain", "shopDomain must be the store's <name>.myshopify.com domain");
            }
        }
    }

    /** A WooCommerce store's host and its REST API key (read/write). */
    record WooCommerce(String host, Secret consumerKey, Secret consumerSecret) implements DiscountAccess {
        public WooCommerce {
            host = validHost("storeHost", host);
        }
    }

    // labels of letters, digits and inner hyphens, at least two of them, the last not all digits (no IPv4 literal)
    Pattern HOST = Pattern.compile("(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?");

    private static String validHost(String field, String host) {
        String lower = Optional.ofNullable(host).map(h -> h.strip().toLowerCase(Locale.ROOT)).orElse("");
        if (!HOST.matcher(lower).matches() || lower.equals("localhost") || lower.endsWith(".localhost") || lower.endsWith(".internal")) {
            throw new InvalidInput(field, field + " must be a host name only, such as shop.example.com (no https://, port or path)");
        }
        return lower;
    }

    /** Port: where each shop's access is kept (beside its webhook secret). */
    interface Store {
        Optional<DiscountAccess> access(ShopId shop);

        void saveAccess(ShopId shop, DiscountAccess access);
    }
}
