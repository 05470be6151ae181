package io.aftercare.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A small run of the fault benchmark in every build: nothing may be lost, and only one fault may repeat an email. */
class FaultBenchmarkSmokeTest {

    @Test
    void givenEachInjectedFault_whenTheSweepRunsUntilNothingIsDue_thenNoEmailIsLostAndOnlySendThenCrashRepeats() throws Exception {
        var rows = new FaultBenchmark(10).run();

        assertThat(rows).hasSize(5).allSatisfy(row -> {
            assertThat(row.expected()).isEqualTo(10);
            assertThat(row.lost()).as(row.fault()).isZero();
            assertThat(row.delivered()).as(row.fault()).isEqualTo(10);
        });
        assertThat(rows.subList(0, 4)).allSatisfy(row -> assertThat(row.duplicates()).as(row.fault()).isZero());
        assertThat(rows.get(4).duplicates()).isPositive().isLessThanOrEqualTo(1);
        assertThat(Bench.faultSection(rows)).contains("| 10 | 10 | **1.00** |");
    }
}
