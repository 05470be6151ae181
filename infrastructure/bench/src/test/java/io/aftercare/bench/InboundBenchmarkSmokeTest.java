package io.aftercare.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A small run of the inbound benchmark in every build: every reply it times must have landed on its ticket. */
class InboundBenchmarkSmokeTest {

    @Test
    void givenTheFiftyKilobyteReply_whenReceivedTenTimes_thenEachLandsOnItsTicketAndBothLatenciesAreMeasured() throws Exception {
        var run = new InboundBenchmark(10).run();

        assertThat(run.ticketed()).isEqualTo(10);
        assertThat(run.bytes()).isGreaterThan(50_000);
        assertThat(run.endToEndMs().count()).isEqualTo(10);
        assertThat(run.parseMs().p50()).isPositive();
        assertThat(Bench.inboundSection(run)).contains("| 10 | 10 |");
    }
}
