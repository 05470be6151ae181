package io.aftercare.platforms.generic;

import static io.aftercare.platforms.Json.array;
import static io.aftercare.platforms.Json.email;
import static io.aftercare.platforms.Json.object;
import static io.aftercare.platforms.Json.requiredId;
import static io.aftercare.platforms.Json.requiredObject;
import static io.aftercare.platforms.Json.requiredText;
import static io.aftercare.platforms.Json.requiredTime;
import static io.aftercare.platforms.Json.text;
import static io.aftercare.platforms.Json.time;

import com.fasterxml.jackson.databind.JsonNode;
import io.aftercare.domain.InvalidInput;
import io.aftercare.domain.Limits;
import io.aftercare.domain.event.ComplaintEvent;
import io.aftercare.domain.event.OrderUpdate;
import io.aftercare.domain.event.PlatformEvent;
import io.aftercare.domain.order.CustomerContact;
import io.aftercare.domain.order.FulfilmentStatus;
import io.aftercare.domain.order.OrderFact;
import io.aftercare.domain.order.OrderId;
import io.aftercare.domain.order.OrderLine;
import io.aftercare.domain.order.OrderSnapshot;
import io.aftercare.domain.order.ReturnEvent;
import io.aftercare.domain.order.ShipmentStatus;
import io.aftercare.domain.order.Tracking;
import io.aftercare.domain.shop.Priority;
import io.aftercare.domain.ticket.TicketService;
import io.aftercare.platforms.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/** The {@code data} of each generic event type in domain terms. */
final class GenericMapper {

    /** The event types of version 1; the published schema lists the same (a test holds them together). */
    static final List<String> TYPES = List.of("order.created", "order.updated", "order.paid", "order.cancelled",
            "fulfillment.created", "delivery.updated", "refund.created", "return.updated", "complaint.created", "complaint.message");

    Optional<PlatformEvent> event(String type, JsonNode envelope) {
        if (!TYPES.contains(type)) {
            return Optional.empty();
        }
        Instant occurredAt = requiredTime(envelope, "occurred_at");
        JsonNode data = requiredObject(envelope, "data");
        return switch (type) {
            case "order.created", "order.updated", "order.paid", "order.cancelled" -> Optional.of(order(type, data, occurredAt));
            case "fulfillment.created" -> Optional.of(fulfilment(data, occurredAt));
            case "delivery.updated" -> Optional.of(delivery(data, occurredAt));
            case "refund.created" -> Optional.of(refund(data, occurredAt));
            case "return.updated" -> Optional.of(returnChange(data, occurredAt));
            case "complaint.created" -> Optional.of(complaint(data));
            case "complaint.message" -> Optional.of(new ComplaintEvent.CustomerMessage(complaintId(data, "complaint_id"), Json.requiredLongText(data, "message")));
            default -> throw new IllegalStateException("type " + type + " is listed but not mapped");
        };
    }

    private static OrderUpdate order(String type, JsonNode order, Instant occurredAt) {
        OrderId orderId = Json.orderId(order, "id");
        Instant placedAt = requiredTime(order, "created_at");
        String currency = Json.currency(order, "currency");
        var snapshot = new OrderSnapshot(orderId, text(order, "number").orElse("#" + orderId.value()), placedAt,
                Json.money(order, "total", currency), lines(order, currency), contact(object(order, "customer")));
        List<OrderFact> facts = new ArrayList<>();
        facts.add(new OrderFact.Placed(placedAt));
        time(order, "paid_at").or(() -> type.equals("order.paid") ? Optional.of(occurredAt) : Optional.empty())
                .ifPresent(at -> facts.add(new OrderFact.Paid(at)));
        time(order, "cancelled_at").or(() -> type.equals("order.cancelled") ? Optional.of(occurredAt) : Optional.empty())
                .ifPresent(at -> facts.add(new OrderFact.Cancelled(at, text(order, "cancel_reason"))));
        return new OrderUpdate(orderId, occurredAt, Optional.of(snapshot), facts, Optional.empty(), type.equals("order.created"));
    }

