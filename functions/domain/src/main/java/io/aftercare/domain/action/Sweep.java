package io.aftercare.domain.action;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Finds what is due, claims it, and queues it for the workers: every urgent action first, then bulk ones up to the
 * send rates' allowance (the bulk queue topped up to one interval of sending, the rest left due) and what the SES
 * account's 24-hour quota leaves bulk email, page after page while work is due
 * and the sweep's time allows, several claims at once; between bulk pages, urgent actions that fell due meanwhile go
 * first. Two sweeps running at once never claim the same action: the claim is a conditional write, and the loser
 * simply moves on.
 */
public final class Sweep {

    /** How long a worker has to finish an action before another sweep may take it over. */
    public static final Duration LEASE = Duration.ofMinutes(5);
    /** How often a sweep runs in AWS ({@code template.yaml}'s schedule). */
    public static final Duration INTERVAL = Duration.ofMinutes(1);
    /** Left of the invocation's time when the sweep stops claiming: enough to queue the last page. */
    static final Duration MARGIN = Duration.ofSeconds(10);
    /** Actions read per step; a step's claims are queued before the next step reads. */
    static final int PAGE = 200;

    /**
     * @param interval how often the sweep runs: the bulk queue is topped up to this much sending at the bulk rates, so
     *     shorter than the {@link #LEASE} (a claimed action is sent within it while the workers keep to those rates)
     * @param budget how long one sweep claims at most: well inside the function's timeout and the interval
     * @param claimConcurrency claims in flight at once
     * @param bulkRates how fast bulk email may go out
     */
    public record Settings(Duration interval, Duration budget, int claimConcurrency, SendRates bulkRates) {

        public static final Settings DEFAULT = new Settings(INTERVAL, Duration.ofSeconds(40), 16, SendRates.WITHOUT_SES_ACCOUNT);

        public Settings {
            if (interval.compareTo(LEASE) >= 0 || budget.compareTo(interval) >= 0) {
                throw new IllegalArgumentException("a sweep's budget (" + budget + ") must be shorter than its interval (" + interval
                        + "), and the interval than the lease (" + LEASE + ")");
            }
        }
    }

    /**
     * @param due actions read as due: claimed, lost to another sweep, or deferred
     * @param claimed actions claimed and queued
     * @param deferred bulk actions left due for the next sweep: over a send rate's allowance
     * @param oldestDue per class, how long the oldest action due at the sweep's start had waited (zero when none did)
     */
    public record Result(int due, int claimed, int deferred, Map<ActionClass, Duration> oldestDue) {
    }

    private final ActionStore actions;
    private final ActionQueue queue;
    private final Settings settings;
    private final Supplier<Optional<DailyQuota>> quota;
    private final Clock clock;

    /** A sweep with no 24-hour quota to keep to (no SES account: the local runner, tests). */
    public Sweep(ActionStore actions, ActionQueue queue, Settings settings, Clock clock) {
        this(actions, queue, settings, Optional::empty, clock);
    }

    /** @param quota the SES account's 24-hour quota as it stands, read once a sweep; empty when unknown */
    public Sweep(ActionStore actions, ActionQueue queue, Settings settings, Supplier<Optional<DailyQuota>> quota, Clock clock) {
        this.actions = actions;
        this.queue = queue;
        this.settings = settings;
        this.quota = quota;
        this.clock = clock;
    }

    /** A sweep with its whole budget: where no invocation's deadline applies (the local runner, tests). */
    public Result run() {
        return run(settings.budget().plus(MARGIN));
    }

    /** @param timeLeft how long the invocation may still run: the sweep stops claiming {@link #MARGIN} before */
    public Result run(Duration timeLeft) {
        Instant start = clock.instant();
        Duration budget = timeLeft.minus(MARGIN).compareTo(settings.budget()) < 0 ? timeLeft.minus(MARGIN) : settings.budget();
        var pass = new Pass(actions.due(start), start, start.plus(budget));
        try (ExecutorService claims = Executors.newFixedThreadPool(settings.claimConcurrency())) {
            pass.claimUrgent(claims);
            // asked only when bulk work is due: an idle sweep, 43,200 a month, asks neither SQS nor SES
            pass.claimBulk(claims, () -> new BulkPace(settings.bulkRates(), settings.interval(), queue.bulkQueued(),
                    quota.get().map(DailyQuota::bulkLeft).orElse(Long.MAX_VALUE)));
        }
        return new Result(pass.read, pass.claimed, pass.deferred, pass.oldestDue);
    }

