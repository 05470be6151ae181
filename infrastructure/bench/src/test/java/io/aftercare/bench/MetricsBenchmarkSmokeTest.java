package io.aftercare.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetricsBenchmarkSmokeTest {

    @Test
    void givenASmallRun_whenTheAggregatorFoldsTheStream_thenTheIngestCostsThreeRequestsAndTheAggregatorAFixedFewPerChange() throws Exception {
        var result = new MetricsBenchmark(20, 20, 3).run();
        assertThat(result.ingestRequestsPerWebhook()).isEqualTo(3.0);
        // per new order: its entries' markers and days, and the customer's history (read, then written with the rest)
        assertThat(result.aggregatorRequestsPerWebhook()).isBetween(1.0, 6.0);
        assertThat(result.aggregatorRequestsPerEmail()).isEqualTo(1.0);
        assertThat(result.oneDay().count()).isEqualTo(3);
        assertThat(Bench.metricsSection(result)).contains("| aggregator's DynamoDB requests |");
    }
}
