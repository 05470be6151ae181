package io.aftercare.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pricing of a run (a whole run takes minutes: `aftercare-bench.jar cost`); the figures here are made up, the prices are the file's. */
class CostBenchmarkSmokeTest {

    private static final CostBenchmark.Prices PRICES = CostBenchmark.Prices.load();

    /** The aggregator's 1,300 changes refolded for 100,000 orders a month: 500 write units instead of the run's 2,500. */
    private static final AggregatorRefold.Refold AT_100_000 = new AggregatorRefold.Refold(38.5, 1_300, 34, 34, 60, 500, 0.5, true);
    /** The run's own batches refolded: its write units, fewer reads (a colder cache) and less time (no local stream to read). */
    private static final AggregatorRefold.Refold REPLAY = new AggregatorRefold.Refold(2.6, 1_300, 500, 500, 80, 2_500, 4.0, true);

    private static final CostBenchmark.Usage USAGE = new CostBenchmark.Usage(100, 5,
            Map.of("WebhookFunction", new CostBenchmark.Invocations(500, 10.0, 1024),
                    "SweepFunction", new CostBenchmark.Invocations(0, 2.0, 1024),
                    "AggregatorFunction", new CostBenchmark.Invocations(1_000, 10.0, 512)),
            1_000, 20_000, 8_000, Map.of(), 4_000, 900, 525, 300, 720, 500, new CostBenchmark.IdleSweep(0.03, 0.01, 1.0, 0.0, 0.0), 1024, 2,
            new CostBenchmark.BusySweeps(220, 10.0, 2.0), List.of(40, 3),
            new CostBenchmark.Aggregation(1_300, 1, 300, 100, 2_500, REPLAY, REPLAY, Map.of(100_000L, AT_100_000)),
            Map.of("SendMessageBatch", new SqsRequests.Operation(300, 600), "ReceiveMessage", new SqsRequests.Operation(400, 600), SqsRequests.EMPTY_RECEIVE, new SqsRequests.Operation(200, 0)));

    @Test
    void givenTheDatedPricesFile_whenRead_thenEveryPriceIsThereWithItsSource() {
        assertThat(PRICES.read()).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(PRICES.email()).isEqualTo(0.10 / 1000);
        assertThat(PRICES.sources()).hasSize(9).allSatisfy((name, source) -> assertThat(source).contains("https://"));
    }

    @Test
    void givenAMeasuredRun_whenPriced_thenEachServiceIsItsUnitsAtItsPriceAndTheSweepsShareFallsAsTheMonthsOrdersGrow() {
        var small = CostBenchmark.bill(USAGE, PRICES, 1_000);
        var large = CostBenchmark.bill(USAGE, PRICES, 100_000);

        // 300 emails for 100 orders: 3,000 per 1,000 orders at $0.10 per 1,000
        assertThat(small.ses()).isCloseTo(0.30, within(1e-9));
        assertThat(small.perThousandOrders().get("API Gateway")).isCloseTo(5_250 * PRICES.apiRequest(), within(1e-12));
        // a month of sweeps over 1,000 orders is 43,200 EventBridge invocations per 1,000 orders; over 100,000, 432
        assertThat(small.perThousandOrders().get("EventBridge")).isCloseTo(43_200 * PRICES.eventBridgeInvocation(), within(1e-12));
        assertThat(large.perThousandOrders().get("EventBridge")).isCloseTo(432 * PRICES.eventBridgeInvocation(), within(1e-12));
        assertThat(large.allButSes()).isLessThan(small.allButSes());
        assertThat(large.ses()).isEqualTo(small.ses());
        assertThat(small.met()).isEqualTo(small.allButSes() <= small.ses() / 3);
    }

    @Test
    void givenTheAggregatorRefoldedForAVolume_whenPriced_thenThatVolumesRefoldReplacesTheRunsAggregatorAndOtherVolumesTakeTheRunsBatchesRefolded() {
        var small = CostBenchmark.bill(USAGE, PRICES, 1_000);
        var large = CostBenchmark.bill(USAGE, PRICES, 100_000);

        // 10 x 100 orders: the orders' units, the aggregator's as refolded; then 432 idle sweeps' 1 read unit each
        assertThat(large.perThousandOrders().get("DynamoDB")).isCloseTo(10 * ((1_000 - 100 + 60) * PRICES.readUnit()
                + (20_000 - 2_500 + 500) * PRICES.writeUnit()) + 432 * PRICES.readUnit(), within(1e-12));
        assertThat(small.perThousandOrders().get("DynamoDB")).isCloseTo(10 * ((1_000 - 100 + 80) * PRICES.readUnit() + 20_000 * PRICES.writeUnit())
                + 43_200 * PRICES.readUnit(), within(1e-12));
        double sweeps = 432 * (PRICES.lambdaRequest() + USAGE.idleSweep().secondsAt(1024) * PRICES.gbSecond());
        assertThat(large.perThousandOrders().get("Lambda")).isCloseTo(sweeps + 10 * ((500 + 68) * PRICES.lambdaRequest()
                + (10.0 + 2.0 + 0.5 / 2) * PRICES.gbSecond()), within(1e-12));
        double smallSweeps = 43_200 * (PRICES.lambdaRequest() + USAGE.idleSweep().secondsAt(1024) * PRICES.gbSecond());
        assertThat(small.perThousandOrders().get("Lambda")).isCloseTo(smallSweeps + 10 * ((500 + 1_000) * PRICES.lambdaRequest()
                + (10.0 + 2.0 + 4.0 / 2) * PRICES.gbSecond()), within(1e-12));
    }

    @Test
    void givenARunsRefoldsAndSqsRequests_whenWritten_thenTheSectionShowsEachRefoldAndTheRequestsByOperation() {
        String section = Bench.costSection(USAGE, PRICES);

        assertThat(section).contains("| the run's, refolded | 2.6 | 10.000 | 25.0 | 1.92 | 0.8 | 8.0 | yes |")
                .contains("| 100,000 orders a month | 38.5 | 0.680 | 5.0 | 0.38 | 0.6 | 14.7 | yes |")
                .contains("ReceiveMessage 4.00 (1.5), ReceiveMessage (empty) 2.00 (0.0), SendMessageBatch 3.00 (2.0)")
                .contains("they would be 1.2 per order");
    }

    @Test
    void givenTheChangesPerOrderMeasured_whenAVolumesWindowIsSized_thenItIsThoseOfItsOrdersInFiveMinutesOverFourShards() {
        // 100,000 orders a month are 11.57 in 300 s; 13.3 changes each over 4 shards
        assertThat(CostBenchmark.changesPerWindow(13.3, 100_000, 300)).isCloseTo(13.3 * 100_000 / 8_640 / 4, within(1e-9));
        assertThat(CostBenchmark.changesPerWindow(13.3, 1_000, 300)).as("a small shop's windows: fewer than one change").isLessThan(1);
    }
}
