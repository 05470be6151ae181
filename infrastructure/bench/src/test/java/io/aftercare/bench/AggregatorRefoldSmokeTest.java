package io.aftercare.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.aftercare.devkit.AdjustableClock;
import io.aftercare.domain.ShopId;
import io.aftercare.local.LocalAftercare;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A small run of the aggregator's refold in every build: what fuller batches cost is the property the cost model takes from it. */
class AggregatorRefoldSmokeTest {

    @Test
    void givenOrdersFoldedAWebhookAtATime_whenRefoldedInFullerWindows_thenEachChangeCostsFewerWriteUnitsNeverMoreAndTheMetricsAreTheRuns() throws Exception {
        var capacity = new Capacity();
        var clock = new AdjustableClock(Instant.now()); // the webhooks are signed at the time now, as MetricsBenchmark signs them
        try (var local = LocalAftercare.start(LocalAftercare.Settings.ephemeral(MetricsBenchmark.TOKEN, clock).watchingDynamoDb(capacity))) {
            capacity.billing(local.dynamoDb().client(), LocalAftercare.TABLE, WriteUnits.ofTemplate());
            var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            MetricsBenchmark.register(http, local.baseUri());
            for (int i = 0; i < 12; i++) { // customers 0 to 3 order three times each: their histories change too
                capacity.function = "WebhookFunction";
                MetricsBenchmark.order(http, local.baseUri(), 500_000 + i, i % 4, clock.instant().plusSeconds(60L * i));
                capacity.function = AggregatorRefold.FUNCTION;
                local.aggregate();
            }
            double runWrites = capacity.billed().entrySet().stream().filter(e -> e.getKey().function().equals(AggregatorRefold.FUNCTION))
                    .mapToDouble(e -> e.getValue().total()).sum();

            var refold = new AggregatorRefold(local, new ShopId(MetricsBenchmark.SHOP), clock, Duration.ofMinutes(5), capacity.kindsWritten(AggregatorRefold.FUNCTION));
            var replay = refold.replay(local.aggregatorBatches());
            var single = refold.windowsOf(1);
            var fives = refold.windowsOf(5);
            var all = refold.windowsOf(refold.changes());

            assertThat(refold.changes()).isGreaterThanOrEqualTo(12);
            assertThat(replay.writeUnits()).as("the run's batches refolded cost what the run's aggregator did").isCloseTo(runWrites, within(1e-9));
            assertThat(replay.batches()).isEqualTo(local.aggregatorBatches().size());
            assertThat(all.batches()).isEqualTo(1);
            assertThat(all.invocations()).as("one batch, and its window's closing call").isEqualTo(2);
            assertThat(single.writeUnitsPerChange()).isGreaterThanOrEqualTo(replay.writeUnitsPerChange());
            assertThat(fives.writeUnitsPerChange()).isLessThanOrEqualTo(single.writeUnitsPerChange());
            assertThat(all.writeUnitsPerChange()).isLessThanOrEqualTo(fives.writeUnitsPerChange()).isLessThan(single.writeUnitsPerChange());
            assertThat(List.of(replay, single, fives, all)).allSatisfy(r -> assertThat(r.sameMetrics()).as("the days' metrics").isTrue());
        }
    }
}
