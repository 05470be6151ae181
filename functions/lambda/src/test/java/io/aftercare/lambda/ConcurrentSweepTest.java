package io.aftercare.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.devkit.DynamoDbExtension;
import io.aftercare.devkit.SesEmulatorExtension;
import io.aftercare.devkit.SesMailbox;
import io.aftercare.devkit.TestTable;
import io.aftercare.domain.action.Sweep;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith({DynamoDbExtension.class, SesEmulatorExtension.class})
class ConcurrentSweepTest {

    @Test
    void givenTwoHundredDueActions_whenTwoSweepsRunAtOnceAndTheirWorkIsDone_thenEveryEmailIsSentExactlyOnce(TestTable table, SesMailbox ses)
            throws Exception {
        var aftercare = new Harness(table, Instant.parse("2026-11-23T10:00:00Z"), ses);
        aftercare.registerShop("busy-shop", "generic");
        for (int i = 0; i < 200; i++) {
            aftercare.generic("busy-shop", """
                    {"schema": "aftercare.webhook.v1", "id": "busy-%1$d", "type": "order.created", "occurred_at": "2026-11-23T10:00:00Z",
                     "data": {"id": "B%1$d", "created_at": "2026-11-23T10:00:00Z", "currency": "EUR", "total": "10.00",
                              "customer": {"email": "busy-%1$d@example.com"}, "lines": [{"title": "Mug", "quantity": 1, "price": "10.00"}]}}"""
                    .formatted(i));
        }

        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(2);
        List<Callable<Sweep.Result>> sweeps = List.of(() -> {
            start.await();
            return aftercare.app.sweep().run();
        }, () -> {
            start.await();
            return aftercare.app.sweep().run();
        });
        var running = sweeps.stream().map(pool::submit).toList();
        start.countDown();
        int claimed = 0;
        for (var sweep : running) {
            claimed += sweep.get().claimed();
        }
        pool.shutdown();
        aftercare.work();
        aftercare.work();

        assertThat(claimed).isEqualTo(200);
        Map<String, Long> received = ses.emails().stream().filter(e -> e.to().get(0).startsWith("busy-"))
                .collect(Collectors.groupingBy(e -> e.to().get(0), Collectors.counting()));
        assertThat(received).hasSize(200);
        assertThat(received.values()).allMatch(count -> count == 1);
        assertThat(aftercare.app.sweep().run().due()).as("nothing left due").isZero();
    }

}
