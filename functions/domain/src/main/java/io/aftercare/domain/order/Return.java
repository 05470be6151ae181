package io.aftercare.domain.order;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A return of (part of) an order: every step that happened to it, each occurrence kept with its time (a return closed,
 * reopened and closed again has two closings), in any arrival order; the same step at the same time is one occurrence.
 * Where it stands is the domain's {@code returns.ReturnLife}'s to say; {@link #latest()} is only the newest step.
 *
 * @param steps oldest first, in lifecycle order on a tie: the order the return went through them
 */
public record Return(String returnId, List<Step> steps) {

    /**
     * One occurrence of a step.
     *
     * @param delivery the delivery that told it, when known (returns recorded before it was kept have none)
     * @param reason what the shop told the customer with it (a decline's note), if anything
     */
    public record Step(ReturnEvent event, Instant at, Optional<String> delivery, Optional<String> reason) {
    }

    private static final Comparator<Step> IN_ORDER = Comparator.comparing(Step::at).thenComparing(Step::event);

    public Return {
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a return has at least one step");
        }
        steps = steps.stream().sorted(IN_ORDER).filter(distinctOccurrence()).toList();
    }

    public Return(String returnId, ReturnEvent step, Instant at) {
        this(returnId, List.of(new Step(step, at, Optional.empty(), Optional.empty())));
    }

    public Step latestStep() {
        return steps.getLast();
    }

    /** The newest step (in lifecycle order on a tie). */
    public ReturnEvent latest() {
        return latestStep().event();
    }

    public Instant at() {
        return latestStep().at();
    }

    /** The newest occurrence of {@code event}, if it happened. */
    public Optional<Step> last(ReturnEvent event) {
        return steps.reversed().stream().filter(step -> step.event() == event).findFirst();
    }

    /** The first of the sorted occurrences of an (event, time) pair; those told by two deliveries are one. */
    private static Predicate<Step> distinctOccurrence() {
        Set<String> seen = new HashSet<>();
        return step -> seen.add(step.event() + "@" + step.at());
    }
}
