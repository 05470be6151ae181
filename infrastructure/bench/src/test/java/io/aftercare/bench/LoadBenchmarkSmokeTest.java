package io.aftercare.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A short run of the load benchmark in every build: what was acknowledged must be stored; timings are not asserted. */
class LoadBenchmarkSmokeTest {

    @Test
    void givenTwoShortSteps_whenOrdersArriveAtAFixedRate_thenEveryAcknowledgedDeliveryIsStored() throws Exception {
        var steps = new LoadBenchmark().run(new int[] {10, 20}, Duration.ofSeconds(2));

        assertThat(steps).extracting(LoadBenchmark.Step::sent).containsExactly(20, 40);
        assertThat(steps).allSatisfy(step -> {
            assertThat(step.errors()).isZero();
            assertThat(step.recorded()).isEqualTo(step.sent());
            assertThat(step.acknowledgedButMissing()).isZero();
        });
        assertThat(Bench.loadSection(steps)).contains("| 10 | 20 | 20 | 0 |");
    }
}
