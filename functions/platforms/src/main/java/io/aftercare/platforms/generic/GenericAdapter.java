package io.aftercare.platforms.generic;

import com.fasterxml.jackson.databind.JsonNode;
import io.aftercare.domain.Limits;
import io.aftercare.domain.shop.Platform;
import io.aftercare.domain.shop.Secret;
import io.aftercare.domain.HmacSha256;
import io.aftercare.domain.webhook.MalformedDelivery.Problem;
import io.aftercare.domain.webhook.MalformedDelivery;
import io.aftercare.domain.webhook.ParsedDelivery;
import io.aftercare.domain.webhook.PlatformAdapter;
import io.aftercare.domain.webhook.WebhookDelivery;
import io.aftercare.platforms.Json;
import java.time.ZoneId;
import java.util.HexFormat;


/**
 * Aftercare's own webhook format, for every platform without an adapter: a JSON envelope
 * ({@code schema}, {@code id}, {@code type}, {@code occurred_at}, {@code data}) signed with
 * {@code X-Aftercare-Signature: sha256=<hex HMAC-SHA256 of the body>}. Its JSON Schema is
 * {@code generic-webhook-v1.schema.json} beside this class.
 */
public final class GenericAdapter implements PlatformAdapter {

    public static final String SCHEMA = "aftercare.webhook.v1";
    public static final String SIGNATURE_HEADER = "X-Aftercare-Signature";
    private static final String SIGNATURE_PREFIX = "sha256=";

    /** The event types this version understands. */
    public static final java.util.List<String> TYPES = GenericMapper.TYPES;

    private final GenericMapper mapper = new GenericMapper();

    @Override
    public Platform platform() {
        return Platform.GENERIC;
    }

    @Override
    public boolean signatureMatches(WebhookDelivery delivery, Secret secret) {
        byte[] expected = HmacSha256.sign(secret.bytes(), delivery.body());
        byte[] given = delivery.header(SIGNATURE_HEADER)
                .filter(h -> h.startsWith(SIGNATURE_PREFIX))
                .map(h -> decodeHex(h.substring(SIGNATURE_PREFIX.length())))
                .orElse(null);
        return HmacSha256.sameBytes(expected, given);
    }

    /** The header value for {@code body}: what a sender computes. */
    public static String signature(byte[] key, byte[] body) {
        return SIGNATURE_PREFIX + HexFormat.of().formatHex(HmacSha256.sign(key, body));
    }

    @Override
    public ParsedDelivery parse(WebhookDelivery delivery, ZoneId shopZone) {
        JsonNode envelope = Json.parseObject(delivery.body());
        String schema = Json.requiredText(envelope, "schema");
        if (!schema.equals(SCHEMA)) {
            throw new MalformedDelivery(Problem.INVALID_PAYLOAD, "Field 'schema' must be \"" + SCHEMA + "\"; this version of Aftercare reads no other.");
        }
        String id = Json.verbatimText(envelope, "id", Limits.DELIVERY_ID_BYTES).orElseThrow(() -> Json.invalid("id", "is required"));
        String type = Json.requiredText(envelope, "type");
        return new ParsedDelivery(id, type, mapper.event(type, envelope));
    }

    private static byte[] decodeHex(String hex) {
        try {
            return HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException notHex) {
            return null;
        }
    }

}
