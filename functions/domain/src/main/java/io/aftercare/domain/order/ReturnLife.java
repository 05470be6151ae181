package io.aftercare.domain.order;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A return's life as a state machine. Its steps (every occurrence: closed, reopened, closed again) are replayed in the order they happened (their times, not their
 * arrival), so steps delivered out of order end in the right state; a step that cannot follow where the return stood
 * (a refund of a declined return, an approval after a cancellation) is an {@link Anomaly}: kept aside, never applied.
 * Pure: no I/O, no clock.
 */
public final class ReturnLife {

    /** A step that could not follow the state the return was in. */
    public record Anomaly(ReturnEvent step, Instant at, Optional<ReturnState> from) {
    }

    /**
     * Where the return stands.
     *
     * @param since when it got there: the time of the last step applied
     */
    public record Standing(String returnId, ReturnState state, Instant since, List<Anomaly> anomalies) {
        public Standing {
            anomalies = List.copyOf(anomalies);
        }
    }

    private ReturnLife() {
    }

    public static Standing of(Return ret) {
        Optional<ReturnState> state = Optional.empty();
        Instant since = null;
        List<Anomaly> anomalies = new ArrayList<>();
        for (Return.Step step : ret.steps()) {
            Optional<ReturnState> next = next(state, step.event());
            if (next.isEmpty()) {
                anomalies.add(new Anomaly(step.event(), step.at(), state));
                continue;
            }
            if (!next.equals(state)) {
                since = step.at();
            }
            state = next;
        }
        return new Standing(ret.returnId(), state.orElseThrow(), since, anomalies);
    }

    /** The state after {@code step}, or empty when the step cannot follow {@code from} (empty: nothing known yet). */
    static Optional<ReturnState> next(Optional<ReturnState> from, ReturnEvent step) {
        if (from.isEmpty()) {
            // the first step Aftercare heard of (a return the shop created approved, or one begun before it was installed)
            return Optional.of(start(step));
        }
        ReturnState state = from.get();
        ReturnState to = switch (state) {
            case REQUESTED -> switch (step) {
                case APPROVED -> ReturnState.OPEN;
                case DECLINED -> ReturnState.DECLINED;
                case CANCELLED -> ReturnState.CANCELLED;
                default -> null;
            };
            case OPEN -> switch (step) {
                case IN_TRANSIT -> ReturnState.IN_TRANSIT;
                case RECEIVED -> ReturnState.RECEIVED;
                case REFUNDED -> ReturnState.REFUNDED;
                case CLOSED -> ReturnState.CLOSED;
                case CANCELLED -> ReturnState.CANCELLED;
                default -> null;
            };
            // a second label or tracking for the parcel going back (Shopify: another reverse delivery) is the same state
            case IN_TRANSIT -> switch (step) {
                case IN_TRANSIT -> ReturnState.IN_TRANSIT;
                case RECEIVED -> ReturnState.RECEIVED;
                case REFUNDED -> ReturnState.REFUNDED;
                case CLOSED -> ReturnState.CLOSED;
                default -> null;
            };
            // goods are disposed of in parts (one reverse fulfilment order per location), and tracking told after
            // they arrived is late news of the parcel that brought them
            case RECEIVED -> switch (step) {
                case RECEIVED, IN_TRANSIT -> ReturnState.RECEIVED;
                case REFUNDED -> ReturnState.REFUNDED;
                case CLOSED -> ReturnState.CLOSED;
                default -> null;
            };
            // goods that arrive after the money went back change nothing the shop owes
            case REFUNDED -> switch (step) {
                case RECEIVED, IN_TRANSIT -> ReturnState.REFUNDED;
                case CLOSED -> ReturnState.CLOSED;
                default -> null;
            };
            case CLOSED -> step == ReturnEvent.REOPENED ? ReturnState.OPEN : null;
            case DECLINED, CANCELLED -> null;
        };
        return Optional.ofNullable(to);
    }

    /** The state a step leads to when it is the first one heard of. */
    public static ReturnState start(ReturnEvent step) {
        return switch (step) {
            case REQUESTED -> ReturnState.REQUESTED;
            case APPROVED, REOPENED -> ReturnState.OPEN;
            case DECLINED -> ReturnState.DECLINED;
            case CANCELLED -> ReturnState.CANCELLED;
            case IN_TRANSIT -> ReturnState.IN_TRANSIT;
            case RECEIVED -> ReturnState.RECEIVED;
            case REFUNDED -> ReturnState.REFUNDED;
            case CLOSED -> ReturnState.CLOSED;
        };
    }
}