    private final class Pass {
        private final ActionStore.DueActions due;
        private final Instant now;
        private final Instant deadline;
        private final Map<ActionClass, Duration> oldestDue = new EnumMap<>(ActionClass.class);
        private int read;
        private int claimed;
        private int deferred;

        Pass(ActionStore.DueActions due, Instant now, Instant deadline) {
            this.due = due;
            this.now = now;
            this.deadline = deadline;
        }

        void claimUrgent(ExecutorService claims) {
            for (List<DueRef> page = page(ActionClass.URGENT); !page.isEmpty(); page = page(ActionClass.URGENT)) {
                List<ClaimedAction> won = claim(claims, ActionClass.URGENT, page.stream().map(DueRef::ref).toList());
                submit(won, Duration.ZERO);
            }
        }

        /** Urgent actions that fell due since the sweep began: claimed as of now, before the next bulk page. */
        private void claimNewlyUrgent(ExecutorService claims) {
            Instant at = clock.instant();
            List<DueRef> fallen = due.urgentDueBy(at, PAGE);
            read += fallen.size();
            submit(claim(claims, ActionClass.URGENT, fallen.stream().map(DueRef::ref).toList()), Duration.ZERO);
        }

        void claimBulk(ExecutorService claims, Supplier<BulkPace> paced) {
            List<DueRef> page = page(ActionClass.BULK);
            if (page.isEmpty()) {
                return;
            }
            BulkPace pace = paced.get();
            for (; !page.isEmpty(); page = pace.exhausted() ? List.of() : page(ActionClass.BULK)) {
                Map<ActionRef, Duration> slots = new LinkedHashMap<>();
                for (DueRef ref : page) {
                    pace.next(ref.ref().shop()).ifPresentOrElse(at -> slots.put(ref.ref(), at), () -> deferred++);
                }
                // the actions of one slot go together: one queue request per ten of them
                Map<Duration, List<ClaimedAction>> bySlot = new TreeMap<>();
                for (ClaimedAction action : claim(claims, ActionClass.BULK, List.copyOf(slots.keySet()))) {
                    bySlot.computeIfAbsent(slots.get(action.ref()), at -> new ArrayList<>()).add(action);
                }
                Duration elapsed = Duration.between(now, clock.instant());
                bySlot.forEach((at, group) -> submit(group, at.compareTo(elapsed) > 0 ? at.minus(elapsed) : Duration.ZERO));
                if (clock.instant().isBefore(deadline)) {
                    claimNewlyUrgent(claims);
                }
            }
        }

        /** The next page while time allows; the first page of a class holds each shard's oldest, for the lag. */
        private List<DueRef> page(ActionClass actionClass) {
            if (!clock.instant().isBefore(deadline)) {
                return List.of();
            }
            List<DueRef> page = due.next(actionClass, PAGE);
            if (!oldestDue.containsKey(actionClass)) {
                oldestDue.put(actionClass, page.stream().map(DueRef::dueAt).min(Instant::compareTo)
                        .map(at -> at.isBefore(now) ? Duration.between(at, now) : Duration.ZERO).orElse(Duration.ZERO));
            }
            read += page.size();
            return page;
        }

        private List<ClaimedAction> claim(ExecutorService claims, ActionClass actionClass, List<ActionRef> refs) {
            List<Future<Optional<ClaimedAction>>> pending = new ArrayList<>();
            for (ActionRef ref : refs) {
                // the lease runs from the claim itself, not from the pass's start: a late claim keeps its whole lease
                pending.add(claims.submit(() -> actions.claim(ref, actionClass, clock.instant(), LEASE)));
            }
            List<ClaimedAction> won = new ArrayList<>();
            RuntimeException failure = null;
            for (Future<Optional<ClaimedAction>> claim : pending) {
                try {
                    claim.get().ifPresent(won::add);
                } catch (ExecutionException e) {
                    failure = e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failure = new IllegalStateException("interrupted while claiming", e);
                }
            }
            if (failure != null) {
                // what was won is queued first: it would otherwise wait out its lease
                submit(won, Duration.ZERO);
                throw failure;
            }
            return won;
        }

        private void submit(List<ClaimedAction> won, Duration delay) {
            if (!won.isEmpty()) {
                queue.submit(won, delay);
                claimed += won.size();
            }
        }
    }
}
