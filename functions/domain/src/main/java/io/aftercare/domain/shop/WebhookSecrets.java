package io.aftercare.domain.shop;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The secrets a shop's webhooks may be signed with. During a rotation the previous secret stays valid until
 * {@code previousValidUntil}, so deliveries signed before the platform switched over are not dropped.
 */
public record WebhookSecrets(Secret current, Optional<Secret> previous, Optional<Instant> previousValidUntil) {

    public WebhookSecrets {
        Objects.requireNonNull(current, "current");
        if (previous.isPresent() != previousValidUntil.isPresent()) {
            throw new IllegalArgumentException("a previous secret needs the time it stops being valid");
        }
    }

    public static WebhookSecrets of(Secret current) {
        return new WebhookSecrets(current, Optional.empty(), Optional.empty());
    }

    public List<Secret> acceptedAt(Instant now) {
        return previous.filter(p -> now.isBefore(previousValidUntil.orElseThrow()))
                .map(p -> List.of(current, p))
                .orElse(List.of(current));
    }

    public WebhookSecrets rotateTo(Secret next, Instant now, Duration overlap) {
        return new WebhookSecrets(next, Optional.of(current), Optional.of(now.plus(overlap)));
    }
}
