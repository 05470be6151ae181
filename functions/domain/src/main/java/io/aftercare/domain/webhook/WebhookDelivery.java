package io.aftercare.domain.webhook;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A webhook delivery as it arrived: the platform and shop from the URL, the headers, and the raw body, which is
 * what the signature covers, so nothing is parsed before it is verified.
 */
public record WebhookDelivery(String platform, String shop, Map<String, String> headers, byte[] body) {

    public WebhookDelivery {
        // HTTP header names are case-insensitive (and HTTP/2 lowercases them): keep them lowercase.
        headers = headers.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(e -> e.getKey().toLowerCase(Locale.ROOT), Map.Entry::getValue, (a, b) -> a));
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT))).map(String::trim).filter(v -> !v.isEmpty());
    }
}
