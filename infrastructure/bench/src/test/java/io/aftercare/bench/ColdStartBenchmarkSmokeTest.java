package io.aftercare.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** One run of the cold-start benchmark in every build, so the harness cannot rot. Its timings are not asserted. */
class ColdStartBenchmarkSmokeTest {

    @Test
    void givenTheShadedJar_whenAFreshJvmHandlesAWebhook_thenItIsRecordedAndBothSidesAreMeasured() throws Exception {
        var result = new ColdStartBenchmark(1).run();

        assertThat(result.webhookMedianMs()).isPositive();
        assertThat(result.clientMedianMs()).isPositive();
        assertThat(result.jarBytes()).isPositive();
        assertThat(Bench.coldStartSection(result)).contains("| **");
    }
}
