package io.aftercare.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;

/** The write units DynamoDB's documentation bills, item by item, for the table and template.yaml's indexes. */
class WriteUnitsTest {

    private static final WriteUnits TEMPLATE = WriteUnits.ofTemplate();

    private static Map<String, AttributeValue> item(String... namesAndValues) {
        Map<String, AttributeValue> item = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            item.put(namesAndValues[i], AttributeValue.fromS(namesAndValues[i + 1]));
        }
        return item;
    }

    @Test
    void givenASmallNewItem_whenWrittenAloneOrInATransaction_thenItCostsOneUnitOrTwo() {
        var item = item("PK", "SHOP#a#ORDER#1", "SK", "ORDER");

        assertThat(TEMPLATE.of(Map.of(), item, false).total()).isEqualTo(1);
        assertThat(TEMPLATE.of(Map.of(), item, true).total()).isEqualTo(2);
    }

    @Test
    void givenAnItemOverOneKilobyte_whenRewrittenSmaller_thenTheLargerImageIsBilledPerKilobyteRoundedUp() {
        var large = item("PK", "p", "SK", "s", "text", "x".repeat(2500));
        var small = item("PK", "p", "SK", "s");

        assertThat(TEMPLATE.of(large, small, false).table()).isEqualTo(3);
        assertThat(TEMPLATE.of(large, small, true).table()).isEqualTo(6);
    }

    @Test
    void givenATimelineEntryWithBothIndexKeys_whenFirstWritten_thenEachIndexGetsAWriteBesideTheTable() {
        var entry = item("PK", "SHOP#a#ORDER#1", "SK", "EVENT#e1", "LSI1SK", "2026-11-23T10:00:00Z#e1",
                "GSI1PK", "SHOP#a#CUSTOMER#h", "GSI1SK", "2026-11-23T10:00:00Z#ORDER#1#e1");

        var units = TEMPLATE.of(Map.of(), entry, true);

        assertThat(units.table()).isEqualTo(2);
        assertThat(units.indexes()).containsOnly(Map.entry("ByTime", 1.0), Map.entry("GSI1", 1.0));
    }

    @Test
    void givenAnIndexedItemRewrittenUnchanged_whenBilled_thenOnlyTheTablePays() {
        var entry = item("PK", "p", "SK", "s", "LSI1SK", "t", "GSI1PK", "g", "GSI1SK", "h");

        var units = TEMPLATE.of(entry, new HashMap<>(entry), true);

        assertThat(units.table()).isEqualTo(2);
        assertThat(units.indexes()).isEmpty();
    }

    @Test
    void givenAnIndexKeyThatMoves_whenBilled_thenTheIndexPaysForTheOldEntryGoneAndTheNewOne() {
        var due = item("PK", "p", "SK", "s", "DUEPK", "DUE#2026-11-23T10#0", "DUESK", "2026-11-23T10:00:00Z#a");
        var claimed = item("PK", "p", "SK", "s", "DUEPK", "DUE#2026-11-23T10#0", "DUESK", "2026-11-23T10:05:00Z#a");
        var done = item("PK", "p", "SK", "s");

        assertThat(TEMPLATE.of(due, claimed, false).indexes()).containsOnly(Map.entry("Due", 2.0));
        assertThat(TEMPLATE.of(claimed, done, false).indexes()).containsOnly(Map.entry("Due", 1.0));
    }

    @Test
    void givenAKeysOnlyIndex_whenAnAttributeItDoesNotProjectChanges_thenTheIndexIsNotWritten() {
        var index = new WriteUnits.Index("Due", List.of("DUEPK", "DUESK"), ProjectionType.KEYS_ONLY, Set.of());
        var units = new WriteUnits(List.of("PK", "SK"), List.of(index));
        var before = item("PK", "p", "SK", "s", "DUEPK", "d", "DUESK", "e", "attempts", "1");
        var after = item("PK", "p", "SK", "s", "DUEPK", "d", "DUESK", "e", "attempts", "2");

        assertThat(units.of(before, after, false).indexes()).isEmpty();
    }

    @Test
    void givenAttributesOfEachType_whenSized_thenNamesAndValuesCountAsDynamoDbCountsThem() {
        var item = new HashMap<String, AttributeValue>();
        item.put("s", AttributeValue.fromS("abc")); // 1 + 3
        item.put("n", AttributeValue.fromN("12345")); // 1 + 1 + 3
        item.put("b", AttributeValue.fromBool(true)); // 1 + 1
        item.put("l", AttributeValue.fromL(List.of(AttributeValue.fromS("x")))); // 1 + 3 + 1 + 1

        assertThat(WriteUnits.size(item)).isEqualTo(4 + 5 + 2 + 6);
    }
}
