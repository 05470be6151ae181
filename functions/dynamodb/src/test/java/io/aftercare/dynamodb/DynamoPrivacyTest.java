package io.aftercare.dynamodb;

import static io.aftercare.dynamodb.Items.s;
import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.devkit.DynamoDbExtension;
import io.aftercare.devkit.TestTable;
import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.action.ActionDetail;
import io.aftercare.domain.action.ActionKind;
import io.aftercare.domain.privacy.PrivacyStore;
import io.aftercare.domain.privacy.SuppressionKey;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The privacy jobs' batches against DynamoDB Local: each bounded, and a job cut short anywhere goes on from what is left. */
@ExtendWith(DynamoDbExtension.class)
class DynamoPrivacyTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final SuppressionKey KEY = new SuppressionKey("privacy-test-link-key".getBytes(StandardCharsets.UTF_8));
    private static TestTable table;

    @BeforeAll
    static void createTable(TestTable testTable) {
        table = testTable;
    }

    /** A fresh store for each batch: as a new Lambda container picks up a job whose last claim timed out. */
    private static DynamoPrivacy store() {
        return new DynamoPrivacy(table.client(), table.name(), DynamoActionStore.DEFAULT_DUE_SHARDS, () -> KEY, Optional.empty());
    }

    @Test
    void aShopsErasureScansOnePageABatchAndGoesOnFromItsCursorUntilNoItemOfTheShopIsLeft() {
        var gone = new ShopId("erased-pages");
        var kept = new ShopId("kept-pages");
        put(gone, 3 * DynamoPrivacy.BATCH);
        put(kept, 20);
        var job = new ActionDetail.Privacy("r-1", Optional.empty(), Set.of());

        var first = store().step(gone, ActionKind.SHOP_ERASURE, job, NOW);
        int batches = 1;
        PrivacyStore.Progress progress = first;
        while (!progress.done()) {
            progress = store().step(gone, ActionKind.SHOP_ERASURE, job, NOW);
            batches++;
        }

        assertThat(first.done()).isFalse();
        assertThat(batches).isGreaterThan(1);
        assertThat(ofShop(gone)).isEmpty();
        assertThat(ofShop(kept)).hasSize(21);
        assertThat(table.allItems()).noneMatch(item -> item.get(Keys.PK).s().startsWith("ERASURE#"));
    }

    @Test
    void aCustomersErasureDoneAgainChangesNothingMoreAndLeavesTheSuppressionKeyedByTheHmacAlone() {
        var shop = new ShopId("erased-twice");
        var ola = new EmailAddress("ola@example.pl");
        String partition = Keys.customer(shop, ola);
        table.client().putItem(b -> b.tableName(table.name()).item(Map.of(Keys.PK, s(partition), Keys.SK, s(Keys.PROFILE),
                Keys.TYPE, s("CUSTOMER"), "email", s(ola.value()), "name", s("Ola Nowak"))));
        table.client().putItem(b -> b.tableName(table.name()).item(Map.of(Keys.PK, s(partition), Keys.SK, s(Keys.SUPPRESSION),
                Keys.TYPE, s(Keys.SUPPRESSION), DynamoRecipientStore.HARD, s("bounced"))));
        var job = new ActionDetail.Privacy("r-2", Optional.of(ola.hash()), Set.of());

        int batches = 0;
        while (!store().step(shop, ActionKind.CUSTOMER_ERASURE, job, NOW).done()) {
            batches++;
        }
        List<Map<String, AttributeValue>> after = ofShop(shop);
        var again = store().step(shop, ActionKind.CUSTOMER_ERASURE, job, NOW);

        assertThat(batches).isPositive();
        assertThat(again).isEqualTo(new PrivacyStore.Progress(0, true));
        assertThat(ofShop(shop)).containsExactlyInAnyOrderElementsOf(after);
        assertThat(after).singleElement().satisfies(kept -> {
            assertThat(kept).containsEntry(Keys.PK, s(Keys.owned(shop) + "ERASED#" + KEY.of(ola))).containsEntry(DynamoRecipientStore.HARD, s("bounced"));
            assertThat(kept.toString()).doesNotContain(ola.value(), ola.hash(), "Ola");
        });
    }

    private static void put(ShopId shop, int count) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        IntStream.range(0, count).forEach(i -> {
            Map<String, AttributeValue> item = new HashMap<>(Keys.key(Keys.owned(shop) + "ORDER#" + i, Keys.ORDER));
            item.put(Keys.TYPE, s(Keys.ORDER));
            items.add(item);
        });
        items.add(Keys.key(Keys.shop(shop), "SETTINGS"));
        BatchWrites.put(table.client(), table.name(), items);
    }

    private static List<Map<String, AttributeValue>> ofShop(ShopId shop) {
        return table.allItems().stream().filter(item -> item.get(Keys.PK).s().equals(Keys.shop(shop))
                || item.get(Keys.PK).s().startsWith(Keys.owned(shop))).toList();
    }
}
