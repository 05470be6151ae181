package io.aftercare.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A small run of the queue benchmark in every build: a page's reads are the property it measures, so they are asserted. */
class QueueBenchmarkSmokeTest {

    @Test
    void givenAShopWithTenTimesMoreOpenTickets_whenEachViewIsRead_thenARequestReadsNoMoreQueueItemsThanInAShopWithTen() throws Exception {
        var runs = new QueueBenchmark(100, 10, QueueBenchmark.SMALL).run();

        assertThat(runs).extracting(QueueBenchmark.Run::view).containsExactlyElementsOf(QueueBenchmark.VIEWS);
        assertThat(runs).allSatisfy(run -> {
            assertThat(run.itemsPerLargeRequest()).as(run.view()).isEqualTo(QueueBenchmark.SMALL);
            assertThat(run.itemsPerSmallRequest()).as(run.view()).isEqualTo(QueueBenchmark.SMALL);
            assertThat(run.largeMs().count()).isEqualTo(10);
        });
        assertThat(Bench.queueSection(runs)).contains("| unassigned | 100 |");
    }
}
