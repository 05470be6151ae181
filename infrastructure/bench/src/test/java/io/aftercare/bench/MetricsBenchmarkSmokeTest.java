package io.aftercare.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetricsBenchmarkSmokeTest {

    @Test
    void givenASmallRun_whenTheAggregatorFoldsTheStream_thenTheIngestCostsThreeRequestsAndTheAggregatorAFixedFewPerChange() throws Exception {
        var result = new MetricsBenchmark(20, 20, 3).run();
        assertThat(result.ingestRequestsPerWebhook()).isEqualTo(3.0);
        // per new order: the customer's history read; the batch's cursor read and its one transaction are shared
        assertThat(result.aggregatorRequestsPerWebhook()).isBetween(1.0, 2.0);
        assertThat(result.aggregatorRequestsPerEmail()).as("the emails' batch: its cursor read and one transaction").isLessThan(0.5);
        assertThat(result.oneDay().count()).isEqualTo(3);
        assertThat(Bench.metricsSection(result)).contains("| aggregator's DynamoDB requests |");
    }
}
