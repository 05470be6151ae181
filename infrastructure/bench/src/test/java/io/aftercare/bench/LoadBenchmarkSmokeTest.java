package io.aftercare.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A short run of the load benchmark in every build: every delivery must end up stored; timings are not asserted. */
class LoadBenchmarkSmokeTest {

    @Test
    void givenTwoShortSteps_whenOrdersArriveAtAFixedRate_thenEveryDeliveryIsStoredAtTheFirstTryOrOnRetry() throws Exception {
        var steps = new LoadBenchmark().run(new int[] {10, 20}, Duration.ofSeconds(2));

        assertThat(steps).extracting(LoadBenchmark.Step::sent).containsExactly(20, 40);
        assertThat(steps).allSatisfy(step -> {
            assertThat(step.errors()).isZero();
            assertThat(step.recorded() + step.recordedOnRetry()).isEqualTo(step.sent());
            assertThat(step.missing()).isZero();
        });
        assertThat(Bench.loadSection(steps)).contains("| 10 | 20 |").contains("missing from the table over all steps: 0.");
    }
}
