package io.aftercare.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.devkit.TemplateTable;
import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.order.OrderId;
import io.aftercare.domain.timeline.Subject;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;

/** Pins the shapes of the keys: changing one strands every item already stored under the old shape. */
class KeysTest {

    private static final ShopId SHOP = new ShopId("kettle-house");
    private static final Instant T = Instant.parse("2026-11-23T09:05:00Z");

    @Test
    void givenAShopsThings_whenKeyed_thenEveryPartitionStartsWithTheShop() {
        EmailAddress customer = new EmailAddress("ola@example.pl");

        assertThat(Keys.shop(SHOP)).isEqualTo("SHOP#kettle-house");
        assertThat(Keys.order(SHOP, new OrderId("1042"))).isEqualTo("SHOP#kettle-house#ORDER#1042");
        assertThat(Keys.customer(SHOP, customer)).isEqualTo("SHOP#kettle-house#CUSTOMER#" + customer.hash()).doesNotContain("ola");
        assertThat(Keys.action(SHOP, "thank-you#1042")).isEqualTo("SHOP#kettle-house#ACTION#thank-you#1042");
        assertThat(Keys.delivery(SHOP, "generic:Evt_9aB")).isEqualTo("SHOP#kettle-house#DELIVERY#generic:Evt_9aB");
        assertThat(Keys.entry("paid")).isEqualTo("EVENT#paid");
    }

    @Test
    void givenTimes_whenKeyed_thenTheyAreFixedWidthSoTextOrderIsTimeOrder() {
        assertThat(Keys.time(T)).isEqualTo("2026-11-23T09:05:00.000Z");
        assertThat(Keys.time(T.plusMillis(5))).isGreaterThan(Keys.time(T));
        assertThat(Keys.entryByTime(T, "paid")).isEqualTo("2026-11-23T09:05:00.000Z#paid");
        assertThat(Keys.entryByCustomer(T, Subject.order(new OrderId("1042")), "paid")).isEqualTo("2026-11-23T09:05:00.000Z#ORDER#1042#paid");
    }

    @Test
    void givenADueTime_whenKeyed_thenItFallsInItsHoursBucket() {
        assertThat(Keys.dueBucket(T)).isEqualTo("DUE#2026-11-23T09");
        assertThat(Keys.dueSort(T, SHOP, "survey#1")).isEqualTo("2026-11-23T09:05:00.000Z#kettle-house#survey#1");
    }

    @Test
    void givenTheTemplatesTable_whenRead_thenItHasEveryIndexTheKeysAreBuiltFor() {
        var table = TemplateTable.fromRepository().createRequest("any");

        assertThat(table.keySchema()).extracting(KeySchemaElement::attributeName).containsExactly(Keys.PK, Keys.SK);
        assertThat(table.localSecondaryIndexes()).extracting(LocalSecondaryIndex::indexName).containsExactly(Keys.INDEX_BY_TIME);
        assertThat(table.localSecondaryIndexes().get(0).keySchema()).extracting(KeySchemaElement::attributeName)
                .containsExactly(Keys.PK, Keys.BY_TIME_SK);
        assertThat(table.globalSecondaryIndexes()).extracting(GlobalSecondaryIndex::indexName)
                .containsExactlyInAnyOrder(Keys.INDEX_GSI1, Keys.INDEX_DUE);
        assertThat(table.globalSecondaryIndexes()).filteredOn(i -> i.indexName().equals(Keys.INDEX_DUE)).singleElement()
                .satisfies(i -> assertThat(i.keySchema()).extracting(KeySchemaElement::attributeName).containsExactly(Keys.DUE_PK, Keys.DUE_SK));
    }
}
