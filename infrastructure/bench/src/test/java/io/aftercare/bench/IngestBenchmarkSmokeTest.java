package io.aftercare.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A small run of the ingest benchmark in every build, so the harness cannot rot. Its timings are not asserted. */
class IngestBenchmarkSmokeTest {

    @Test
    void givenASmallRun_whenTheIngestBenchmarkRuns_thenEveryDeliveryIsAcceptedWithThreeRequestsADuplicateWithOneAndTheBaselineReplays() throws Exception {
        var result = new IngestBenchmark(40, 10).run(4);

        assertThat(result.errors()).isZero();
        assertThat(result.endpoint().count()).isEqualTo(40);
        assertThat(result.baseline().count()).isEqualTo(40);
        assertThat(result.requestsPerWebhook()).isEqualTo(3.0);
        assertThat(result.requestsPerDuplicate()).as("the read that finds its marker").isEqualTo(1.0);
        assertThat(result.baseline().p50()).isPositive();
        assertThat(Bench.ingestSection(java.util.List.of(result))).contains("| 4 | 40 |");
    }
}
