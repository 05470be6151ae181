package io.aftercare.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.amazonaws.services.lambda.runtime.events.DynamodbTimeWindowEvent;
import com.amazonaws.services.lambda.runtime.events.TimeWindowEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.aftercare.devkit.DynamoDbExtension;
import io.aftercare.devkit.StreamWorker;
import io.aftercare.devkit.TableStream;
import io.aftercare.devkit.TestTable;
import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.action.Reason;
import io.aftercare.domain.order.OrderId;
import io.aftercare.domain.timeline.EntryKind;
import io.aftercare.domain.timeline.EntryParam;
import io.aftercare.domain.timeline.EntryText;
import io.aftercare.domain.timeline.Phrase;
import io.aftercare.domain.timeline.Subject;
import io.aftercare.domain.timeline.TimelineEntry;
import io.aftercare.domain.timeline.Vocabulary;
import io.aftercare.dynamodb.DynamoTimelineAppender;
import io.aftercare.migrate.MonthRollupMigration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A scripted November of one Warsaw shop, through the real webhooks, the agent API and DynamoDB Local's stream read
 * by the aggregator's handler as the event source mapping would: the metrics API must say what was worked out by hand.
 */
@TableStream
@ExtendWith(DynamoDbExtension.class)
class MetricsAggregationTest {

    private static final ZoneId WARSAW = ZoneId.of("Europe/Warsaw");
    private static final String SHOP = "kettle-metrics";

    private Harness aftercare;
    private StreamWorker stream;
    private DynamoTimelineAppender timeline;

    @BeforeEach
    void freshTable(TestTable table) {
        aftercare = new Harness(table, warsaw("2026-11-01T09:00"));
        stream = aftercare.aggregatorStream();
        timeline = new DynamoTimelineAppender(table.client(), table.name());
        assertThat(aftercare.registerShop(SHOP, "generic").status()).isEqualTo(201);
    }

    @Test
    void aScriptedMonthOfOrdersTicketsSurveysAndReturnsAddsUpToTheHandWorkedFiguresAndAReplayedStreamCountsNothingTwice() {
        scriptTheMonth();
        stream.drain();

        JsonNode month = metrics("2026-11-01", "2026-11-30", "month").path("items").get(0);
        assertHandWorkedMonth(month);

        // the day boundary is the shop's: 23:30 and 00:30 in Warsaw are two days, though both are 2 November in UTC
        JsonNode days = metrics("2026-11-02", "2026-11-03", "day").path("items");
        assertThat(days.get(0).path("orders").asLong()).isEqualTo(1);
        assertThat(days.get(0).path("revenue").path("PLN").asText()).isEqualTo("100");
        assertThat(days.get(1).path("orders").asLong()).isEqualTo(1);
        assertThat(days.get(1).path("revenue").path("PLN").asText()).isEqualTo("80");

        JsonNode weeks = metrics("2026-11-01", "2026-11-30", "week").path("items");
        assertThat(weeks.get(0).path("start").asText()).isEqualTo("2026-11-01"); // clipped: the week began on 26 October
        assertThat(weeks.get(1).path("start").asText()).isEqualTo("2026-11-02");
        assertThat(weeks.get(1).path("orders").asLong()).isEqualTo(2);
        assertThat(weeks.get(1).path("customers").path("unique").asLong()).isEqualTo(2);

        // every record of the stream handed over again, as a retried or bisected batch would be
        stream.rewind();
        assertThat(stream.drain()).isPositive();
        assertTheMonthCountedOnce();
    }

    @Test
    void givenABatchFoldedWholeThatReportedItsMiddleRecordFailed_whenLambdaRetriesFromThatRecord_thenEveryChangeCountsOnce() {
        scriptTheMonth();
        var retried = new AtomicBoolean();
        stream = aftercare.aggregatorStream(handler -> event -> {
            var folded = handler.apply(event);
            if (event.getRecords().size() > 1 && retried.compareAndSet(false, true)) {
                // written, but the invocation timed out, say: Lambda hands the batch over again from its middle
                String middle = event.getRecords().get(event.getRecords().size() / 2).getDynamodb().getSequenceNumber();
                return new TimeWindowEventResponse(Map.of(), List.of(new TimeWindowEventResponse.BatchItemFailure(middle)));
            }
            return folded;
        });
        assertTheMonthCountedOnceThough(retried);
    }

