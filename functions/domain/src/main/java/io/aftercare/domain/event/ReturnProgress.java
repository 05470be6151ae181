package io.aftercare.domain.event;

import io.aftercare.domain.order.OrderFact;
import io.aftercare.domain.order.ReturnDisposition;
import io.aftercare.domain.order.ReturnEvent;
import io.aftercare.domain.order.ReturnLocation;
import io.aftercare.domain.order.ReturnReference;
import io.aftercare.domain.order.Tracking;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A step of a return told by a delivery that names the return only by one of the platform's references (Shopify's
 * {@code reverse_deliveries/attach_deliverable} and {@code reverse_fulfillment_orders/dispose}, which carry no order):
 * it becomes an {@link OrderUpdate} once the reference is located.
 */
public record ReturnProgress(ReturnReference reference, ReturnEvent step, Instant at, Optional<Tracking> parcel,
                             Map<ReturnDisposition, Integer> disposed) implements PlatformEvent {

    public ReturnProgress {
        disposed = Map.copyOf(disposed);
    }

    /** The step on the return it was located at; the return is then known by this reference too. */
    public OrderUpdate at(ReturnLocation location) {
        Set<ReturnReference> knownAs = Stream.of(reference, ReturnReference.ofReturn(location.returnId())).collect(Collectors.toSet());
        var change = new OrderFact.ReturnChanged(location.returnId(), step, at, Optional.empty(), parcel, disposed, knownAs);
        return new OrderUpdate(location.order(), at, Optional.empty(), List.of(change), Optional.empty(), false);
    }
}
