package io.aftercare.platforms;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.InvalidInput;
import io.aftercare.domain.Limits;
import io.aftercare.domain.Money;
import io.aftercare.domain.order.OrderId;
import io.aftercare.domain.webhook.MalformedDelivery.Problem;
import io.aftercare.domain.webhook.MalformedDelivery;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reading platform payloads defensively: every missing or mistyped field becomes a {@link MalformedDelivery}
 * naming the field, never a NullPointerException or a 500.
 */
public final class Json {

    // Webhook bodies are shallow; deep nesting is an attack, not an order. Decimals are kept as written
    // (WooCommerce sends prices as JSON numbers such as 10.799999999999999 or 12.50): never through a double.
    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).maxStringLength(1_000_000).build())
                    .build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private Json() {
    }

    public static JsonNode parseObject(byte[] body) {
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || !node.isObject()) {
                throw new MalformedDelivery(Problem.MALFORMED_JSON, "The body must be a JSON object.");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new MalformedDelivery(Problem.MALFORMED_JSON, "The body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MalformedDelivery(Problem.MALFORMED_JSON, "The body could not be read as JSON.");
        }
    }

    /**
     * Text or a number as text (platform ids come as either); absent, null and blank are empty; longer than
     * {@link Limits#TEXT_BYTES} is refused: names and notes are short, and a record must stay under DynamoDB's 400 KB.
     */
    public static Optional<String> text(JsonNode node, String field) {
        return text(node, field, Limits.TEXT_BYTES);
    }

    /** Text that is shown, never matched or keyed: read at any length, for the domain to shorten (an order line's title). */
    public static Optional<String> displayText(JsonNode node, String field) {
        return text(node, field, Integer.MAX_VALUE);
    }

    /** @param maxBytes in UTF-8, as DynamoDB counts, of the value as {@link Limits#textValue} trims it */
    public static Optional<String> text(JsonNode node, String field, int maxBytes) {
        return sent(node, field).flatMap(Limits::textValue).map(text -> bounded(field, text, maxBytes));
    }

    /** As {@link #text(JsonNode, String, int)}, but kept exactly as sent: for ids a sender may pad on purpose. */
    public static Optional<String> verbatimText(JsonNode node, String field, int maxBytes) {
        return sent(node, field).filter(text -> !text.isBlank()).map(text -> bounded(field, text, maxBytes));
    }

    private static Optional<String> sent(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isValueNode()) {
            throw invalid(field, "must be text");
        }
        return Optional.of(value.isBigDecimal() ? value.decimalValue().toPlainString() : value.isNumber() ? value.numberValue().toString() : value.asText());
    }

    private static String bounded(String field, String text, int maxBytes) {
        if (!Limits.fits(text, maxBytes)) {
            throw invalid(field, "is longer than " + maxBytes + " bytes (UTF-8)");
        }
        return text;
    }

    public static String requiredText(JsonNode node, String field) {
        return text(node, field).orElseThrow(() -> invalid(field, "is required"));
    }

    public static String requiredLongText(JsonNode node, String field) {
        return text(node, field, Limits.MESSAGE_BYTES).orElseThrow(() -> invalid(field, "is required"));
    }

    /**
     * An integral id: Shopify's exceed a double's precision, so it is read from the number's own digits. It becomes
     * part of a key, so it is bounded by {@link Limits#ID_BYTES}.
     */
    public static Optional<String> id(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value != null && value.isFloatingPointNumber()) {
            throw invalid(field, "must be a whole number or text");
        }
        return text(node, field, Limits.ID_BYTES);
    }

    public static String requiredId(JsonNode node, String field) {
        return id(node, field).orElseThrow(() -> invalid(field, "is required"));
    }

    public static JsonNode object(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return MAPPER.createObjectNode();
        }
        if (!value.isObject()) {
            throw invalid(field, "must be an object");
        }
        return value;
    }

    public static JsonNode requiredObject(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isObject()) {
            throw invalid(field, "is required and must be an object");
        }
        return value;
    }

    public static Iterable<JsonNode> array(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return MAPPER.createArrayNode();
        }
        if (!value.isArray()) {
            throw invalid(field, "must be an array");
        }
        for (JsonNode element : value) {
            if (!element.isObject()) {
                throw invalid(field, "must hold objects");
            }
        }
        return value;
    }

    /** The {@code code} of each object in an order's array of discounts (Shopify's {@code discount_codes}, WooCommerce's {@code coupon_lines}). */
    public static List<String> codes(JsonNode order, String field) {
        List<String> codes = new ArrayList<>();
        array(order, field).forEach(line -> displayText(line, "code").ifPresent(codes::add));
        return codes;
    }

    /** ISO-8601 with an offset ({@code 2021-12-31T19:00:00-05:00}, {@code ...Z}), or without one, meaning UTC. */
    public static Optional<Instant> time(JsonNode node, String field) {
        return text(node, field).map(text -> parseTime(field, text));
    }

    public static Instant requiredTime(JsonNode node, String field) {
        return time(node, field).orElseThrow(() -> invalid(field, "is required"));
    }

    public static Instant parseTime(String field, String text) {
        return parseTime(field, text, ZoneOffset.UTC);
    }

    /** A time that may come without an offset, then meaning local time in {@code zone} (WooCommerce's non-GMT dates). */
    public static Optional<Instant> localTime(JsonNode node, String field, ZoneId zone) {
        return text(node, field).map(text -> parseTime(field, text, zone));
    }

    // WooCommerce's older API versions write some dates with a space ("2016-05-30 19:35:25").
    private static Instant parseTime(String field, String text, ZoneId zoneWithoutOffset) {
        String iso = text.length() > 10 && text.charAt(10) == ' ' ? text.substring(0, 10) + "T" + text.substring(11) : text;
        try {
            return OffsetDateTime.parse(iso).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(iso).atZone(zoneWithoutOffset).toInstant();
            } catch (DateTimeParseException e) {
                throw invalid(field, "must be an ISO-8601 date-time");
            }
        }
    }

    public static Money money(JsonNode node, String field, String currency) {
        String amount = requiredText(node, field);
        Money money;
        try {
            money = Money.of(amount, currency);
        } catch (InvalidInput e) {
            throw invalid(field, "must be an amount in " + currency);
        }
        if (!storable(money.amount())) {
            throw invalid(field, "must be an amount of at most 38 digits");
        }
        return money;
    }

    // DynamoDB keeps numbers of up to 38 significant digits between 10^-130 and 10^126; 1e309 is no price, and
    // storing it would fail the write (a 500 and a retry) instead of refusing the input.
    private static boolean storable(BigDecimal amount) {
        BigDecimal digits = amount.stripTrailingZeros();
        return digits.precision() <= 38 && digits.precision() - digits.scale() <= 125 && digits.scale() <= 129;
    }

    public static String currency(JsonNode node, String field) {
        String currency = requiredText(node, field);
        if (!currency.matches("[A-Z]{3}")) {
            throw invalid(field, "must be a three-letter ISO 4217 code");
        }
        return currency;
    }

    public static int quantity(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToInt() || value.asInt() < 0) {
            throw invalid(field, "must be a whole number of at least 0");
        }
        return value.asInt();
    }

    public static Optional<EmailAddress> email(JsonNode node, String field) {
        return text(node, field).filter(EmailAddress::isValid).map(EmailAddress::new);
    }

    public static OrderId orderId(JsonNode node, String field) {
        String id = requiredId(node, field);
        try {
            return new OrderId(id);
        } catch (InvalidInput e) {
            throw invalid(field, "must be 1-64 letters, digits or _ . : -");
        }
    }

    public static MalformedDelivery invalid(String field, String problem) {
        return new MalformedDelivery(Problem.INVALID_PAYLOAD, "Field '" + field + "' " + problem + ".");
    }
}
