package io.aftercare.platforms.woocommerce;

import com.fasterxml.jackson.databind.JsonNode;
import io.aftercare.domain.Sha256;
import io.aftercare.domain.shop.Platform;
import io.aftercare.domain.shop.Secret;
import io.aftercare.domain.webhook.MalformedDelivery.Problem;
import io.aftercare.domain.webhook.MalformedDelivery;
import io.aftercare.domain.webhook.ParsedDelivery;
import io.aftercare.domain.webhook.PlatformAdapter;
import io.aftercare.domain.webhook.WebhookDelivery;
import io.aftercare.platforms.Base64Signature;
import io.aftercare.platforms.Json;
import java.time.ZoneId;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * WooCommerce webhooks: signed with {@code X-WC-Webhook-Signature}, one delivery per {@code X-WC-Webhook-Delivery-ID} and body.
 * Refunds have no topic of their own; they arrive as the {@code refunds[]} of an {@code order.updated}.
 */
public final class WooCommerceAdapter implements PlatformAdapter {

    // WC_Webhook::deliver_ping() posts just this form body, unsigned, and needs a 2xx to activate the webhook.
    private static final Pattern PING = Pattern.compile("webhook_id=\\d+");

    private final WooCommerceMapper mapper = new WooCommerceMapper();

    @Override
    public Platform platform() {
        return Platform.WOOCOMMERCE;
    }

    @Override
    public boolean isActivationPing(WebhookDelivery delivery) {
        return delivery.header("x-wc-webhook-signature").isEmpty()
                && delivery.body().length < 64
                && PING.matcher(new String(delivery.body(), StandardCharsets.UTF_8).trim()).matches();
    }

    @Override
    public boolean signatureMatches(WebhookDelivery delivery, Secret secret) {
        return Base64Signature.matches(delivery.header("x-wc-webhook-signature"), delivery.body(), secret);
    }

    @Override
    public ParsedDelivery parse(WebhookDelivery delivery, ZoneId shopZone) {
        String topic = required(delivery, "X-WC-Webhook-Topic");
        String deliveryId = required(delivery, "X-WC-Webhook-Delivery-ID");
        boolean created = topic.equals("order.created");
        if (!created && !topic.equals("order.updated")) {
            return new ParsedDelivery(deliveryId, topic, Optional.empty());
        }
        JsonNode order = Json.parseObject(delivery.body());
        return new ParsedDelivery(deliveryId, topic, Optional.of(mapper.order(order, created, shopZone)), 
                Json.codes(WooCommerceMapper.orderOf(order), "coupon_lines"));
    }

    /**
     * WooCommerce builds the delivery id from the webhook id and the current Unix second
     * ({@code wp_hash($this->get_id() . strtotime('now'))} in WC_Webhook::get_new_delivery_id), so two deliveries of
     * one webhook in the same second share it. The body tells them apart; the same id with the same bytes is a retry.
     */
    @Override
    public String dedupeId(ParsedDelivery parsed, WebhookDelivery delivery) {
        return parsed.deliveryId() + "#" + Sha256.shortHex(delivery.body());
    }

    private static String required(WebhookDelivery delivery, String header) {
        return delivery.header(header).orElseThrow(() ->
                new MalformedDelivery(Problem.MISSING_HEADER, "Header " + header + " is required."));
    }
}
