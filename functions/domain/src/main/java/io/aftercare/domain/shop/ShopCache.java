package io.aftercare.domain.shop;

import io.aftercare.domain.ShopId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Shops read through a short-lived cache, so a warm webhook function spends its one DynamoDB request on the
 * recording, not on reading the shop. A settings change or secret rotation reaches every function within
 * {@link #TTL}; unknown shops are remembered briefly too, so a flood of bad URLs does not reach the table.
 */
public final class ShopCache {

    public static final Duration TTL = Duration.ofSeconds(60);
    private static final Duration UNKNOWN_TTL = Duration.ofSeconds(10);
    private static final int MAX_ENTRIES = 10_000;

    private record Cached(Optional<Shop> shop, Instant expires) {
    }

    private final ShopRepository shops;
    private final Clock clock;
    private final Map<ShopId, Cached> cache = new ConcurrentHashMap<>();

    public ShopCache(ShopRepository shops, Clock clock) {
        this.shops = shops;
        this.clock = clock;
    }

    public Optional<Shop> find(ShopId id) {
        Instant now = clock.instant();
        Cached cached = cache.get(id);
        if (cached != null && now.isBefore(cached.expires())) {
            return cached.shop();
        }
        if (cache.size() >= MAX_ENTRIES) {
            cache.clear();
        }
        // read once when a batch's actions, run at once, all find it expired: the others wait for that read
        return cache.compute(id, (key, current) -> current != null && now.isBefore(current.expires()) ? current : read(key, now)).shop();
    }

    private Cached read(ShopId id, Instant now) {
        Optional<Shop> shop = shops.find(id);
        return new Cached(shop, now.plus(shop.isPresent() ? TTL : UNKNOWN_TTL));
    }

    /** After a change made in this process, so it is seen at once. */
    public void evict(ShopId id) {
        cache.remove(id);
    }
}