    @Test
    void givenABatchThatFailedAfterFoldingTwoThirdsOfIt_whenLambdaBisectsItIntoHalves_thenEveryChangeCountsOnce() {
        scriptTheMonth();
        var bisected = new AtomicBoolean();
        stream = aftercare.aggregatorStream(handler -> event -> {
            int size = event.getRecords().size();
            if (size < 3 || !bisected.compareAndSet(false, true)) {
                return handler.apply(event);
            }
            handler.apply(cut(event, 0, size * 2 / 3, event.getShardId())); // the invocation that failed after these
            var firstHalf = handler.apply(cut(event, 0, size / 2, event.getShardId()));
            return firstHalf.getBatchItemFailures().isEmpty() ? handler.apply(cut(event, size / 2, size, event.getShardId())) : firstHalf;
        });
        assertTheMonthCountedOnceThough(bisected);
    }

    @Test
    void givenAFoldedShard_whenItIsReplayedFromItsStartInBatchesOfSeven_thenNothingCountsTwice() {
        scriptTheMonth();
        var inSevens = new AtomicBoolean();
        stream = aftercare.aggregatorStream(handler -> event -> {
            if (!inSevens.get()) {
                return handler.apply(event);
            }
            List<DynamodbTimeWindowEvent> sevens = new ArrayList<>();
            for (int from = 0; from < event.getRecords().size(); from += 7) {
                sevens.add(cut(event, from, Math.min(from + 7, event.getRecords().size()), event.getShardId()));
            }
            return foldEach(handler, sevens);
        });
        stream.drain();
        inSevens.set(true);
        stream.rewind();

        assertThat(stream.drain()).isPositive();
        assertTheMonthCountedOnce();
    }

    @Test
    void givenBatchesOfDifferentShardsTouchingTheSameDay_whenEachIsFoldedAndReplayed_thenEachCountsOnce() {
        order("D1", "dan@example.com", "2026-11-04T10:00", "40.00", "PLN");
        order("E1", "eve@example.com", "2026-11-04T11:00", "60.00", "PLN");
        var shards = new HashSet<String>();
        stream = aftercare.aggregatorStream(handler -> event -> {
            List<DynamodbTimeWindowEvent> ownShards = new ArrayList<>();
            for (int round = 0; round < 2; round++) { // the second round replays each shard's batch
                for (int i = 0; i < event.getRecords().size(); i++) {
                    shards.add("shard-" + i);
                    ownShards.add(cut(event, i, i + 1, "shard-" + i));
                }
            }
            return foldEach(handler, ownShards);
        });
        stream.drain();

        assertThat(shards).hasSizeGreaterThan(1);
        JsonNode day = metrics("2026-11-04", "2026-11-04", "day").path("items").get(0);
        assertThat(day.path("orders").asLong()).isEqualTo(2);
        assertThat(day.path("revenue").path("PLN").asText()).isEqualTo("100");
        assertThat(day.path("customers").path("unique").asLong()).isEqualTo(2);
        assertThat(day.path("customers").path("new").asLong()).isEqualTo(2);
    }

    /** Drains the stream, which the mapping handed over again ({@code again} says it did). */
    private void assertTheMonthCountedOnceThough(AtomicBoolean again) {
        stream.drain();
        assertThat(again).as("the batch was handed over again").isTrue();
        assertTheMonthCountedOnce();
    }

    private void assertTheMonthCountedOnce() {
        assertHandWorkedMonth(metrics("2026-11-01", "2026-11-30", "month").path("items").get(0));
        assertThat(stream.setAside()).isEmpty();
    }

    /** Each batch in turn, as the mapping hands them over: the first that reports a failure ends it. */
    private static TimeWindowEventResponse foldEach(Function<DynamodbTimeWindowEvent, TimeWindowEventResponse> handler, List<DynamodbTimeWindowEvent> batches) {
        for (var batch : batches) {
            var folded = handler.apply(batch);
            if (!folded.getBatchItemFailures().isEmpty()) {
                return folded;
            }
        }
        return new TimeWindowEventResponse(Map.of(), List.of());
    }

