package io.aftercare.domain.order;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A return of (part of) an order: each thing that happened to it, kept once with its time (in any arrival order).
 * Where it stands is the domain's {@code returns.ReturnLife}'s to say; {@link #latest()} is only the newest step.
 */
public record Return(String returnId, Map<ReturnEvent, Instant> steps) {

    public Return {
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a return has at least one step");
        }
        steps = new EnumMap<>(steps);
    }

    public Return(String returnId, ReturnEvent step, Instant at) {
        this(returnId, Map.of(step, at));
    }

    /** The newest step (in lifecycle order on a tie). */
    public ReturnEvent latest() {
        return steps.entrySet().stream()
                .max(Map.Entry.<ReturnEvent, Instant>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .orElseThrow().getKey();
    }

    public Instant at() {
        return steps.get(latest());
    }

    /** The steps oldest first, in lifecycle order on a tie: the order the return went through them. */
    public List<Map.Entry<ReturnEvent, Instant>> inOrder() {
        return steps.entrySet().stream()
                .sorted(Map.Entry.<ReturnEvent, Instant>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .toList();
    }
}
