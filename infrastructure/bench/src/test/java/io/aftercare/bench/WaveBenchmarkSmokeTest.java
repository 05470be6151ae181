package io.aftercare.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A small run of the wave benchmark in every build: every thank-you sent once, escalations claimed within a sweep interval. */
class WaveBenchmarkSmokeTest {

    private final WaveBenchmark benchmark = new WaveBenchmark();

    @Test
    void givenASmallWaveAndEscalationsDueDuringIt_whenSweptAndWorked_thenEveryEmailGoesOnceAndEachEscalationIsClaimedWithinAnInterval() throws Exception {
        var run = benchmark.wave(30, 2, WaveBenchmark.BULK_RATE, Duration.ofSeconds(5));

        assertThat(run.emailsSent()).isEqualTo(30);
        assertThat(run.duplicates()).isZero();
        assertThat(run.claimedAgain()).isZero();
        assertThat(run.escalationDelaysSeconds()).hasSize(WaveBenchmark.ESCALATIONS)
                .allSatisfy(delay -> assertThat(delay).isBetween(0.0, (double) WaveBenchmark.SWEEP_EVERY.toSeconds()));
        var reads = List.of(benchmark.reads(300, 1), benchmark.reads(300, 8));
        assertThat(reads).allSatisfy(r -> assertThat(r.claimed()).isEqualTo(300));
        assertThat(reads).allSatisfy(r -> assertThat(r.itemsPerAction()).as("each due action read once").isEqualTo(1.0));
        assertThat(Bench.waveSection(List.of(run), reads)).contains("| 8 | 300 | 300 | 1.000 | **1.00** |");
    }
}
