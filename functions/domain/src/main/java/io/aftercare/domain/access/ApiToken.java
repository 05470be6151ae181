package io.aftercare.domain.access;

import io.aftercare.domain.ShopId;
import io.aftercare.domain.shop.Role;
import java.time.Instant;
import java.util.Optional;

/** An integration's credential in one shop with one role: only the hash of its secret is kept. */
public record ApiToken(ShopId shop, String id, String name, Role role, String secretHash, Instant createdAt,
                       String createdBy, Optional<Instant> lastUsedAt) {
}
