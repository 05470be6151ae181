package io.aftercare.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A small run of the bad-input benchmark in every build; the full run reports 50,000 inputs. */
class BadInputBenchmarkSmokeTest {

    @Test
    void givenMutatedSignedPayloadsAndHostileTemplatesAndChatUrls_whenPosted_thenNoneGetsAServerErrorNoHostileOneGetsThroughAndNoRejectedOneWrites() throws Exception {
        var result = new BadInputBenchmark().run(300);

        assertThat(result.inputs()).isEqualTo(300);
        assertThat(result.serverErrors()).isZero();
        assertThat(result.strayWrites()).isZero();
        assertThat(result.statuses().keySet()).allMatch(status -> status < 500).anyMatch(status -> status >= 400);
        assertThat(Bench.badInputSection(result)).contains("| 300 | 0 | 0 | **1.00** |");
        assertThat(result.admin()).extracting(BadInputBenchmark.Refusals::tried).containsExactly(66, BadInputBenchmark.HOSTILE_CHAT_URLS.size());
        assertThat(result.admin()).allSatisfy(hostile -> {
            assertThat(hostile.refused()).as(hostile.what()).isEqualTo(hostile.tried());
            assertThat(hostile.strayWrites()).as(hostile.what()).isZero();
        });
    }
}
