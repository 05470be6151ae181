package io.aftercare.bench;

import io.aftercare.devkit.FaultProxy;
import io.aftercare.domain.action.ClaimedAction;
import io.aftercare.domain.action.Sweep;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * What Aftercare's post-purchase emails survive: SES throttling and server errors, two workers racing on the same
 * messages, a worker killed between claim and send, and one killed between send and record. For each: emails expected,
 * delivered, duplicated and lost. Lost must be 0; duplicates may only come from the send-then-crash window.
 */
final class FaultBenchmark {

    record Row(String fault, int expected, int delivered, int duplicates, int lost) {
    }

    private final int orders;

    FaultBenchmark(int orders) {
        this.orders = orders;
    }

    List<Row> run() throws Exception {
        int lostAnswers = Math.max(1, orders / 10);
        return List.of(
                scenario("SES throttling (30% of calls answered 429)", rig -> rig.proxy.failRandomly(0.3, FaultProxy.Fault.throttling()), Rig::work),
                scenario("SES server errors (30% of calls answered 500)", rig -> rig.proxy.failRandomly(0.3, FaultProxy.Fault.serverError()), Rig::work),
                scenario("two workers given every message at once", rig -> { }, FaultBenchmark::twoWorkers),
                scenario("worker killed between claim and send", rig -> { }, FaultBenchmark::killedBeforeSending),
                scenario("SES accepted %d emails but the answers were lost, as when the worker dies before recording".formatted(lostAnswers),
                        rig -> rig.proxy.forwardThenFailNext(lostAnswers), Rig::work));
    }

    private interface Work {
        int run(Rig rig, List<ClaimedAction> actions) throws Exception;
    }

    /** Orders, then sweep-and-work rounds (each after the leases of the last ran out) until nothing is left due. */
    private Row scenario(String fault, Consumer<Rig> inject, Work firstRound) throws Exception {
        String tag = fault.replaceAll("[^a-z]", "").substring(0, 8) + System.nanoTime();
        try (var rig = new Rig(Instant.parse("2026-11-23T10:00:00Z"))) {
            for (int i = 0; i < orders; i++) {
                rig.order("F" + i, tag + "-" + i + "@example.com");
            }
            inject.accept(rig);
            firstRound.run(rig, rig.sweep());
            rig.proxy.heal();
            for (int round = 0; round < 5; round++) {
                rig.clock.advance(Sweep.LEASE.plus(Duration.ofSeconds(1)));
                rig.work(rig.sweep());
            }
            Map<String, Long> received = rig.ses.emails().stream().map(e -> e.to().get(0)).filter(to -> to.startsWith(tag + "-"))
                    .collect(Collectors.groupingBy(to -> to, Collectors.counting()));
            int delivered = received.size();
            int duplicates = (int) received.values().stream().mapToLong(n -> n - 1).sum();
            return new Row(fault, orders, delivered, duplicates, orders - delivered);
        }
    }

    private static int twoWorkers(Rig rig, List<ClaimedAction> actions) throws Exception {
        var pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> workers = List.of(pool.submit(() -> rig.work(actions)), pool.submit(() -> rig.work(actions)));
            int failed = 0;
            for (Future<Integer> worker : workers) {
                failed += worker.get();
            }
            return failed;
        } finally {
            pool.shutdown();
        }
    }

    /** The messages are lost with the worker: nothing runs until the leases run out and the sweep claims again. */
    private static int killedBeforeSending(Rig rig, List<ClaimedAction> actions) {
        return actions.size();
    }

}
