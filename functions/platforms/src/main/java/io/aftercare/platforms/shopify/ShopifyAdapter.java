package io.aftercare.platforms.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import io.aftercare.domain.event.PlatformEvent;
import io.aftercare.domain.event.PrivacyRequest;
import io.aftercare.domain.order.ReturnEvent;
import io.aftercare.domain.shop.Platform;
import io.aftercare.domain.shop.Secret;
import io.aftercare.domain.webhook.MalformedDelivery.Problem;
import io.aftercare.domain.webhook.MalformedDelivery;
import io.aftercare.domain.webhook.ParsedDelivery;
import io.aftercare.domain.webhook.PlatformAdapter;
import io.aftercare.domain.webhook.WebhookDelivery;
import io.aftercare.platforms.Base64Signature;
import io.aftercare.platforms.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Shopify webhooks: signed with {@code X-Shopify-Hmac-Sha256}, one delivery per {@code X-Shopify-Webhook-Id}.
 * Shopify's newer event deliveries send the same headers without the {@code X-} prefix; both are read.
 */
public final class ShopifyAdapter implements PlatformAdapter {

    static final Set<String> ORDER_TOPICS = Set.of("orders/create", "orders/updated", "orders/paid", "orders/cancelled",
            "orders/fulfilled", "orders/partially_fulfilled");
    /**
     * {@code returns/update} only lists changed line items, without the return's or the order's id: ignored; so is
     * {@code returns/process}, which Shopify's reference lists without a payload (no sample, no fields).
     */
    static final Map<String, ReturnEvent> RETURN_TOPICS = Map.of("returns/request", ReturnEvent.REQUESTED, "returns/approve", ReturnEvent.APPROVED,
            "returns/decline", ReturnEvent.DECLINED, "returns/cancel", ReturnEvent.CANCELLED, "returns/close", ReturnEvent.CLOSED,
            "returns/reopen", ReturnEvent.REOPENED);

    /** How far Shopify's clock may run ahead of ours, or its trigger ahead of the payload's own {@code updated_at}. */
    static final Duration TRIGGER_SKEW = Duration.ofMinutes(5);

    private final ShopifyMapper mapper = new ShopifyMapper();
    private final Clock clock;

    public ShopifyAdapter(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Platform platform() {
        return Platform.SHOPIFY;
    }

    @Override
    public boolean signatureMatches(WebhookDelivery delivery, Secret secret) {
        return Base64Signature.matches(header(delivery, "hmac-sha256"), delivery.body(), secret);
    }

    @Override
    public ParsedDelivery parse(WebhookDelivery delivery, ZoneId shopZone) {
        String topic = required(delivery, "topic");
        String deliveryId = required(delivery, "webhook-id");
        JsonNode body = Json.parseObject(delivery.body());
        Optional<Instant> triggeredAt = header(delivery, "triggered-at").map(t -> trusted(Json.parseTime("X-Shopify-Triggered-At", t), body));
        Optional<PlatformEvent> event = eventFor(topic, body, triggeredAt);
        return new ParsedDelivery(deliveryId, topic, event, ORDER_TOPICS.contains(topic) ? Json.codes(body, "discount_codes") : List.of());
    }

    private Optional<PlatformEvent> eventFor(String topic, JsonNode body, Optional<Instant> triggeredAt) {
        if (ORDER_TOPICS.contains(topic)) {
            return Optional.of(mapper.order(body, topic.equals("orders/create"), triggeredAt));
        }
        if (RETURN_TOPICS.containsKey(topic)) {
            return Optional.of(mapper.returnChange(body, RETURN_TOPICS.get(topic), stepTime(topic, triggeredAt)));
        }
        return switch (topic) {
            // they name the return, or its reverse fulfilment order, without its order: WebhookIngestion locates it
            case "reverse_deliveries/attach_deliverable" -> Optional.of(mapper.reverseDelivery(body, stepTime(topic, triggeredAt)));
            case "reverse_fulfillment_orders/dispose" -> Optional.of(mapper.disposal(body, stepTime(topic, triggeredAt)));
            case "fulfillments/create", "fulfillments/update" -> Optional.of(mapper.fulfillment(body, triggeredAt));
            case "fulfillment_events/create" -> Optional.of(mapper.fulfillmentEvent(body, triggeredAt));
            case "refunds/create" -> Optional.of(mapper.refund(body, triggeredAt));
            case "customers/create", "customers/update" -> mapper.customer(body, triggeredAt);
            // the mandatory compliance webhooks: verified and deduplicated like every other delivery
            case "customers/data_request" -> mapper.privacyCustomer(body).map(PrivacyRequest.DataRequest::new);
            case "customers/redact" -> mapper.privacyCustomer(body).map(customer -> new PrivacyRequest.CustomerRedact(customer, mapper.ordersToRedact(body)));
            case "shop/redact" -> Optional.of(new PrivacyRequest.ShopRedact());
            default -> Optional.empty();
        };
    }

    /** A return's step is placed by its time, and these payloads have none of their own. */
    private static Instant stepTime(String topic, Optional<Instant> triggeredAt) {
        return triggeredAt.orElseThrow(() -> new MalformedDelivery(Problem.MISSING_HEADER,
                "Header X-Shopify-Triggered-At is required for " + topic + ": the payload has no time of its own."));
    }

    /**
     * The signature does not cover {@code X-Shopify-Triggered-At}: a replay of signed bytes with a far-future time
     * would make every later real update look older. It is trusted up to now, and up to the payload's own
     * {@code updated_at}, each plus {@link #TRIGGER_SKEW}.
     */
    private Instant trusted(Instant triggeredAt, JsonNode body) {
        Instant latest = clock.instant().plus(TRIGGER_SKEW);
        Optional<Instant> updatedAt = Json.time(body, "updated_at").map(t -> t.plus(TRIGGER_SKEW));
        if (updatedAt.isPresent() && updatedAt.get().isBefore(latest)) {
            latest = updatedAt.get();
        }
        return triggeredAt.isAfter(latest) ? latest : triggeredAt;
    }

    private static Optional<String> header(WebhookDelivery delivery, String name) {
        return delivery.header("x-shopify-" + name).or(() -> delivery.header("shopify-" + name));
    }

    private static String required(WebhookDelivery delivery, String name) {
        return header(delivery, name).orElseThrow(() ->
                new MalformedDelivery(Problem.MISSING_HEADER, "Header X-Shopify-" + capitalized(name) + " is required."));
    }

    private static String capitalized(String name) {
        return name.equals("webhook-id") ? "Webhook-Id" : Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
