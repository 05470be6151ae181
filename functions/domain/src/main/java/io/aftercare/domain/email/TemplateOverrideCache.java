package io.aftercare.domain.email;

import io.aftercare.domain.ShopId;
import io.aftercare.domain.shop.Language;
import io.aftercare.domain.shop.ReadOnceCache;
import io.aftercare.domain.shop.ShopCache;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * A shop's templates read once per {@link ShopCache#TTL} per warm function, all of them in one request, so an email
 * costs no request for its template: a shop's change reaches every worker within that time, as a settings change does,
 * and at once in the process that made it (saving or deleting through this cache evicts the shop). Listing is not
 * cached: the template API shows what is stored.
 */
public final class TemplateOverrideCache implements TemplateOverrides {

    private static final int MAX_SHOPS = 1_000;

    private final TemplateOverrides stored;
    private final ReadOnceCache<ShopId, List<TemplateOverride>> byShop;

    public TemplateOverrideCache(TemplateOverrides stored, Clock clock) {
        this.stored = stored;
        this.byShop = new ReadOnceCache<>(stored::list, overrides -> ShopCache.TTL, clock, MAX_SHOPS);
    }

    @Override
    public Optional<TemplateOverride> find(ShopId shop, EmailKind kind, Language language) {
        return byShop.get(shop).stream().filter(o -> o.kind().equals(kind) && o.language() == language).findFirst();
    }

    @Override
    public List<TemplateOverride> list(ShopId shop) {
        return stored.list(shop);
    }

    @Override
    public void save(ShopId shop, TemplateOverride override) {
        stored.save(shop, override);
        byShop.evict(shop);
    }

    @Override
    public boolean delete(ShopId shop, EmailKind kind, Language language) {
        boolean deleted = stored.delete(shop, kind, language);
        byShop.evict(shop);
        return deleted;
    }
}
