package io.aftercare.domain.email;

import io.aftercare.domain.ShopId;
import io.aftercare.domain.shop.Language;
import java.util.List;
import java.util.Optional;

/** Port: shops' own email templates. */
public interface TemplateOverrides {

    Optional<TemplateOverride> find(ShopId shop, EmailKind kind, Language language);

    /** Only of kinds a shop may override: anything else stored (before the API refused it) is never used, nor listed. */
    List<TemplateOverride> list(ShopId shop);

    void save(ShopId shop, TemplateOverride override);

    /** @return whether there was one */
    boolean delete(ShopId shop, EmailKind kind, Language language);
}
