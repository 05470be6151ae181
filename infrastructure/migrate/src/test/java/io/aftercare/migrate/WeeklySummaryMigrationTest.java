package io.aftercare.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.devkit.DynamoDbExtension;
import io.aftercare.devkit.TestTable;
import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.action.ActionRef;
import io.aftercare.domain.action.ClaimedAction;
import io.aftercare.domain.action.DueAction;
import io.aftercare.domain.metrics.WeeklySummaries;
import io.aftercare.domain.shop.Branding;
import io.aftercare.domain.shop.Language;
import io.aftercare.domain.shop.Platform;
import io.aftercare.domain.shop.Secret;
import io.aftercare.domain.shop.Shop;
import io.aftercare.domain.shop.ShopSettings;
import io.aftercare.domain.shop.SupportSettings;
import io.aftercare.domain.shop.WebhookSecrets;
import io.aftercare.dynamodb.DynamoActionStore;
import io.aftercare.dynamodb.DynamoShopRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DynamoDbExtension.class)
class WeeklySummaryMigrationTest {

    /** A Wednesday: the next summaries are Monday 2026-12-07's, at 08:00 in each shop's zone. */
    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void givenShopsRegisteredBeforeWeeklySummaries_whenMigrated_thenEachShopsNextSummaryComesDueOnItsOwnMondayMorning(TestTable table) {
        Shop warsaw = register(table, "weekly-warsaw", "Europe/Warsaw");
        Shop auckland = register(table, "weekly-auckland", "Pacific/Auckland");
        var actions = new DynamoActionStore(table.client(), table.name());

        int written = WeeklySummaryMigration.run(table.client(), table.name(), DynamoActionStore.DEFAULT_DUE_SHARDS, CLOCK);

        assertThat(written).isEqualTo(2);
        DueAction warsawNext = WeeklySummaries.next(warsaw.id(), ZoneId.of("Europe/Warsaw"), NOW);
        DueAction aucklandNext = WeeklySummaries.next(auckland.id(), ZoneId.of("Pacific/Auckland"), NOW);
        assertThat(warsawNext.dueAt()).isEqualTo(Instant.parse("2026-12-07T07:00:00Z"));
        assertThat(aucklandNext.dueAt()).isEqualTo(Instant.parse("2026-12-06T19:00:00Z"));
        assertThat(claim(actions, warsaw.id(), warsawNext, warsawNext.dueAt().minusSeconds(60))).isEmpty();
        assertThat(claim(actions, warsaw.id(), warsawNext, warsawNext.dueAt())).isPresent();
        assertThat(claim(actions, auckland.id(), aucklandNext, aucklandNext.dueAt())).isPresent();
    }

    @Test
    void givenAShopWhoseSummaryIsWrittenAlready_whenMigratedTwice_thenNothingIsWrittenAgain(TestTable table) {
        Shop shop = register(table, "weekly-saved", "Europe/Bucharest");
        var actions = new DynamoActionStore(table.client(), table.name());
        actions.schedule(shop.id(), WeeklySummaries.next(shop.id(), ZoneId.of("Europe/Bucharest"), NOW), NOW);
        var before = table.allItems();

        int first = WeeklySummaryMigration.run(table.client(), table.name(), DynamoActionStore.DEFAULT_DUE_SHARDS, CLOCK);
        int second = WeeklySummaryMigration.run(table.client(), table.name(), DynamoActionStore.DEFAULT_DUE_SHARDS, CLOCK);

        assertThat(first).isZero();
        assertThat(second).isZero();
        assertThat(table.allItems()).containsExactlyInAnyOrderElementsOf(before);
    }

    private static Optional<ClaimedAction> claim(DynamoActionStore actions, ShopId shop, DueAction action, Instant at) {
        return actions.claim(new ActionRef(shop, action.id()), action.kind().actionClass(), at, Duration.ofMinutes(5));
    }

    private static Shop register(TestTable table, String id, String zone) {
        var settings = new ShopSettings(Platform.GENERIC, "Kettle House", new EmailAddress("hello@kettlehouse.example"),
                new EmailAddress("help@kettlehouse.example"), Language.EN, ZoneId.of(zone),
                ShopSettings.DEFAULT_CHECK_IN_DELAY, ShopSettings.DEFAULT_SURVEY_DELAY, ShopSettings.DEFAULT_TRANSIT_ESTIMATE,
                Optional.empty(), Branding.DEFAULT, SupportSettings.defaults());
        var shop = new Shop(new ShopId(id), settings, WebhookSecrets.of(new Secret("shop-secret-0123456789")), NOW, NOW, 1);
        new DynamoShopRepository(table.client(), table.name()).create(shop);
        return shop;
    }
}