    /** Records {@code from} to {@code to} (excluded) of {@code event}, as a batch of {@code shard}: the mapping's batch cut again. */
    private static DynamodbTimeWindowEvent cut(DynamodbTimeWindowEvent event, int from, int to, String shard) {
        var part = new DynamodbTimeWindowEvent();
        part.setShardId(shard);
        part.setEventSourceArn(event.getEventSourceArn());
        part.setState(Map.of());
        part.setRecords(event.getRecords().subList(from, to));
        return part;
    }

    @Test
    void theLoyaltyReportGroupsTheMonthsCustomersByHowTheyWereServedWithHandWorkedRatesAndHonestIntervals() {
        scriptTheMonth();
        stream.drain();
        stream.rewind();
        stream.drain(); // replayed: still counted once
        var response = aftercare.agent("GET /api/shops/{shop}/loyalty", Map.of("shop", SHOP), Map.of("from", "2026-11-01", "to", "2026-11-30"));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        Map<String, JsonNode> groups = new java.util.HashMap<>();
        response.json().path("groups").forEach(g -> groups.put(g.path("group").asText(), g));

        // Ada and Ben left "no complaint" when they complained before ordering again; Cy stayed, came back, was refunded
        assertGroup(groups.get("no-complaint"), 1, 1);
        assertThat(groups.get("no-complaint").path("averageOrderValue").path("EUR").asText()).isEqualTo("30.00");
        assertThat(groups.get("no-complaint").path("refundRate").path("rate").asDouble()).isEqualTo(1.0);
        assertGroup(groups.get("no-discount"), 3, 2);
        assertThat(groups.get("no-discount").path("averageOrderValue").path("PLN").asText()).isEqualTo("50.00");
        assertThat(groups.get("no-discount").path("refundRate").path("rate").asDouble()).isEqualTo(0.5);
        assertGroup(groups.get("response-met"), 1, 1);
        assertGroup(groups.get("response-breached"), 1, 0);
        assertGroup(groups.get("response-under-2h"), 1, 1);
        assertGroup(groups.get("response-2h-to-24h"), 1, 0);
        assertGroup(groups.get("response-over-24h"), 0, 0);
        assertGroup(groups.get("promoter"), 1, 1);
        assertGroup(groups.get("passive"), 1, 0); // Ben's changed answer moved him from the detractors
        assertGroup(groups.get("detractor"), 0, 0);
        // Wilson's 95% interval of 1 in 1 is [0.2065, 1], of 0 in 1 [0, 0.7935]
        assertThat(groups.get("response-met").path("repeatRate").path("low").asDouble()).isCloseTo(0.2065, within(0.0001));
        assertThat(groups.get("response-breached").path("repeatRate").path("high").asDouble()).isCloseTo(0.7935, within(0.0001));

        JsonNode metVsBreached = null;
        for (JsonNode d : response.json().path("differences")) {
            if (d.path("group").asText().equals("response-met") && d.path("against").asText().equals("response-breached")) {
                metVsBreached = d;
            }
        }
        assertThat(metVsBreached).isNotNull();
        assertThat(metVsBreached.path("difference").asDouble()).isEqualTo(1.0);
        // one customer each: Newcombe's interval reaches below 0, so the report does not call it a difference
        assertThat(metVsBreached.path("low").asDouble()).isCloseTo(-0.1222, within(0.0001));
        assertThat(metVsBreached.path("clear").asBoolean()).isFalse();
    }

    private static void assertGroup(JsonNode group, long customers, long repeaters) {
        assertThat(group.path("customers").asLong()).as(group.path("group").asText() + " customers").isEqualTo(customers);
        assertThat(group.path("repeaters").asLong()).as(group.path("group").asText() + " repeaters").isEqualTo(repeaters);
    }

