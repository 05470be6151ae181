package io.aftercare.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aftercare.devkit.DynamoDbExtension;
import io.aftercare.devkit.TestTable;
import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.InvalidPageToken;
import io.aftercare.domain.Money;
import io.aftercare.domain.Page;
import io.aftercare.domain.PageRequest;
import io.aftercare.domain.event.OrderUpdate;
import io.aftercare.domain.order.CustomerContact;
import io.aftercare.domain.order.OrderFact;
import io.aftercare.domain.order.OrderId;
import io.aftercare.domain.order.OrderSnapshot;
import io.aftercare.domain.recording.RecordingPolicy;
import io.aftercare.domain.shop.Shop;
import io.aftercare.domain.shop.Priority;
import io.aftercare.domain.timeline.EntryKind;
import io.aftercare.domain.timeline.EntryText;
import io.aftercare.domain.timeline.Phrase;
import io.aftercare.domain.timeline.Subject;
import io.aftercare.domain.timeline.TimelineEntry;
import io.aftercare.domain.timeline.Vocabulary;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@ExtendWith(DynamoDbExtension.class)
class DynamoTimelineReaderTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final EmailAddress OLA = new EmailAddress("ola@example.pl");
    private static final Shop SHOP = TestShops.shop("timeline-shop", NOW);
    private static final Map<String, AttributeValue> PLACED = Map.of("summary", Items.s("Order placed"));

    private static DynamoTimelineReader reader;
    private static TestTable table;

    @BeforeAll
    static void recordTwoOrdersOfOneCustomer(TestTable testTable) {
        table = testTable;
        var store = new DynamoRecordingStore(table.client(), table.name());
        reader = new DynamoTimelineReader(table.client(), table.name());
        var policy = new RecordingPolicy();
        for (String id : List.of("100", "200")) {
            Instant placed = id.equals("100") ? NOW : NOW.plusSeconds(3600);
            List<OrderFact> facts = new ArrayList<>(List.of(new OrderFact.Placed(placed)));
            for (int r = 0; r < 5; r++) {
                facts.add(new OrderFact.Refunded(id + "-r" + r, Money.of("1.00", "PLN"), placed.plusSeconds(60L * (r + 1)), Optional.empty()));
            }
            var snapshot = new OrderSnapshot(new OrderId(id), "#" + id, placed, Money.of("50.00", "PLN"), List.of(),
                    Optional.of(new CustomerContact(OLA, Optional.of("Ola"), Optional.empty())));
            // recorded over a week after its refunds (a backfill): no customer effort survey is scheduled, the timeline is the facts
            store.record(policy.plan(SHOP, "generic:" + id, id, "order.updated",
                    new OrderUpdate(new OrderId(id), placed, Optional.of(snapshot), facts, Optional.empty(), false), NOW.plus(java.time.Duration.ofDays(8))));
        }
    }

    @Test
    void givenAnOrdersTimeline_whenReadAPageAtATime_thenEveryEntryComesOnceNewestFirst() {
        List<TimelineEntry> all = readAll(token -> reader.orderTimeline(SHOP.id(), new OrderId("100"), new PageRequest(4, token)));

        assertThat(all).extracting(TimelineEntry::id).containsExactly("refund-100-r4", "refund-100-r3", "refund-100-r2",
                "refund-100-r1", "refund-100-r0", "placed");
    }

    @Test
    void givenACustomerWithTwoOrders_whenTheirTimelineIsRead_thenBothOrdersEntriesInterleaveByTime() {
        List<TimelineEntry> all = readAll(token -> reader.customerTimeline(SHOP.id(), OLA, new PageRequest(5, token)));

        assertThat(all).hasSize(12);
        assertThat(all.get(0).subject().id()).isEqualTo("200");
        assertThat(all.get(all.size() - 1).id()).isEqualTo("placed");
        assertThat(all).isSortedAccordingTo((a, b) -> b.at().compareTo(a.at()));
    }

    @Test
    void givenAnEntryWithEveryKindOfParameter_whenWrittenAndRead_thenItsPhraseAndTypedParametersComeBackAsTheyWere() {
        var text = EntryText.of(Phrase.TICKET_OPENED).text("ticket", "T-7").code("priority", Vocabulary.PRIORITY, Priority.HIGH)
                .text("subject", "Lid broken").moment("due", NOW.plusSeconds(7200), ZoneId.of("Europe/Warsaw"));
        var refund = EntryText.of(Phrase.ORDER_REFUNDED).amount("amount", Money.of("12.50", "PLN"));
        var escalated = EntryText.of(Phrase.ESCALATED).count("level", 2).text("ticket", "T-7").flag("nobody", true);
        var appender = new DynamoTimelineAppender(table.client(), table.name());
        var order = Subject.order(new OrderId("typed"));
        String someoneElse = new EmailAddress("typed@example.pl").hash(); // not Ola: her timeline stays as the other tests read it
        appender.write(SHOP.id(), new TimelineEntry("opened", order, NOW, EntryKind.TICKET_OPENED, text, Optional.empty()), someoneElse);
        appender.write(SHOP.id(), new TimelineEntry("refund", order, NOW.plusSeconds(1), EntryKind.ORDER_REFUNDED, refund, Optional.empty()), someoneElse);
        appender.write(SHOP.id(), new TimelineEntry("escalated", order, NOW.plusSeconds(2), EntryKind.ESCALATED, escalated, Optional.empty()), someoneElse);

        var read = reader.orderTimeline(SHOP.id(), new OrderId("typed"), PageRequest.first(10)).items();

        assertThat(read).extracting(TimelineEntry::text).containsExactly(escalated, refund, text);
    }

    @Test
    void givenAnEntryStoredBeforePhrases_whenRead_thenItsStoredSummaryIsShownAsItIs() {
        putEntry("old", "placed", Map.of("summary", Items.s("Order #old placed: 1 item, 9.99 PLN")));

        var read = reader.orderTimeline(SHOP.id(), new OrderId("old"), PageRequest.first(10)).items();

        assertThat(read).extracting(TimelineEntry::text).containsExactly(new EntryText.Stored("Order #old placed: 1 item, 9.99 PLN"));
    }

    @Test
    void givenEntriesWithAPhraseWrittenByANewerVersion_whenRead_thenTheyReadAsTheirStoredSummaryOrElseTheirPhraseInsteadOfFailing() {
        putEntry("newer", "with-summary", Map.of("phrase", Items.s("parcel-lost"), "summary", Items.s("Parcel lost in transit")));
        putEntry("newer", "bare", Map.of("phrase", Items.s("parcel-lost"),
                "params", AttributeValue.fromM(Map.of("carrier", AttributeValue.fromM(Map.of("t", Items.s("text"), "v", Items.s("DHL")))))));

        var read = reader.orderTimeline(SHOP.id(), new OrderId("newer"), PageRequest.first(10)).items();

        assertThat(read).extracting(TimelineEntry::text).containsExactlyInAnyOrder(
                new EntryText.Stored("Parcel lost in transit"), new EntryText.Stored("parcel-lost"));
    }

    @Test
    void givenAKnownPhraseWithAParameterNameAndTypeANewerVersionAdded_whenRead_thenTheKnownParametersAreKeptAndTheOthersLeftOut() {
        putEntry("newer-params", "placed", Map.of("phrase", Items.s("order-placed"), "params", AttributeValue.fromM(Map.of(
                "order", AttributeValue.fromM(Map.of("t", Items.s("text"), "v", Items.s("#7"))),
                "giftWrapped", AttributeValue.fromM(Map.of("t", Items.s("flag"))),
                "total", AttributeValue.fromM(Map.of("t", Items.s("ratio"), "v", Items.n(java.math.BigDecimal.ONE)))))));

        var read = reader.orderTimeline(SHOP.id(), new OrderId("newer-params"), PageRequest.first(10)).items();

        assertThat(read).extracting(TimelineEntry::text).containsExactly(EntryText.of(Phrase.ORDER_PLACED).text("order", "#7"));
    }

    @Test
    void givenACustomer_whenSummarised_thenOrderCountFirstAndLastOrderAndSpendAreDerived() {
        var customer = reader.customer(SHOP.id(), OLA).orElseThrow();

        assertThat(customer.orderCount()).isEqualTo(2);
        assertThat(customer.firstOrderAt()).contains(NOW);
        assertThat(customer.lastOrderAt()).contains(NOW.plusSeconds(3600));
        assertThat(customer.totalSpent()).containsExactly(Money.of("100.00", "PLN"));
    }

    @Test
    void givenAPageTokenOfOneOrder_whenUsedForAnotherOrder_thenItIsRefused() {
        String token = reader.orderTimeline(SHOP.id(), new OrderId("100"), new PageRequest(2, Optional.empty())).nextPageToken().orElseThrow();

        assertThatThrownBy(() -> reader.orderTimeline(SHOP.id(), new OrderId("200"), new PageRequest(2, Optional.of(token))))
                .isInstanceOf(InvalidPageToken.class);
    }

    @Test
    void givenEntriesAtTheSameMoment_whenTheOrdersTimelineIsRead_thenTiesComeByEntryIdAsByTimeGaveThem() {
        for (String id : List.of("b", "c", "a")) {
            writeEntry("ties", id, NOW);
        }

        List<TimelineEntry> all = readAll(token -> reader.orderTimeline(SHOP.id(), new OrderId("ties"), new PageRequest(1, token)));

        assertThat(all).extracting(TimelineEntry::id).containsExactly("c", "b", "a");
    }

    @Test
    void givenAnOrderWithEntriesWrittenWhileIndexedByTimeAndAfter_whenReadAPageAtATime_thenAllComeOnceNewestFirst() {
        for (int i = 0; i < 6; i++) {
            Instant at = NOW.plusSeconds(60L * i);
            if (i % 2 == 0) {
                table.client().putItem(b -> b.tableName(table.name()).item(oldEntry("mixed", "old-" + at.getEpochSecond(), at, PLACED)));
            } else {
                writeEntry("mixed", "new-" + at.getEpochSecond(), at);
            }
        }

        List<TimelineEntry> all = readAll(token -> reader.orderTimeline(SHOP.id(), new OrderId("mixed"), new PageRequest(2, token)));

        assertThat(all).extracting(TimelineEntry::at).containsExactly(NOW.plusSeconds(300), NOW.plusSeconds(240), NOW.plusSeconds(180),
                NOW.plusSeconds(120), NOW.plusSeconds(60), NOW);
    }

    @Test
    void givenNewEntries_whenWritten_thenOnlyTicketAndShopEntriesCarryTheByTimeKey() {
        var appender = new DynamoTimelineAppender(table.client(), table.name());
        var text = EntryText.of(Phrase.ORDER_PLACED).text("order", "#k");
        for (Subject subject : List.of(Subject.order(new OrderId("keyed")), Subject.returnOf(new OrderId("keyed"), "r1"),
                Subject.customer(OLA), Subject.ticket("t-keyed"), Subject.shop(SHOP.id()))) {
            appender.write(SHOP.id(), new TimelineEntry("keyed", subject, NOW, EntryKind.ORDER_PLACED, text, Optional.empty()), Optional.empty());
        }

        assertThat(table.allItems()).filteredOn(item -> item.get(Keys.SK).s().equals(Keys.entry("keyed")))
                .filteredOn(item -> item.containsKey(Keys.BY_TIME_SK))
                .extracting(item -> item.get("subjectType").s()).containsExactlyInAnyOrder("TICKET", "SHOP");
    }

    @Test
    void givenAPageTokenByTimeHandedOutBeforeOrderTimelinesWereSortedAsRead_whenUsed_thenTheNextPageComes() {
        // the LastEvaluatedKey of a ByTime query that ended on refund-100-r3
        var ended = table.client().getItem(b -> b.tableName(table.name())
                .key(Keys.key(Keys.order(SHOP.id(), new OrderId("100")), Keys.entry("refund-100-r3")))).item();
        String token = PageTokens.encode(Map.of(Keys.PK, ended.get(Keys.PK), Keys.SK, ended.get(Keys.SK),
                Keys.BY_TIME_SK, Items.s(Keys.entryByTime(Items.time(ended, "at").orElseThrow(), "refund-100-r3")))).orElseThrow();

        var page = reader.orderTimeline(SHOP.id(), new OrderId("100"), new PageRequest(2, Optional.of(token)));

        assertThat(page.items()).extracting(TimelineEntry::id).containsExactly("refund-100-r2", "refund-100-r1");
    }

    @Test
    void givenAPageTokenThatIsNotOne_whenUsedForAnOrdersTimeline_thenItIsRefused() {
        String otherOrdersKey = PageTokens.encode(Keys.key(Keys.order(SHOP.id(), new OrderId("200")), Keys.entry("placed"))).orElseThrow();
        String notAnEntry = PageTokens.encode(Keys.key(Keys.order(SHOP.id(), new OrderId("100")), Keys.ORDER)).orElseThrow();

        for (String token : List.of("%%%", "bm9wZQ", otherOrdersKey, notAnEntry)) {
            assertThatThrownBy(() -> reader.orderTimeline(SHOP.id(), new OrderId("100"), new PageRequest(2, Optional.of(token))))
                    .as(token).isInstanceOf(InvalidPageToken.class);
        }
    }

    @Test
    void givenAnOrderPastTheBound_whenReadAPageAtATime_thenEveryEntryComesOnceInTheTablesOrderEachPageNewestFirst() {
        List<String> ids = manyEntries("crowded", 0, SortedTimeline.BOUND + 1);

        List<List<TimelineEntry>> pages = readPages(Optional.empty(), token -> reader.orderTimeline(SHOP.id(), new OrderId("crowded"),
                new PageRequest(PageRequest.MAX_LIMIT, token)));

        assertThat(pages).allSatisfy(page -> assertThat(page).isSortedAccordingTo((a, b) -> b.at().compareTo(a.at())));
        assertThat(pages.getFirst()).extracting(TimelineEntry::id).containsExactlyInAnyOrderElementsOf(ids.subList(0, PageRequest.MAX_LIMIT));
        assertThat(pages.stream().flatMap(List::stream)).extracting(TimelineEntry::id).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void givenAReaderPagingAnOrderByTime_whenTheOrderPassesTheBoundMeanwhile_thenTheNextPagesStartOverAndMissNoEntry() {
        List<String> ids = new ArrayList<>(manyEntries("growing", 0, 10));
        String token = reader.orderTimeline(SHOP.id(), new OrderId("growing"), new PageRequest(4, Optional.empty())).nextPageToken().orElseThrow();
        ids.addAll(manyEntries("growing", 10, SortedTimeline.BOUND));

        List<TimelineEntry> rest = readAll(Optional.of(token), next -> reader.orderTimeline(SHOP.id(), new OrderId("growing"),
                new PageRequest(PageRequest.MAX_LIMIT, next)));

        assertThat(rest).extracting(TimelineEntry::id).containsExactlyInAnyOrderElementsOf(ids);
    }

    /** Entries {@code from} to {@code to} of an order, their ids in the table's order, their times in another. */
    private static List<String> manyEntries(String order, int from, int to) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = from; i < to; i++) {
            String id = String.format("e%05d", i);
            ids.add(id);
            items.add(oldEntry(order, id, NOW.plusSeconds((i * 7919L) % 10_007), PLACED));
            items.getLast().remove(Keys.BY_TIME_SK);
        }
        BatchWrites.put(table.client(), table.name(), items);
        return ids;
    }

    /** An entry as this version writes it. */
    private static void writeEntry(String order, String id, Instant at) {
        new DynamoTimelineAppender(table.client(), table.name()).write(SHOP.id(), new TimelineEntry(id, Subject.order(new OrderId(order)), at,
                EntryKind.ORDER_PLACED, EntryText.of(Phrase.ORDER_PLACED).text("order", "#" + order), Optional.empty()), Optional.empty());
    }

    /** An ORDER_PLACED entry of order {@code order} as a version of Aftercare wrote it, with what it said in {@code text}. */
    private static void putEntry(String order, String id, Map<String, AttributeValue> text) {
        Map<String, AttributeValue> item = oldEntry(order, id, NOW.plusSeconds(id.length()), text);
        table.client().putItem(b -> b.tableName(table.name()).item(item));
    }

    /** An ORDER_PLACED entry as versions that indexed every entry by time wrote it, with what it said in {@code text}. */
    private static Map<String, AttributeValue> oldEntry(String order, String id, Instant at, Map<String, AttributeValue> text) {
        Map<String, AttributeValue> item = new java.util.HashMap<>(Map.of(Keys.PK, Items.s(Keys.order(SHOP.id(), new OrderId(order))),
                Keys.SK, Items.s(Keys.entry(id)), Keys.TYPE, Items.s(TimelineItems.ENTRY), "entryId", Items.s(id), "subjectType", Items.s("ORDER"),
                "subjectId", Items.s(order), "at", Items.time(at), "kind", Items.s("ORDER_PLACED"), Keys.BY_TIME_SK, Items.s(Keys.entryByTime(at, id))));
        item.putAll(text);
        return item;
    }

    private static List<TimelineEntry> readAll(java.util.function.Function<Optional<String>, Page<TimelineEntry>> read) {
        return readAll(Optional.empty(), read);
    }

    private static List<TimelineEntry> readAll(Optional<String> from, java.util.function.Function<Optional<String>, Page<TimelineEntry>> read) {
        return readPages(from, read).stream().flatMap(List::stream).toList();
    }

    private static List<List<TimelineEntry>> readPages(Optional<String> from, java.util.function.Function<Optional<String>, Page<TimelineEntry>> read) {
        List<List<TimelineEntry>> pages = new ArrayList<>();
        Optional<String> token = from;
        do {
            Page<TimelineEntry> page = read.apply(token);
            pages.add(page.items());
            token = page.nextPageToken();
        } while (token.isPresent());
        return pages;
    }
}
