package io.aftercare.domain.email;

import io.aftercare.domain.ShopId;
import io.aftercare.domain.shop.Language;
import io.aftercare.domain.shop.ShopCache;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A shop's templates read once per {@link ShopCache#TTL} per warm function, all of them in one request, so an email
 * costs no request for its template: a shop's change reaches every worker within that time, as a settings change does,
 * and at once in the process that made it (saving or deleting through this cache evicts the shop). Listing is not
 * cached: the template API shows what is stored.
 */
public final class TemplateOverrideCache implements TemplateOverrides {

    private static final int MAX_SHOPS = 1_000;

    private record Cached(List<TemplateOverride> overrides, Instant expires) {
    }

    private final TemplateOverrides stored;
    private final Clock clock;
    private final Map<ShopId, Cached> byShop = new ConcurrentHashMap<>();

    public TemplateOverrideCache(TemplateOverrides stored, Clock clock) {
        this.stored = stored;
        this.clock = clock;
    }

    @Override
    public Optional<TemplateOverride> find(ShopId shop, EmailKind kind, Language language) {
        Instant now = clock.instant();
        Cached cached = byShop.get(shop);
        if (cached == null || !now.isBefore(cached.expires())) {
            if (byShop.size() >= MAX_SHOPS) {
                byShop.clear();
            }
            // read once when a batch's emails, run at once, all find it expired: the others wait for that read
            cached = byShop.compute(shop, (key, current) -> current != null && now.isBefore(current.expires()) ? current
                    : new Cached(stored.list(key), now.plus(ShopCache.TTL)));
        }
        return cached.overrides().stream().filter(o -> o.kind().equals(kind) && o.language() == language).findFirst();
    }

    @Override
    public List<TemplateOverride> list(ShopId shop) {
        return stored.list(shop);
    }

    @Override
    public void save(ShopId shop, TemplateOverride override) {
        stored.save(shop, override);
        byShop.remove(shop);
    }

    @Override
    public boolean delete(ShopId shop, EmailKind kind, Language language) {
        boolean deleted = stored.delete(shop, kind, language);
        byShop.remove(shop);
        return deleted;
    }
}