    @Test
    void theCsvExportHasOneRowPerPeriodUnderDottedColumnNames() {
        scriptTheMonth();
        stream.drain();
        var csv = aftercare.agent("GET /api/shops/{shop}/metrics", Map.of("shop", SHOP),
                Map.of("from", "2026-11-01", "to", "2026-11-30", "period", "month", "format", "csv"));
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.headers().get("content-type")).startsWith("text/csv");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines).hasSize(2);
        var header = java.util.List.of(lines[0].split(","));
        var row = java.util.List.of(lines[1].split(",", -1));
        assertThat(row.get(header.indexOf("orders"))).isEqualTo("5");
        assertThat(row.get(header.indexOf("averageOrderValue.PLN"))).isEqualTo("76.67");
        assertThat(row.get(header.indexOf("tickets.sla.first-response.breached"))).isEqualTo("1");
    }

    @Test
    void aReportByMonthReadsWholeMonthsFromTheirRollupAndTheMonthsCutByTheRangeFromTheirDays() {
        scriptTheMonth();
        stream.drain();
        JsonNode months = metrics("2026-10-15", "2026-12-05", "month").path("items");
        assertThat(months).hasSize(3);
        assertThat(months.get(0).path("orders").asLong()).isZero();
        assertHandWorkedMonth(months.get(1));
        assertThat(months.get(2).path("start").asText()).isEqualTo("2026-12-01");
        // cut after Ada's first order of 2 November: November is read from its days, and four orders are left
        JsonNode cut = metrics("2026-11-03", "2026-11-30", "month").path("items").get(0);
        assertThat(cut.path("orders").asLong()).isEqualTo(4);
        assertThat(cut.path("revenue").path("PLN").asText()).isEqualTo("130");
    }

    @Test
    void aShopThatKeptDaysBeforeMonthRollupsReadsThoseMonthsFromItsDaysOnceTheUpgradeMarkedIt() {
        TestTable table = aftercare.table;
        scriptTheMonth();
        stream.drain();
        // as a deployment from before rollups left it: the days kept, no month holding them
        table.client().deleteItem(b -> b.tableName(table.name()).key(Map.of(
                "PK", AttributeValue.fromS("SHOP#" + SHOP + "#METRICS"), "SK", AttributeValue.fromS("MONTH#2026-11"))));
        assertThat(metrics("2026-11-01", "2026-11-30", "month").path("items").get(0).path("orders").asLong()).isZero();

        assertThat(MonthRollupMigration.run(table.client(), table.name(), aftercare.clock)).isEqualTo(1);
        assertHandWorkedMonth(metrics("2026-11-01", "2026-11-30", "month").path("items").get(0));
        assertThat(aftercare.app.metrics().rollupsFrom(new ShopId(SHOP))).contains(YearMonth.of(2026, 12));

        // run again months later: the first mark stands, and a shop with no days is not marked
        aftercare.clock.set(warsaw("2027-03-01T10:00"));
        assertThat(aftercare.registerShop("kettle-new", "generic").status()).isEqualTo(201);
        assertThat(MonthRollupMigration.run(table.client(), table.name(), aftercare.clock)).isEqualTo(1);
        assertThat(aftercare.app.metrics().rollupsFrom(new ShopId(SHOP))).contains(YearMonth.of(2026, 12));
        assertThat(aftercare.app.metrics().rollupsFrom(new ShopId("kettle-new"))).isEmpty();
    }

    @Test
    void codesSentRedeemedAndExpiredCountOnceEachThoughARedemptionIsOnBothOrdersTimelines() {
        order("A1", "ada@example.com", "2026-11-02T10:00", "100.00", "PLN");
        order("B1", "ben@example.com", "2026-11-02T11:00", "80.00", "PLN");
        write("A1", "ada@example.com", new TimelineEntry("code-A1", Subject.order(new OrderId("A1")), warsaw("2026-11-02T12:00"),
                EntryKind.DISCOUNT_ISSUED, EntryText.of(Phrase.DISCOUNT_ISSUED).text("code", "THANKS-ADA").count("percent", 10), Optional.empty()));
        write("B1", "ben@example.com", new TimelineEntry("code-B1", Subject.order(new OrderId("B1")), warsaw("2026-11-02T12:00"),
                EntryKind.DISCOUNT_ISSUED, EntryText.of(Phrase.DISCOUNT_ISSUED).text("code", "THANKS-BEN").count("percent", 10), Optional.empty()));
        // Ada's code used on her next order: as Redemptions writes it, on the order that used it and on the one it was sent for
        order("A2", "ada@example.com", "2026-11-09T10:00", "50.00", "PLN");
        write("A2", "ada@example.com", new TimelineEntry("redeemed-THANKS-ADA", Subject.order(new OrderId("A2")), warsaw("2026-11-09T10:00"),
                EntryKind.DISCOUNT_REDEEMED, EntryText.of(Phrase.DISCOUNT_USED).text("code", "THANKS-ADA"), Optional.empty()));
        write("A1", "ada@example.com", new TimelineEntry("redeemed-THANKS-ADA-A2", Subject.order(new OrderId("A1")), warsaw("2026-11-09T10:00"),
                EntryKind.DISCOUNT_REDEEMED, EntryText.of(Phrase.DISCOUNT_REDEEMED).text("code", "THANKS-ADA").text("order", "A2"), Optional.empty()));
        // Ben's ends unused: its late reminder is skipped as late, its expiry check says it expired
        write("B1", "ben@example.com", skipped("B1", "late", Reason.DISCOUNT_REMINDER_LATE, "2026-11-28T10:00"));
        write("B1", "ben@example.com", skipped("B1", "expiry", Reason.DISCOUNT_EXPIRED, "2026-11-28T10:00"));
        stream.drain();
        stream.rewind();
        stream.drain();

        JsonNode codes = metrics("2026-11-01", "2026-11-30", "month").path("items").get(0).path("codes");
        assertThat(codes.path("sent").asLong()).isEqualTo(2);
        assertThat(codes.path("redeemed").asLong()).isEqualTo(1);
        assertThat(codes.path("expired").asLong()).isEqualTo(1);
        assertThat(codes.path("redemptionRate").asDouble()).isEqualTo(0.5);
    }

    private static TimelineEntry skipped(String order, String id, Reason why, String warsawTime) {
        return new TimelineEntry("email-" + id, Subject.order(new OrderId(order)), warsaw(warsawTime), EntryKind.EMAIL_SKIPPED,
                EntryText.of(Phrase.EMAIL_NOT_SENT).with("email", Vocabulary.EMAIL.code("DISCOUNT_REMINDER")).code("reason", Vocabulary.REASON, why),
                Optional.empty());
    }

    @Test
    void badRangesAreRefusedWithTheFieldAtFault() {
        assertThat(metricsResponse(Map.of("from", "2026-11-30", "to", "2026-11-01")).json().path("field").asText()).isEqualTo("to");
        assertThat(metricsResponse(Map.of("from", "2025-01-01", "to", "2026-12-31")).json().path("message").asText()).contains("400 days");
        assertThat(metricsResponse(Map.of("from", "yesterday", "to", "2026-11-01")).json().path("field").asText()).isEqualTo("from");
        assertThat(metricsResponse(Map.of("from", "2026-11-01", "to", "2026-11-02", "period", "year")).json().path("field").asText()).isEqualTo("period");
        assertThat(metricsResponse(Map.of("from", "2026-11-01", "to", "2026-11-02", "format", "xml")).status()).isEqualTo(400);
        assertThat(metricsResponse(Map.of("to", "2026-11-02")).status()).isEqualTo(400);
    }

    private void assertHandWorkedMonth(JsonNode month) {
        assertThat(month.path("orders").asLong()).isEqualTo(5);
        assertThat(month.path("revenue").path("PLN").asText()).isEqualTo("230");
        assertThat(month.path("revenue").path("EUR").asText()).isEqualTo("60");
        assertThat(month.path("averageOrderValue").path("PLN").asText()).isEqualTo("76.67");
        assertThat(month.path("averageOrderValue").path("EUR").asText()).isEqualTo("30.00");
        assertThat(month.path("customers").path("unique").asLong()).isEqualTo(3);
        assertThat(month.path("customers").path("new").asLong()).isEqualTo(3);
        assertThat(month.path("returningOrderShare").asDouble()).isEqualTo(0.4);
        assertThat(month.path("repeatPurchase").path("cohort").asLong()).isEqualTo(3);
        assertThat(month.path("repeatPurchase").path("repeaters").asLong()).isEqualTo(2);
        assertThat(month.path("repeatPurchase").path("rate").asDouble()).isEqualTo(0.6667);

        JsonNode nps = month.path("surveys").path("nps");
        assertThat(nps.path("sent").asLong()).isEqualTo(2);
        assertThat(nps.path("answers").asLong()).isEqualTo(2); // the changed answer moved, it did not count again
        assertThat(nps.path("promoters").asLong()).isEqualTo(1);
        assertThat(nps.path("passives").asLong()).isEqualTo(1);
        assertThat(nps.path("detractors").asLong()).isEqualTo(0);
        assertThat(nps.path("score").asDouble()).isEqualTo(50.0);
        assertThat(nps.path("responseRate").asDouble()).isEqualTo(1.0);
        JsonNode csat = month.path("surveys").path("csat");
        assertThat(csat.path("answers").asLong()).isEqualTo(2);
        assertThat(csat.path("score").asDouble()).isEqualTo(0.5);
        assertThat(csat.path("responseRate").asDouble()).isEqualTo(1.0);

        JsonNode tickets = month.path("tickets");
        assertThat(tickets.path("opened").asLong()).isEqualTo(2);
        assertThat(tickets.path("resolved").asLong()).isEqualTo(1);
        assertThat(tickets.path("sla").path("first-response").path("met").asLong()).isEqualTo(1);
        assertThat(tickets.path("sla").path("first-response").path("breached").asLong()).isEqualTo(1);
        assertThat(tickets.path("sla").path("first-response").path("metShare").asDouble()).isEqualTo(0.5);
        // one hour and six hours: the lower is the median (nearest rank), within the sketch's 1%
        assertThat(tickets.path("firstResponseSeconds").path("wall").path("p50").asDouble()).isCloseTo(3600, within(36.0));
        assertThat(tickets.path("firstResponseSeconds").path("business").path("p50").asDouble()).isCloseTo(3600, within(36.0));
        assertThat(tickets.path("resolutionSeconds").path("wall").path("p50").asDouble()).isCloseTo(10800, within(108.0));

        assertThat(month.path("returns").asLong()).isEqualTo(1); // two steps of one return
        assertThat(month.path("returnRate").asDouble()).isEqualTo(0.2);
        assertThat(month.path("refunds").asLong()).isEqualTo(2);
        assertThat(month.path("refunded").path("PLN").asText()).isEqualTo("80");
        assertThat(month.path("refunded").path("EUR").asText()).isEqualTo("30");
        assertThat(month.path("refundRate").asDouble()).isEqualTo(0.4);
    }

    /**
     * In the order it happens (as the stream brings it): Ada orders on 2 November at 23:30 and again on the 20th; Ben at
     * 00:30 on the 3rd (a return, then a refund); Cy twice on the 10th, in euros, and is refunded the second. NPS: Ada 9;
     * Ben 3, changed to 7. Ada's complaint is answered in one hour and resolved in three; Ben's waits six. CSAT: 5 and 2.
     */
    private void scriptTheMonth() {
        order("A1", "ada@example.com", "2026-11-02T23:30", "100.00", "PLN");
        order("B1", "ben@example.com", "2026-11-03T00:30", "80.00", "PLN");
        at("2026-11-05T10:00");
        returnStep("B1", "ret-1", "requested");
        at("2026-11-06T10:00");
        returnStep("B1", "ret-1", "approved");
        at("2026-11-09T10:00");
        refund("B1", "rf-1", "80.00", "PLN");
        order("C1", "cy@example.com", "2026-11-10T10:00", "30.00", "EUR");
        order("C2", "cy@example.com", "2026-11-10T18:00", "30.00", "EUR");

        surveySent("A1", "ada@example.com", "SURVEY", "2026-11-12T10:00");
        surveySent("B1", "ben@example.com", "SURVEY", "2026-11-12T10:00");
        answered("A1", "ada@example.com", "nps-1", "nps", 9, Optional.empty(), "2026-11-13T08:00");
        answered("B1", "ben@example.com", "nps-1", "nps", 3, Optional.empty(), "2026-11-13T09:00");
        answered("B1", "ben@example.com", "nps-2", "nps", 7, Optional.of(3L), "2026-11-14T09:00");

        at("2026-11-16T09:00");
        complaint("c-ada", "ada@example.com");
        at("2026-11-16T10:00");
        reply("c-c-ada");
        at("2026-11-16T12:00");
        resolve("c-c-ada");
        at("2026-11-17T09:00");
        complaint("c-ben", "ben@example.com");
        surveySent("A1", "ada@example.com", "CSAT_SURVEY", "2026-11-17T13:00");
        at("2026-11-17T15:00");
        reply("c-c-ben");
        answered("A1", "ada@example.com", "csat-1", "csat", 5, Optional.empty(), "2026-11-18T08:00");
        surveySent("B1", "ben@example.com", "CSAT_SURVEY", "2026-11-18T16:00");
        answered("B1", "ben@example.com", "csat-1", "csat", 2, Optional.empty(), "2026-11-19T08:00");

        order("A2", "ada@example.com", "2026-11-20T12:00", "50.00", "PLN");
        at("2026-11-21T10:00");
        refund("C2", "rf-2", "30.00", "EUR");
    }

    private void refund(String order, String id, String amount, String currency) {
        webhook("refund.created", id, """
                {"order_id": "%s", "refund_id": "%s", "amount": "%s", "currency": "%s"}""".formatted(order, id, amount, currency));
    }

    private JsonNode metrics(String from, String to, String period) {
        var response = metricsResponse(Map.of("from", from, "to", to, "period", period));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private Harness.Response metricsResponse(Map<String, String> query) {
        return aftercare.agent("GET /api/shops/{shop}/metrics", Map.of("shop", SHOP), query);
    }

    private void order(String id, String email, String warsawTime, String total, String currency) {
        at(warsawTime);
        webhook("order.created", "o-" + id, """
                {"id": "%s", "created_at": "%s", "currency": "%s", "total": "%s",
                 "customer": {"email": "%s", "name": "Kim", "locale": "en"}, "lines": [{"title": "Teapot", "quantity": 1, "price": "%s"}]}"""
                .formatted(id, aftercare.clock.instant(), currency, total, email, total));
    }

    private void returnStep(String order, String ret, String event) {
        webhook("return.updated", "r-" + event, """
                {"order_id": "%s", "return_id": "%s", "event": "%s"}""".formatted(order, ret, event));
    }

    private void complaint(String id, String email) {
        webhook("complaint.created", "evt-" + id, """
                {"id": "%s", "subject": "The lid is scratched", "message": "It arrived scratched.", "customer": {"email": "%s"}}"""
                .formatted(id, email));
    }

    private void reply(String ticket) {
        long version = aftercare.ticket(SHOP, ticket).path("version").asLong();
        var replied = aftercare.agentBody("POST /api/shops/{shop}/tickets/{ticketId}/replies", Map.of("shop", SHOP, "ticketId", ticket),
                "{\"version\": " + version + ", \"message\": \"Sorry, a new lid is on its way.\", \"agent\": \"Ola\"}");
        assertThat(replied.status()).as(replied.body()).isIn(200, 201);
    }

    private void resolve(String ticket) {
        long version = aftercare.ticket(SHOP, ticket).path("version").asLong();
        var changed = aftercare.agentBody("PATCH /api/shops/{shop}/tickets/{ticketId}", Map.of("shop", SHOP, "ticketId", ticket),
                "{\"version\": " + version + ", \"status\": \"resolved\"}");
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
    }

    private void webhook(String type, String id, String data) {
        var response = aftercare.generic(SHOP, aftercare.genericEvent(type, id, data));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    /** As the survey emails write it: the email's kind is its code. */
    private void surveySent(String order, String email, String kind, String warsawTime) {
        var text = EntryText.of(Phrase.EMAIL_SENT).with("email", Vocabulary.EMAIL.code(kind));
        write(order, email, new TimelineEntry("sent-" + kind, Subject.order(new OrderId(order)), warsaw(warsawTime), EntryKind.EMAIL_SENT, text, Optional.empty()));
    }

    /** As the surveys contract says an answer is written: its survey, its score, and the score it replaced. */
    private void answered(String order, String email, String id, String survey, long score, Optional<Long> previous, String warsawTime) {
        var text = EntryText.of(Phrase.SURVEY_ANSWERED).count("score", score).with("survey", new EntryParam.Code("survey", survey));
        if (previous.isPresent()) {
            text = text.count("previous", previous.get());
        }
        write(order, email, new TimelineEntry("answer-" + id, Subject.order(new OrderId(order)), warsaw(warsawTime), EntryKind.SURVEY_ANSWERED, text, Optional.empty()));
    }

    private void write(String order, String email, TimelineEntry entry) {
        timeline.write(new ShopId(SHOP), entry, new EmailAddress(email).hash());
    }

    private void at(String warsawTime) {
        aftercare.clock.set(warsaw(warsawTime));
    }

    private static Instant warsaw(String localTime) {
        return LocalDateTime.parse(localTime).atZone(WARSAW).toInstant();
    }
}
