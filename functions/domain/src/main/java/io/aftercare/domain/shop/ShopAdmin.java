package io.aftercare.domain.shop;

import io.aftercare.domain.InvalidInput;
import io.aftercare.domain.NotFound;
import io.aftercare.domain.Page;
import io.aftercare.domain.PageRequest;
import io.aftercare.domain.ShopId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/** Registering and configuring shops (the admin API). */
public final class ShopAdmin {

    public static final Duration DEFAULT_ROTATION_OVERLAP = Duration.ofHours(24);
    private static final Duration MAX_ROTATION_OVERLAP = Duration.ofDays(7);

    private final ShopRepository shops;
    private final ShopCache cache;
    private final Consumer<Shop> saved;
    private final Clock clock;

    /** @param saved told of a shop registered or its settings saved, once written (its weekly summary is scheduled) */
    public ShopAdmin(ShopRepository shops, ShopCache cache, Consumer<Shop> saved, Clock clock) {
        this.shops = shops;
        this.cache = cache;
        this.saved = saved;
        this.clock = clock;
    }

    /** @throws io.aftercare.domain.Conflict when the id is taken */
    public Shop register(ShopId id, ShopSettings settings, Secret webhookSecret) {
        Instant now = clock.instant();
        Shop shop = new Shop(id, settings, WebhookSecrets.of(webhookSecret), now, now, 1);
        shops.create(shop);
        cache.evict(id);
        saved.accept(shop);
        return shop;
    }

    public Shop show(ShopId id) {
        return shops.find(id).orElseThrow(() -> new NotFound("no shop " + id));
    }

    public Page<Shop> list(PageRequest page) {
        return shops.list(page);
    }

    /** Applies {@code change} to the current settings. @throws io.aftercare.domain.Conflict if another update won the race */
    public Shop update(ShopId id, UnaryOperator<ShopSettings> change) {
        Shop current = show(id);
        Shop next = current.withSettings(change.apply(current.settings()), clock.instant());
        shops.update(next);
        cache.evict(id);
        saved.accept(next);
        return next;
    }

    /**
     * Makes {@code next} the signing secret. The current one stays valid for {@code overlap}, long enough for the
     * platform to switch over (Shopify takes up to an hour) and for deliveries it is retrying to arrive.
     */
    public Shop rotateSecret(ShopId id, Secret next, Duration overlap) {
        if (overlap.isNegative() || overlap.compareTo(MAX_ROTATION_OVERLAP) > 0) {
            throw new InvalidInput("previousValidForHours", "the overlap must be between 0 and " + MAX_ROTATION_OVERLAP.toHours() + " hours");
        }
        Shop current = show(id);
        Instant now = clock.instant();
        Shop rotated = current.withSecrets(current.secrets().rotateTo(next, now, overlap), now);
        shops.update(rotated);
        cache.evict(id);
        return rotated;
    }
}
