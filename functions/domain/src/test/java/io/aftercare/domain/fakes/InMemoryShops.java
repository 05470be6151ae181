package io.aftercare.domain.fakes;

import io.aftercare.domain.AlreadyExists;
import io.aftercare.domain.ChangedMeanwhile;
import io.aftercare.domain.Page;
import io.aftercare.domain.PageRequest;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.shop.Shop;
import io.aftercare.domain.shop.ShopRepository;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Shops in a map, with the repository's version guard; one page holds them all. */
public final class InMemoryShops implements ShopRepository {

    private final Map<String, Shop> shops = new TreeMap<>();

    @Override
    public Optional<Shop> find(ShopId id) {
        return Optional.ofNullable(shops.get(id.value()));
    }

    @Override
    public void create(Shop shop) {
        if (shops.putIfAbsent(shop.id().value(), shop) != null) {
            throw new AlreadyExists("shop " + shop.id() + " exists");
        }
    }

    @Override
    public void update(Shop shop) {
        Shop stored = shops.get(shop.id().value());
        if (stored == null || stored.version() != shop.version() - 1) {
            throw new ChangedMeanwhile("shop " + shop.id() + " is not at version " + (shop.version() - 1));
        }
        shops.put(shop.id().value(), shop);
    }

    @Override
    public Page<Shop> list(PageRequest request) {
        return new Page<>(new ArrayList<>(shops.values()).subList(0, Math.min(request.limit(), shops.size())), Optional.empty());
    }
}
