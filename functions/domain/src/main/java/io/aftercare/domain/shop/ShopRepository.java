package io.aftercare.domain.shop;

import io.aftercare.domain.Page;
import io.aftercare.domain.PageRequest;
import io.aftercare.domain.ShopId;
import java.util.Optional;

/** Port: where shops are kept. */
public interface ShopRepository {

    Optional<Shop> find(ShopId id);

    /** @throws io.aftercare.domain.Conflict when a shop with that id exists */
    void create(Shop shop);

    /** Saves {@code shop} if the stored one still has {@code shop.version() - 1}. @throws io.aftercare.domain.Conflict otherwise */
    void update(Shop shop);

    Page<Shop> list(PageRequest request);
}
