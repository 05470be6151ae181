package io.aftercare.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.devkit.TemplateTable;
import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.Limits;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.action.ActionClass;
import io.aftercare.domain.action.ActionDetail;
import io.aftercare.domain.action.ActionKind;
import io.aftercare.domain.action.DueAction;
import io.aftercare.domain.order.FulfilmentStatus;
import io.aftercare.domain.order.OrderFact;
import io.aftercare.domain.order.ReturnEvent;
import io.aftercare.domain.order.ReturnReference;
import io.aftercare.domain.order.Tracking;
import io.aftercare.domain.shop.Platform;
import io.aftercare.domain.shop.SlaTarget;
import io.aftercare.domain.order.OrderId;
import io.aftercare.domain.timeline.Subject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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
        assertThat(Keys.issuedCode(SHOP, "thanks-abcd2345")).isEqualTo("SHOP#kettle-house#DISCOUNT#THANKS-ABCD2345");
        assertThat(Keys.pool(SHOP)).isEqualTo("SHOP#kettle-house#POOL");
        assertThat(Keys.returnReference(SHOP, ReturnReference.ofReturn("123134564567890")))
                .isEqualTo("SHOP#kettle-house#RETURN_REF#return:123134564567890");
        assertThat(Keys.returnReference(SHOP, new ReturnReference(ReturnReference.Kind.REVERSE_FULFILMENT_ORDER, "11111111")))
                .isEqualTo("SHOP#kettle-house#RETURN_REF#rfo:11111111");
    }

    /**
     * The budget behind {@link Limits}: the largest keys buildable from the largest ids each limit lets through, in
     * four-byte characters, stay within DynamoDB's key sizes (README, "Limits").
     */
    @Test
    void givenTheLargestIdsTheLimitsAllow_whenKeyed_thenEveryKeyFitsDynamoDbsKeySizes() {
        ShopId shop = new ShopId("s" + "h".repeat(38) + "p");
        OrderId order = new OrderId("o".repeat(64));
        String id = "😀".repeat(Limits.ID_BYTES / 4);
        Subject ticket = new Subject(Subject.Type.TICKET, id);
        // the longest action id: the longest kind and detail on the largest subject
        String actionId = DueAction.of(ActionKind.SLA_WARNING, ticket, new ActionDetail.SlaDeadline(SlaTarget.NEXT_RESPONSE, Integer.MAX_VALUE), T).id();
        // the longest entry ids: an action's outcomes and mailbox events, and the facts' own keys
        List<String> entryIds = List.of("mailbox-" + actionId + "-" + "soft_bounce", "email-" + actionId + "-skipped-" + Integer.MAX_VALUE,
                "action-" + actionId + "-skipped-" + Integer.MAX_VALUE, "scheduled-" + actionId,
                new OrderFact.FulfilmentChanged(id, FulfilmentStatus.values()[0], T, new Tracking(Optional.empty(), Optional.empty(), Optional.empty())).key(),
                new OrderFact.ReturnChanged(id, ReturnEvent.values()[0], T).key());
        List<String> partitions = List.of(Keys.ticket(shop, id), Keys.action(shop, actionId),
                Keys.delivery(shop, Platform.WOOCOMMERCE.slug() + ":" + "😀".repeat(Limits.DELIVERY_ID_BYTES / 4)), Keys.order(shop, order),
                Keys.returnReference(shop, new ReturnReference(ReturnReference.Kind.REVERSE_FULFILMENT_ORDER, id)));
        List<String> sorts = new java.util.ArrayList<>(List.of(Keys.refund(id), Keys.returnOf(id), Keys.customerOrder(order),
                Keys.ticketQueueSort(Optional.of(T), id), Keys.dueSort(T, shop, actionId)));
        for (String entryId : entryIds) {
            sorts.addAll(List.of(Keys.entry(entryId), Keys.entryByTime(T, entryId), Keys.entryByCustomer(T, ticket, entryId)));
        }

        assertThat(partitions).allSatisfy(pk -> assertThat(Limits.utf8Length(pk)).isLessThanOrEqualTo(Keys.MAX_PARTITION_KEY_BYTES));
        assertThat(sorts).allSatisfy(sk -> assertThat(Limits.utf8Length(sk)).isLessThanOrEqualTo(Keys.MAX_SORT_KEY_BYTES));
        assertThat(sorts.stream().mapToInt(Limits::utf8Length).max().orElseThrow()).as("the largest sort key").isGreaterThan(600);
    }

    @Test
    void givenTimes_whenKeyed_thenTheyAreFixedWidthSoTextOrderIsTimeOrder() {
        assertThat(Keys.time(T)).isEqualTo("2026-11-23T09:05:00.000Z");
        assertThat(Keys.time(T.plusMillis(5))).isGreaterThan(Keys.time(T));
        assertThat(Keys.entryByTime(T, "paid")).isEqualTo("2026-11-23T09:05:00.000Z#paid");
        assertThat(Keys.entryByCustomer(T, Subject.order(new OrderId("1042")), "paid")).isEqualTo("2026-11-23T09:05:00.000Z#ORDER#1042#paid");
    }

    @Test
    void givenADueTime_whenKeyed_thenItFallsInItsClassHourAndShardBucketAndTheShardFollowsTheActionNotTheTime() {
        assertThat(Keys.dueBucket(ActionClass.URGENT, T, 3)).isEqualTo("DUE#urgent#2026-11-23T09#3");
        assertThat(Keys.legacyDueBucket(T)).isEqualTo("DUE#2026-11-23T09");
        String now = Keys.dueBucket(SHOP, "survey#1", ActionClass.BULK, T, 8);
        String twoDaysLater = Keys.dueBucket(SHOP, "survey#1", ActionClass.BULK, T.plus(Duration.ofDays(2)), 8);
        assertThat(now).matches("DUE#bulk#2026-11-23T09#[0-7]");
        assertThat(twoDaysLater).isEqualTo("DUE#bulk#2026-11-25T09" + now.substring(now.lastIndexOf('#')));
        assertThat(Keys.dueTime(Keys.dueSort(T, SHOP, "survey#1"))).isEqualTo(T);
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
