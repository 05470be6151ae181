package io.aftercare.domain.shop;

import io.aftercare.domain.ShopId;
import java.time.Instant;

/** A registered shop. {@code version} guards concurrent updates of its settings. */
public record Shop(ShopId id, ShopSettings settings, WebhookSecrets secrets, Instant createdAt, Instant updatedAt, long version) {

    public Shop withSettings(ShopSettings next, Instant now) {
        return new Shop(id, next, secrets, createdAt, now, version + 1);
    }

    public Shop withSecrets(WebhookSecrets next, Instant now) {
        return new Shop(id, settings, next, createdAt, now, version + 1);
    }
}
