package io.aftercare.domain.email;

import io.aftercare.domain.NotFound;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.shop.Language;
import io.aftercare.domain.shop.ShopCache;
import java.util.List;

/** Shops' own email templates (the admin API): checked by a test render before they are kept. */
public final class EmailTemplates {

    private final TemplateOverrides overrides;
    private final EmailRenderer renderer;
    private final ShopCache shops;

    public EmailTemplates(TemplateOverrides overrides, EmailRenderer renderer, ShopCache shops) {
        this.overrides = overrides;
        this.renderer = renderer;
        this.shops = shops;
    }

    public TemplateOverride save(ShopId shop, TemplateOverride override) {
        requireShop(shop);
        renderer.check(override);
        overrides.save(shop, override);
        return override;
    }

    public List<TemplateOverride> list(ShopId shop) {
        requireShop(shop);
        return overrides.list(shop);
    }

    public void delete(ShopId shop, EmailKind kind, Language language) {
        requireShop(shop);
        if (!overrides.delete(shop, kind, language)) {
            throw new NotFound("shop " + shop + " has no " + kind.slug() + " template in " + language.code());
        }
    }

    private void requireShop(ShopId shop) {
        shops.find(shop).orElseThrow(() -> new NotFound("no shop " + shop));
    }
}
