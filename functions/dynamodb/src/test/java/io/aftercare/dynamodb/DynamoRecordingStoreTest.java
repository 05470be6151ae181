package io.aftercare.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.devkit.DynamoDbExtension;
import io.aftercare.devkit.TestTable;
import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.Money;
import io.aftercare.domain.PageRequest;
import io.aftercare.domain.event.OrderUpdate;
import io.aftercare.domain.order.CustomerContact;
import io.aftercare.domain.order.OrderFact;
import io.aftercare.domain.order.OrderId;
import io.aftercare.domain.order.OrderLine;
import io.aftercare.domain.order.OrderSnapshot;
import io.aftercare.domain.order.OrderStatus;
import io.aftercare.domain.order.ShipmentStatus;
import io.aftercare.domain.recording.RecordResult;
import io.aftercare.domain.recording.Recording;
import io.aftercare.domain.recording.RecordingPolicy;
import io.aftercare.domain.shop.Shop;
import io.aftercare.domain.timeline.EntryKind;
import io.aftercare.domain.timeline.EntryText;
import io.aftercare.domain.timeline.Phrase;
import io.aftercare.domain.timeline.Subject;
import io.aftercare.domain.timeline.TimelineEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

@ExtendWith(DynamoDbExtension.class)
class DynamoRecordingStoreTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final EmailAddress OLA = new EmailAddress("ola@example.pl");

    private static TestTable table;
    private static DynamoRecordingStore store;
    private static DynamoTimelineReader reader;
    private final RecordingPolicy policy = new RecordingPolicy();

    @BeforeAll
    static void createTable(TestTable testTable) {
        table = testTable;
        store = new DynamoRecordingStore(table.client(), table.name());
        reader = new DynamoTimelineReader(table.client(), table.name());
    }

    @Test
    void givenARecordedDelivery_whenTheSameDeliveryIsRecordedAgain_thenItIsADuplicateAndNothingIsWritten() {
        Shop shop = TestShops.shop("dup-shop", NOW);
        Recording recording = plan(shop, "shopify:d-1", created("1", NOW));
        assertThat(store.record(recording).duplicate()).isFalse();
        int items = table.itemCount();

        assertThat(store.record(recording)).isEqualTo(RecordResult.duplicateDelivery());
        assertThat(table.itemCount()).isEqualTo(items);
    }

    @Test
    void givenAnOrderWithNineLaterDeliveries_whenItsFirstIsRepeated_thenItIsStillADuplicateAndTheOrderRemembersTenAtMost() {
        Shop shop = TestShops.shop("recent-shop", NOW);
        store.record(plan(shop, "shopify:first", created("11", NOW)));
        IntStream.rangeClosed(1, 9).forEach(i -> assertThat(store.record(plan(shop, "shopify:later-" + i, shipped("11", i))).duplicate()).isFalse());

        assertThat(store.record(plan(shop, "shopify:first", created("11", NOW))).duplicate()).isTrue();
        assertThat(store.record(plan(shop, "shopify:later-10", shipped("11", 10))).duplicate()).isFalse();
        assertThat(orderItem(shop, "11").get(RecordingItems.RECENT_DELIVERIES).s().split(" ")).hasSize(RecordingItems.RECENT_DELIVERIES_KEPT)
                .contains(RecordingItems.deliveryDigest("shopify:later-10")).doesNotContain(RecordingItems.deliveryDigest("shopify:first"));
        assertThat(table.allItems()).as("no marker item of its own").noneMatch(item -> item.get("PK").s().startsWith("SHOP#recent-shop#DELIVERY#"));
    }

    @Test
    void givenTenDifferentDeliveriesOfOneOrderAtOnce_whenRecorded_thenEveryOneIsRecordedAndRemembered() throws Exception {
        Shop shop = TestShops.shop("crowd-shop", NOW);
        store.record(plan(shop, "shopify:crowd-0", created("12", NOW)));
        var pool = Executors.newFixedThreadPool(10);
        try {
            List<Callable<RecordResult>> calls = IntStream.rangeClosed(1, 9)
                    .<Callable<RecordResult>>mapToObj(i -> () -> store.record(plan(shop, "shopify:crowd-" + i, shipped("12", i)))).toList();
            for (var result : pool.invokeAll(calls)) {
                assertThat(result.get().duplicate()).isFalse();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(orderItem(shop, "12").get(RecordingItems.RECENT_DELIVERIES).s().split(" "))
                .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(0, 9).mapToObj(i -> RecordingItems.deliveryDigest("shopify:crowd-" + i)).toList());
    }

    @Test
    void givenADeliveryAnOlderDeploymentMarkedWithAnItemOfItsOwn_whenItIsRepeated_thenItIsADuplicate() {
        Shop shop = TestShops.shop("legacy-marker-shop", NOW);
        var marker = new RecordingItems(table.name(), DynamoActionStore.DEFAULT_DUE_SHARDS).deliveryMarker(shop.id(), "shopify:old", "orders/create", NOW);
        table.client().putItem(b -> b.tableName(table.name()).item(marker.put().item()));

        assertThat(store.record(plan(shop, "shopify:old", created("13", NOW))).duplicate()).isTrue();
        assertThat(reader.order(shop.id(), new OrderId("13"))).isEmpty();
    }

    @Test
    void givenADeliveryThatOnlyChangesItsOrder_whenRecorded_thenItIsOnePlainUpdateAndNoTransaction() {
        Shop shop = TestShops.shop("plain-shop", NOW);
        store.record(plan(shop, "shopify:plain-0", created("14", NOW)));
        List<Object> writes = new CopyOnWriteArrayList<>();
        ExecutionInterceptor watching = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof TransactWriteItemsRequest || context.request() instanceof UpdateItemRequest) {
                    writes.add(context.request());
                }
            }
        };
        var paid = new OrderUpdate(new OrderId("14"), NOW.plusSeconds(30), Optional.empty(), List.of(new OrderFact.Paid(NOW.plusSeconds(30))),
                Optional.empty(), false);

        new DynamoRecordingStore(table.client(watching), table.name()).record(plan(shop, "shopify:plain-1", paid));

        assertThat(writes).singleElement().isInstanceOf(UpdateItemRequest.class);
        assertThat(reader.order(shop.id(), new OrderId("14")).orElseThrow().milestones()).containsKey(io.aftercare.domain.order.Milestone.PAID);
        assertThat(store.record(plan(shop, "shopify:plain-1", paid)).duplicate()).isTrue();
    }

    @Test
    void givenAnOrderUpdateWhoseAnswerIsLost_whenTheSdkSendsItAgain_thenTheDeliveryIsRecordedNotADuplicate() {
        Shop shop = TestShops.shop("lost-answer-shop", NOW);
        store.record(plan(shop, "shopify:lost-0", created("15", NOW)));
        var lost = new java.util.concurrent.atomic.AtomicBoolean();
        ExecutionInterceptor losingTheFirstAnswer = new ExecutionInterceptor() {
            @Override
            public software.amazon.awssdk.http.SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
                // the update was written; DynamoDB's answer is a 500, which the SDK retries
                return context.request() instanceof UpdateItemRequest && lost.compareAndSet(false, true)
                        ? context.httpResponse().toBuilder().statusCode(500).build() : context.httpResponse();
            }
        };

        var paid = new OrderUpdate(new OrderId("15"), NOW.plusSeconds(30), Optional.empty(), List.of(new OrderFact.Paid(NOW.plusSeconds(30))),
                Optional.empty(), false);

        var result = new DynamoRecordingStore(table.client(losingTheFirstAnswer), table.name()).record(plan(shop, "shopify:lost-1", paid));

        assertThat(lost).as("the order's update was answered 500 once").isTrue();
        assertThat(result.duplicate()).isFalse();
        assertThat(store.record(plan(shop, "shopify:lost-1", paid)).duplicate()).as("a copy sent later").isTrue();
    }

    @Test
    void givenParcelNewsOlderThanTheStoredSnapshot_whenRecorded_thenItIsNotCalledAStaleSnapshot() {
        Shop shop = TestShops.shop("older-news-shop", NOW);
        store.record(plan(shop, "shopify:news-0", created("16", NOW.plusSeconds(3600))));

        assertThat(store.record(plan(shop, "shopify:news-1", shipped("16", 1))).staleSnapshot()).isFalse();
    }

    @Test
    void givenAReturnStepRecorded_whenACopyOfItCannotBeLocated_thenTheCopyIsADuplicateAndNoNoteIsWritten() {
        Shop shop = TestShops.shop("return-copy-shop", NOW);
        store.record(plan(shop, "shopify:order-17", created("17", NOW)));
        var requested = new OrderUpdate(new OrderId("17"), NOW.plusSeconds(60), Optional.empty(), List.of(new OrderFact.ReturnChanged("ret-1",
                io.aftercare.domain.order.ReturnEvent.REQUESTED, NOW.plusSeconds(60), Optional.empty(), Optional.empty(), java.util.Map.of(),
                java.util.Set.of(io.aftercare.domain.order.ReturnReference.ofReturn("ret-1")))), Optional.empty(), false);
        assertThat(store.record(plan(shop, "shopify:return-1", requested)).duplicate()).isFalse();
        var note = new TimelineEntry("return-not-located-2", Subject.shop(shop.id()), NOW, EntryKind.RETURN_ANOMALY,
                EntryText.of(Phrase.RETURN_NOT_LOCATED).text("return", "ret-1").flag("noToken", true), Optional.of("return-1"));

        assertThat(store.recordUnapplied(shop.id(), "shopify:return-1", "returns/request", note)).isFalse();
        assertThat(reader.shopTimeline(shop.id(), PageRequest.first(10)).items()).isEmpty();
    }

    @Test
    void givenANewerSnapshot_whenAnOlderOneArrives_thenTheStoredOrderKeepsTheNewerStateAndNewFactsStillCount() {
        Shop shop = TestShops.shop("stale-shop", NOW);
        var newer = new OrderUpdate(new OrderId("2"), NOW.plusSeconds(60), Optional.of(snapshot("2", "#2-newer", NOW)),
                List.of(new OrderFact.Placed(NOW)), Optional.empty(), false);
        var older = new OrderUpdate(new OrderId("2"), NOW, Optional.of(snapshot("2", "#2-older", NOW)),
                List.of(new OrderFact.Placed(NOW), new OrderFact.Paid(NOW.plusSeconds(5))), Optional.empty(), false);
        store.record(plan(shop, "shopify:newer", newer));

        RecordResult result = store.record(plan(shop, "shopify:older", older));

        assertThat(result.staleSnapshot()).isTrue();
        var order = reader.order(shop.id(), new OrderId("2")).orElseThrow();
        assertThat(order.snapshot().orElseThrow().name()).isEqualTo("#2-newer");
        assertThat(order.status()).isEqualTo(OrderStatus.PAID);
    }

    @Test
    void givenAnActionScheduledBefore_whenAnotherDeliverySchedulesItAgain_thenTheFirstStandsAndTheRestIsRecorded() {
        Shop shop = TestShops.shop("twice-shop", NOW);
        store.record(plan(shop, "shopify:create-a", created("3", NOW)));

        RecordResult again = store.record(plan(shop, "shopify:create-b", created("3", NOW.plusSeconds(1))));

        assertThat(again.duplicate()).isFalse();
        assertThat(again.notScheduled()).containsExactlyInAnyOrder("thank-you#3", "check-in#3");
        assertThat(table.allItems()).filteredOn(i -> i.get("PK").s().startsWith("SHOP#twice-shop#ACTION#")).hasSize(2);
    }

    @Test
    void givenADeliveryWithMoreThanATransactionsHundredItems_whenRecorded_thenTheCheckThatItsOrderHasNoCaseIsInTheOrdersTransaction() {
        Shop shop = TestShops.shop("many-delivered-shop", NOW);
        List<OrderFact> facts = new ArrayList<>();
        IntStream.range(0, 120).forEach(i -> facts.add(new OrderFact.Refunded("r" + i, Money.of("1.00", "PLN"), NOW.plusSeconds(i), Optional.empty())));
        facts.add(new OrderFact.ShipmentProgressed("f-1", ShipmentStatus.DELIVERED, NOW, Optional.empty()));
        List<TransactWriteItemsRequest> transactions = new CopyOnWriteArrayList<>();
        ExecutionInterceptor watching = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof TransactWriteItemsRequest write) {
                    transactions.add(write);
                }
            }
        };
        var watched = new DynamoRecordingStore(table.client(watching), table.name());

        var result = watched.record(plan(shop, "generic:many-delivered", new OrderUpdate(new OrderId("5"), NOW, Optional.empty(), facts, Optional.of(OLA), false)));

        assertThat(result.notScheduled()).contains("delivery-case#5~delivered");
        assertThat(transactions).hasSizeGreaterThan(1).filteredOn(write -> write.transactItems().stream().anyMatch(item -> item.conditionCheck() != null))
                .singleElement().satisfies(write -> assertThat(write.transactItems())
                        .anyMatch(item -> item.update() != null && item.update().key().get("SK").s().equals("ORDER")));
    }

    @Test
    void givenMoreThanATransactionsHundredItems_whenRecorded_thenEveryEntryIsWritten() {
        Shop shop = TestShops.shop("many-shop", NOW);
        List<OrderFact> refunds = new ArrayList<>();
        IntStream.range(0, 120).forEach(i -> refunds.add(new OrderFact.Refunded("r" + i, Money.of("1.00", "PLN"), NOW.plusSeconds(i), Optional.empty())));
        var update = new OrderUpdate(new OrderId("4"), NOW, Optional.empty(), refunds, Optional.of(OLA), false);

        store.record(plan(shop, "generic:many", update));

        assertThat(reader.order(shop.id(), new OrderId("4")).orElseThrow().refunds()).hasSize(120);
        // each refund also schedules its notice, so the order's timeline holds more than a page: count the items
        assertThat(table.allItems()).filteredOn(item -> item.get("PK").s().endsWith("#ORDER#4") && item.get("SK").s().startsWith("EVENT#refund-r"))
                .hasSize(120);
    }

    @Test
    void givenTheSameDeliveryTenTimesAtOnce_whenRecorded_thenExactlyOneIsRecordedAndNineAreDuplicates() throws Exception {
        Shop shop = TestShops.shop("race-shop", NOW);
        Recording recording = plan(shop, "shopify:race", created("5", NOW));
        var pool = Executors.newFixedThreadPool(10);
        try {
            List<Callable<RecordResult>> calls = IntStream.range(0, 10).<Callable<RecordResult>>mapToObj(i -> () -> store.record(recording)).toList();
            var results = pool.invokeAll(calls).stream().map(f -> {
                try {
                    return f.get();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).toList();

            assertThat(results).filteredOn(r -> !r.duplicate()).hasSize(1);
            assertThat(table.allItems()).filteredOn(i -> i.get("PK").s().startsWith("SHOP#race-shop#ACTION#")).hasSize(2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void givenADeliveryThatCannotBeApplied_whenRecordedUnappliedTwice_thenItsMarkerAndNoteAreWrittenOnceAndTheSecondIsADuplicate() {
        Shop shop = TestShops.shop("unapplied-shop", NOW);
        var note = new TimelineEntry("return-not-located-1", Subject.shop(shop.id()), NOW, EntryKind.RETURN_ANOMALY,
                EntryText.of(Phrase.RETURN_NOT_LOCATED).text("rfo", "11111111").flag("unknown", true), Optional.of("d-7"));
        int before = table.itemCount();

        assertThat(store.recordUnapplied(shop.id(), "shopify:d-7", "reverse_fulfillment_orders/dispose", note)).isTrue();
        assertThat(store.recordUnapplied(shop.id(), "shopify:d-7", "reverse_fulfillment_orders/dispose", note)).as("sent again").isFalse();
        assertThat(store.record(plan(shop, "shopify:d-7", created("7", NOW))).duplicate()).as("its marker is the delivery's").isTrue();

        assertThat(table.itemCount()).as("the marker and the note").isEqualTo(before + 2);
        assertThat(reader.shopTimeline(shop.id(), PageRequest.first(10)).items()).singleElement().satisfies(entry -> {
            assertThat(entry.text()).isEqualTo(note.text());
            assertThat(entry.deliveryId()).contains("d-7");
        });
    }

    @Test
    void givenARefundThatDoesNotNameTheCustomer_whenRecorded_thenItStillLandsOnTheCustomersTimeline() {
        Shop shop = TestShops.shop("refund-shop", NOW);
        store.record(plan(shop, "shopify:order-6", created("6", NOW)));
        var refund = new OrderUpdate(new OrderId("6"), NOW.plusSeconds(60), Optional.empty(),
                List.of(new OrderFact.Refunded("r6", Money.of("5.00", "PLN"), NOW.plusSeconds(60), Optional.empty())), Optional.empty(), false);

        store.record(plan(shop, "shopify:refund-6", refund));

        assertThat(reader.customerTimeline(shop.id(), OLA, PageRequest.first(50)).items())
                .extracting(e -> e.id()).contains("refund-r6", "placed");
    }

    @Test
    void givenANewOrderThatSchedulesEmails_whenRecorded_thenTheyAreOnTheOrdersTimelineAndOnlyWhatHappenedIsOnTheCustomers() {
        Shop shop = TestShops.shop("plan-shop", NOW);
        var recording = plan(shop, "shopify:order-7", created("7", NOW));
        assertThat(recording.order().orElseThrow().actions()).as("the order schedules its emails").isNotEmpty();

        store.record(recording);

        assertThat(reader.orderTimeline(shop.id(), new OrderId("7"), PageRequest.first(50)).items()).extracting(e -> e.kind())
                .contains(EntryKind.ORDER_PLACED, EntryKind.EMAIL_SCHEDULED);
        assertThat(reader.customerTimeline(shop.id(), OLA, PageRequest.first(50)).items()).extracting(e -> e.kind())
                .contains(EntryKind.ORDER_PLACED).doesNotContain(EntryKind.EMAIL_SCHEDULED);
    }

    private static java.util.Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> orderItem(Shop shop, String order) {
        return table.client().getItem(b -> b.tableName(table.name()).consistentRead(true).key(Keys.key(Keys.order(shop.id(), new OrderId(order)), Keys.ORDER))).item();
    }

    /** Tracking news of the order's parcel, {@code minute} minutes after it was placed. */
    private static OrderUpdate shipped(String id, int minute) {
        return new OrderUpdate(new OrderId(id), NOW.plusSeconds(60L * minute), Optional.empty(),
                List.of(new OrderFact.ShipmentProgressed("f-1", ShipmentStatus.IN_TRANSIT, NOW.plusSeconds(60L * minute), Optional.empty())), Optional.empty(), false);
    }

    private Recording plan(Shop shop, String deliveryKey, OrderUpdate update) {
        return policy.plan(shop, deliveryKey, deliveryKey, "test", update, NOW);
    }

    private static OrderUpdate created(String id, Instant placed) {
        return new OrderUpdate(new OrderId(id), placed, Optional.of(snapshot(id, "#" + id, placed)), List.of(new OrderFact.Placed(placed)),
                Optional.empty(), true);
    }

    private static OrderSnapshot snapshot(String id, String name, Instant placed) {
        return new OrderSnapshot(new OrderId(id), name, placed, Money.of("100.00", "PLN"),
                List.of(new OrderLine("Kettle", 1, Money.of("100.00", "PLN"))),
                Optional.of(new CustomerContact(OLA, Optional.of("Ola"), Optional.of("pl"))));
    }

}
