package io.aftercare.domain.shop;

import io.aftercare.domain.ShopId;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Shops read through a short-lived cache, so a warm webhook function spends its one DynamoDB request on the
 * recording, not on reading the shop. A settings change or secret rotation reaches every function within
 * {@link #TTL}; unknown shops are remembered briefly too, so a flood of bad URLs does not reach the table.
 */
public final class ShopCache {

    public static final Duration TTL = Duration.ofSeconds(60);
    private static final Duration UNKNOWN_TTL = Duration.ofSeconds(10);
    private static final int MAX_ENTRIES = 10_000;

    private final ReadOnceCache<ShopId, Optional<Shop>> cache;

    public ShopCache(ShopRepository shops, Clock clock) {
        this.cache = new ReadOnceCache<>(shops::find, shop -> shop.isPresent() ? TTL : UNKNOWN_TTL, clock, MAX_ENTRIES);
    }

    public Optional<Shop> find(ShopId id) {
        return cache.get(id);
    }

    /** After a change made in this process, so it is seen at once. */
    public void evict(ShopId id) {
        cache.evict(id);
    }
}
