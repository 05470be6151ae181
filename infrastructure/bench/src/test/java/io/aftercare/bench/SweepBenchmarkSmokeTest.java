package io.aftercare.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A small run of the sweep benchmark in every build: the read count is the property it measures, so it is asserted. */
class SweepBenchmarkSmokeTest {

    private final SweepBenchmark benchmark = new SweepBenchmark();

    @Test
    void givenThousandsOfActionsNotYetDue_whenTheSweepRuns_thenItReadsNoMoreItemsThanWithNone() throws Exception {
        var empty = benchmark.reads(0);
        var crowded = benchmark.reads(3_000);

        assertThat(empty.dueFound()).isEqualTo(SweepBenchmark.DUE);
        assertThat(crowded.dueFound()).isEqualTo(SweepBenchmark.DUE);
        assertThat(crowded.itemsRead()).isEqualTo(empty.itemsRead());
        assertThat(Bench.sweepSection(List.of(empty, crowded), benchmark.throughput(5))).contains("| 3,000 | " + empty.itemsRead() + " |");
    }

    @Test
    void givenThousandsOfParcelsInTransit_whenTheSweepLooksForTheStuckOnes_thenItReadsNoMoreItemsThanWithTenInTransit() throws Exception {
        var few = benchmark.parcelReads(10);
        var many = benchmark.parcelReads(3_000);

        assertThat(few.dueFound()).isEqualTo(SweepBenchmark.STUCK);
        assertThat(many.dueFound()).isEqualTo(SweepBenchmark.STUCK);
        assertThat(many.itemsRead()).isEqualTo(few.itemsRead());
        assertThat(Bench.parcelsSection(List.of(few, many))).contains("| 3,000 | 10 | " + few.itemsRead() + " |");
    }

    @Test
    void givenOrdersWhoseThankYouIsDue_whenSweptAndWorked_thenEachEmailCostsAFixedHandfulOfDynamoDbRequestsAndBothSidesAreMeasured() throws Exception {
        var throughput = benchmark.throughput(20);

        assertThat(throughput.emails()).isEqualTo(20);
        assertThat(throughput.oneWorkerPerSecond()).isPositive();
        assertThat(throughput.workersPerSecond()).isPositive();
        assertThat(throughput.barePerSecond()).isPositive();
        assertThat(throughput.dynamoRequestsPerEmail()).containsKeys("GetItem", "Query", "UpdateItem", "TransactWriteItems");
        assertThat(throughput.dynamoRequestsPerEmail().get("TransactWriteItems"))
                .as("the sending mark with the recipient's checks, and the record, of each email sent").isEqualTo(2.0);
        // 4 per email (EmailRequestCountTest holds it exactly), plus each worker's first reads of the shop and its templates
        assertThat(throughput.dynamoRequestsPerEmail().values().stream().mapToDouble(Double::doubleValue).sum()).isLessThanOrEqualTo(5.0);
    }
}
