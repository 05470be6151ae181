package io.aftercare.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pricing of a run (a whole run takes minutes: `aftercare-bench.jar cost`); the figures here are made up, the prices are the file's. */
class CostBenchmarkSmokeTest {

    private static final CostBenchmark.Prices PRICES = CostBenchmark.Prices.load();

    private static final CostBenchmark.Usage USAGE = new CostBenchmark.Usage(100, 5,
            Map.of("WebhookFunction", new CostBenchmark.Invocations(500, 10.0, 1024),
                    "SweepFunction", new CostBenchmark.Invocations(0, 2.0, 1024)),
            1_000, 20_000, 8_000, Map.of(), 4_000, 900, 525, 300, 720, 500, new CostBenchmark.IdleSweep(0.03, 0.01, 1.0, 0.0, 0.0), 1024, 2,
            new CostBenchmark.BusySweeps(220, 10.0, 2.0), List.of(40, 3));

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
}
