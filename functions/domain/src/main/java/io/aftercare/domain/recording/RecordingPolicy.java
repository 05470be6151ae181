package io.aftercare.domain.recording;

import io.aftercare.domain.action.DueAction;
import io.aftercare.domain.event.ComplaintEvent;
import io.aftercare.domain.event.CustomerUpdate;
import io.aftercare.domain.event.OrderUpdate;
import io.aftercare.domain.event.PlatformEvent;
import io.aftercare.domain.event.PrivacyRequest;
import io.aftercare.domain.event.ReturnProgress;
import io.aftercare.domain.order.OrderFact;
import io.aftercare.domain.order.OrderSnapshot;
import io.aftercare.domain.shop.Shop;
import io.aftercare.domain.timeline.Subject;
import io.aftercare.domain.timeline.TimelineEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Decides what an accepted delivery records: state, timeline entries and due actions. Pure: no I/O, no clock. */
public final class RecordingPolicy {

    private final PostPurchaseSchedule schedule = new PostPurchaseSchedule();
    private final CaseSchedule cases = new CaseSchedule();

    public Recording plan(Shop shop, String deliveryKey, String deliveryId, String topic, PlatformEvent event, Instant now) {
        var timeline = new TimelineWriter(deliveryId);
        return switch (event) {
            case OrderUpdate update -> new Recording(shop.id(), deliveryKey, topic, now,
                    Optional.of(orderRecording(shop, update, timeline, now)),
                    update.snapshot().flatMap(OrderSnapshot::customer)
                            .map(contact -> new CustomerRecording(contact, update.sourceTime(), false, List.of())));
            case CustomerUpdate update -> new Recording(shop.id(), deliveryKey, topic, now, Optional.empty(),
                    Optional.of(new CustomerRecording(update.contact(), update.sourceTime(), true,
                            List.of(timeline.profile(Subject.customer(update.contact().email()), update.contact(), update.sourceTime())))));
            // complaints become tickets (WebhookIngestion hands them to the ticket service, never here)
            case ComplaintEvent complaint -> throw new IllegalArgumentException("A complaint is recorded as a ticket, not as order facts");
            case PrivacyRequest request -> throw new IllegalArgumentException("A privacy request is a job (PrivacyRequests), not order facts");
            case ReturnProgress progress -> throw new IllegalArgumentException("A return's progress is recorded on its order, once WebhookIngestion located it");
        };
    }

    private OrderRecording orderRecording(Shop shop, OrderUpdate update, TimelineWriter timeline, Instant now) {
        Subject order = Subject.order(update.orderId());
        List<DueAction> actions = new ArrayList<>(schedule.actionsFor(shop.settings(), update, now));
        List<TimelineEntry> entries = new ArrayList<>();
        update.facts().forEach(fact -> entries.add(timeline.fact(order, fact, update.snapshot(), shop.settings().timeZone())));
        update.facts().stream().filter(OrderFact.ReturnChanged.class::isInstance)
                .forEach(step -> entries.add(timeline.returnStep(update.orderId(), (OrderFact.ReturnChanged) step)));
        update.snapshot().filter(s -> !s.trimmed().isEmpty()).ifPresent(s -> entries.add(timeline.trimmed(order, s, update.sourceTime())));
        actions.forEach(action -> entries.add(timeline.scheduled(action, shop.settings().timeZone(), now)));
        // checks are the system's own business: they leave no "scheduled" line, only what they find
        actions.addAll(cases.checksFor(shop, update, now));
        return new OrderRecording(update.orderId(), update.sourceTime(), update.snapshot(), update.facts(),
                entries, actions, cases.resolutionFor(update, now), update.customer());
    }
}