    private static OrderUpdate fulfilment(JsonNode data, Instant occurredAt) {
        JsonNode tracking = object(data, "tracking");
        var fact = new OrderFact.FulfilmentChanged(requiredId(data, "fulfillment_id"), FulfilmentStatus.SHIPPED,
                time(data, "shipped_at").orElse(occurredAt),
                new Tracking(text(tracking, "company"), text(tracking, "number"), text(tracking, "url")));
        return update(data, occurredAt, fact);
    }

    private static OrderUpdate delivery(JsonNode data, Instant occurredAt) {
        String status = requiredText(data, "status");
        ShipmentStatus shipment = ShipmentStatus.reported()
                .filter(s -> s.name().equals(status.toUpperCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> Json.invalid("status", "must be one of " + allowedStatuses()));
        String fulfilment = requiredId(data, "fulfillment_id");
        List<OrderFact> facts = new ArrayList<>(List.of(new OrderFact.ShipmentProgressed(fulfilment, shipment, occurredAt, text(data, "message"))));
        time(data, "estimated_delivery_at").ifPresent(by -> facts.add(new OrderFact.DeliveryExpected(fulfilment, by, occurredAt)));
        return new OrderUpdate(Json.orderId(data, "order_id"), occurredAt, Optional.empty(), facts, email(data, "customer_email"), false);
    }

    private static OrderUpdate refund(JsonNode data, Instant occurredAt) {
        String currency = Json.currency(data, "currency");
        return update(data, occurredAt, new OrderFact.Refunded(requiredId(data, "refund_id"),
                Json.money(data, "amount", currency), occurredAt, text(data, "reason")));
    }

    private static OrderUpdate returnChange(JsonNode data, Instant occurredAt) {
        ReturnEvent event = ReturnEvent.fromLabel(requiredText(data, "event")).orElseThrow(() -> Json.invalid("event",
                "must be one of " + Stream.of(ReturnEvent.values()).map(ReturnEvent::label).toList()));
        return update(data, occurredAt, new OrderFact.ReturnChanged(requiredId(data, "return_id"), event, occurredAt, text(data, "reason")));
    }

    private static ComplaintEvent complaint(JsonNode data) {
        var customer = contact(requiredObject(data, "customer")).orElseThrow(() -> Json.invalid("customer.email", "is required"));
        Optional<OrderId> order = text(data, "order_id").isPresent() ? Optional.of(Json.orderId(data, "order_id")) : Optional.empty();
        Optional<Priority> priority = text(data, "priority").map(p -> {
            try {
                return Priority.fromSlug(p);
            } catch (InvalidInput e) {
                throw Json.invalid("priority", "must be low, normal, high or urgent");
            }
        });
        String subject = Json.text(data, "subject", Limits.SUBJECT_BYTES).orElseThrow(() -> Json.invalid("subject", "is required"));
        String message = Json.requiredLongText(data, "message");
        return new ComplaintEvent.Opened(new TicketService.NewTicket(customer, subject, message, order, priority,
                "delivery".equals(text(data, "category").orElse("")), Optional.of(complaintId(data, "id"))));
    }

    /** A complaint id becomes part of a ticket id: the same characters as an order id. */
    private static String complaintId(JsonNode data, String field) {
        return Json.orderId(data, field).value();
    }

    private static OrderUpdate update(JsonNode data, Instant occurredAt, OrderFact fact) {
        return new OrderUpdate(Json.orderId(data, "order_id"), occurredAt, Optional.empty(), List.of(fact),
                email(data, "customer_email"), false);
    }

    private static List<OrderLine> lines(JsonNode order, String currency) {
        List<OrderLine> lines = new ArrayList<>();
        for (JsonNode line : array(order, "lines")) {
            lines.add(new OrderLine(Json.displayText(line, "title").orElseThrow(() -> Json.invalid("title", "is required")), Json.quantity(line, "quantity"), Json.money(line, "price", currency)));
        }
        return lines;
    }

    private static Optional<CustomerContact> contact(JsonNode customer) {
        return email(customer, "email").map(address -> new CustomerContact(address, text(customer, "name"), text(customer, "locale")));
    }

    private static String allowedStatuses() {
        return String.join(", ", ShipmentStatus.reported().map(s -> s.name().toLowerCase(Locale.ROOT)).toList());
    }
}
