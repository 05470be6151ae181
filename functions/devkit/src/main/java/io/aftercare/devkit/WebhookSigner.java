package io.aftercare.devkit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a webhook body the way each platform does and gives the headers it sends with it, written from the
 * platforms' documentation independently of Aftercare's verifiers, so tests check one against the other.
 */
public final class WebhookSigner {

    private WebhookSigner() {
    }

    /** Shopify: Base64 HMAC-SHA256 of the raw body, plus topic, webhook id and trigger time. */
    public static Map<String, String> shopify(String secret, byte[] body, String topic, String webhookId, Instant triggeredAt) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("X-Shopify-Topic", topic);
        headers.put("X-Shopify-Hmac-Sha256", Base64.getEncoder().encodeToString(hmac(secret, body)));
        headers.put("X-Shopify-Shop-Domain", "demo.myshopify.com");
        headers.put("X-Shopify-API-Version", "2026-07");
        headers.put("X-Shopify-Webhook-Id", webhookId);
        headers.put("X-Shopify-Triggered-At", triggeredAt.toString());
        headers.put("X-Shopify-Event-Id", webhookId + "-event");
        return headers;
    }

    /** WooCommerce: Base64 HMAC-SHA256 of the raw body, plus topic, resource, event and delivery id. */
    public static Map<String, String> wooCommerce(String secret, byte[] body, String topic, String deliveryId) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", "WooCommerce/8.0.0 Hookshot (WordPress/6.4)");
        headers.put("X-WC-Webhook-Source", "https://shop.example/");
        headers.put("X-WC-Webhook-Topic", topic);
        headers.put("X-WC-Webhook-Resource", topic.substring(0, topic.indexOf('.')));
        headers.put("X-WC-Webhook-Event", topic.substring(topic.indexOf('.') + 1));
        headers.put("X-WC-Webhook-Signature", Base64.getEncoder().encodeToString(hmac(secret, body)));
        headers.put("X-WC-Webhook-ID", "17");
        headers.put("X-WC-Webhook-Delivery-ID", deliveryId);
        return headers;
    }

    /** Aftercare's generic format: {@code X-Aftercare-Signature: sha256=<hex>}. */
    public static Map<String, String> generic(String secret, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("X-Aftercare-Signature", "sha256=" + HexFormat.of().formatHex(hmac(secret, body)));
        return headers;
    }

    public static byte[] hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
