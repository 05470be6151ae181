package io.aftercare.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aftercare.devkit.DynamoDbExtension;
import io.aftercare.devkit.TestTable;
import io.aftercare.domain.AlreadyExists;
import io.aftercare.domain.ChangedMeanwhile;
import io.aftercare.domain.InvalidPageToken;
import io.aftercare.domain.Page;
import io.aftercare.domain.PageRequest;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.shop.Secret;
import io.aftercare.domain.shop.Shop;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DynamoDbExtension.class)
class DynamoShopRepositoryTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static DynamoShopRepository shops;

    @BeforeAll
    static void createTable(TestTable table) {
        shops = new DynamoShopRepository(table.client(), table.name());
    }

    @Test
    void givenARegisteredShop_whenReadBack_thenEverySettingAndBothSecretsSurvive() {
        Shop shop = TestShops.shop("round-trip", NOW);
        Shop rotated = shop.withSecrets(shop.secrets().rotateTo(new Secret("next-secret-0123456789"), NOW, Duration.ofHours(2)), NOW);
        shops.create(shop);
        shops.update(rotated);

        Shop read = shops.find(shop.id()).orElseThrow();

        assertThat(read.settings()).isEqualTo(shop.settings());
        assertThat(read.version()).isEqualTo(2);
        assertThat(read.secrets().current().reveal()).isEqualTo("next-secret-0123456789");
        assertThat(read.secrets().previous().map(Secret::reveal)).contains("shop-secret-0123456789");
        assertThat(read.secrets().previousValidUntil()).contains(NOW.plus(Duration.ofHours(2)));
    }

    @Test
    void givenATakenId_whenRegisteredAgain_thenItAlreadyExistsAndTheFirstShopStays() {
        shops.create(TestShops.shop("taken", NOW));

        assertThatThrownBy(() -> shops.create(TestShops.shop("taken", NOW.plusSeconds(1)))).isInstanceOf(AlreadyExists.class);
        assertThat(shops.find(new ShopId("taken")).orElseThrow().createdAt()).isEqualTo(NOW);
    }

    @Test
    void givenTwoUpdatesFromTheSameVersion_whenBothAreSaved_thenTheSecondFindsItChangedMeanwhile() {
        Shop shop = TestShops.shop("raced", NOW);
        shops.create(shop);
        shops.update(shop.withSettings(shop.settings(), NOW.plusSeconds(1)));

        assertThatThrownBy(() -> shops.update(shop.withSettings(shop.settings(), NOW.plusSeconds(2)))).isInstanceOf(ChangedMeanwhile.class);
    }

    @Test
    void givenManyShops_whenListedAPageAtATime_thenEveryShopComesOnceInIdOrder() {
        for (int i = 0; i < 7; i++) {
            shops.create(TestShops.shop("listed-" + i, NOW));
        }
        List<String> ids = new ArrayList<>();
        Optional<String> token = Optional.empty();
        do {
            Page<Shop> page = shops.list(new PageRequest(3, token));
            page.items().forEach(s -> ids.add(s.id().value()));
            token = page.nextPageToken();
        } while (token.isPresent());

        assertThat(ids).filteredOn(id -> id.startsWith("listed-")).containsExactly(
                "listed-0", "listed-1", "listed-2", "listed-3", "listed-4", "listed-5", "listed-6");
    }

    @Test
    void givenAForgedPageToken_whenListing_thenItIsRefused() {
        assertThatThrownBy(() -> shops.list(new PageRequest(3, Optional.of("bm90LWEtdG9rZW4")))).isInstanceOf(InvalidPageToken.class);
    }
}
