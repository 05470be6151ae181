package io.aftercare.migrate;

import io.aftercare.domain.PageRequest;
import io.aftercare.domain.shop.Shop;
import io.aftercare.dynamodb.DynamoShopRepository;
import java.util.Optional;
import java.util.function.ToIntFunction;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The migrations that go shop by shop: every registered shop, a page of them at a time. */
final class EveryShop {

    private EveryShop() {
    }

    /** @return what {@code migrate} did for each shop, summed */
    static int sum(DynamoDbClient dynamo, String table, ToIntFunction<Shop> migrate) {
        var shops = new DynamoShopRepository(dynamo, table);
        int total = 0;
        Optional<String> next = Optional.empty();
        do {
            var page = shops.list(new PageRequest(PageRequest.MAX_LIMIT, next));
            for (Shop shop : page.items()) {
                total += migrate.applyAsInt(shop);
            }
            next = page.nextPageToken();
        } while (next.isPresent());
        return total;
    }
}
