package io.aftercare.domain.recording;

import io.aftercare.domain.ShopId;
import java.time.Instant;
import java.util.Optional;

/**
 * Everything one accepted delivery writes, decided by the domain. The store writes it atomically, guarded by the
 * delivery's dedupe key, so a repeated delivery writes nothing.
 *
 * @param deliveryKey the platform and its delivery id; the same key twice is the same delivery
 */
public record Recording(
        ShopId shop,
        String deliveryKey,
        String topic,
        Instant receivedAt,
        Optional<OrderRecording> order,
        Optional<CustomerRecording> customer) {
}
