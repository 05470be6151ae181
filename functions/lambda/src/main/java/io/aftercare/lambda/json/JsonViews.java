package io.aftercare.lambda.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.InvalidInput;
import io.aftercare.domain.Limits;
import io.aftercare.domain.shop.DiscountTemplate;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** JSON in and out of the API. Views are plain records; absent values are left out of the output. */
public final class JsonViews {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private JsonViews() {
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** The body as a JSON object whose fields are all among {@code allowed}: a typo is an error, not a silent default. */
    public static JsonNode readObject(byte[] body, Set<String> allowed) {
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (IOException e) {
            throw new MalformedJson("The body is not valid JSON.");
        }
        if (node == null || !node.isObject()) {
            throw new MalformedJson("The body must be a JSON object.");
        }
        return onlyFields(node, "", allowed);
    }

    /** An object whose fields are all among {@code allowed}; {@code path} ({@code "support."}) prefixes the field a refusal names. */
    public static JsonNode onlyFields(JsonNode node, String path, Set<String> allowed) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new InvalidInput(path + name, "unknown field '" + name + "'; allowed: " + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
        return node;
    }

    /*
     * The readers below take a field's path ("support.goodwill.percent"): they read its last name in the object given,
     * and a refusal names the whole path. An absent field, or null, is no value.
     */

    /**
     * A request's text field: a JSON string trimmed by {@link Limits#textValue}, the one rule (blank is no value), then
     * at most {@code maxBytes} of UTF-8. Secrets are read as sent instead.
     */
    public static Optional<String> text(JsonNode node, String field, int maxBytes) {
        return value(node, field).map(value -> {
            if (!value.isTextual()) {
                throw new InvalidInput(field, field + " must be a string");
            }
            return value.asText();
        }).flatMap(Limits::textValue).map(text -> Limits.atMost(field, text, maxBytes));
    }

    /** A JSON integer that fits an int: {@code "15"} and {@code 15.5} are refused, not read as 15. */
    public static Optional<Integer> wholeNumber(JsonNode node, String field) {
        return value(node, field).map(value -> {
            if (!value.isIntegralNumber() || !value.canConvertToInt()) {
                throw new InvalidInput(field, field + " must be a whole number");
            }
            return value.asInt();
        });
    }

    /** {@code true} or {@code false}, nothing read as either. */
    public static Optional<Boolean> flag(JsonNode node, String field) {
        return value(node, field).map(value -> {
            if (!value.isBoolean()) {
                throw new InvalidInput(field, field + " must be true or false");
            }
            return value.asBoolean();
        });
    }

    public static Optional<EmailAddress> email(JsonNode node, String field) {
        return text(node, field, Limits.TEXT_BYTES).map(text -> address(text, field));
    }

    /** Each element a string holding an address; an absent list is none. */
    public static List<EmailAddress> emails(JsonNode node, String field) {
        Optional<JsonNode> list = value(node, field);
        if (list.isPresent() && !list.get().isArray()) {
            throw new InvalidInput(field, field + " must be a list of email addresses");
        }
        List<EmailAddress> addresses = new ArrayList<>();
        list.ifPresent(elements -> elements.forEach(element -> {
            if (!element.isTextual()) {
                throw new InvalidInput(field, field + " must be a list of email addresses");
            }
            addresses.add(Limits.textValue(element.asText()).map(text -> address(text, field)).orElseThrow(() -> missing(field)));
        }));
        return addresses;
    }

    /**
     * A discount's {@code {"prefix": "THANKS-", "percent": 10, "validDays": 30, "remindDaysBefore": 3}} (the days
     * optional: 30, and no reminder): absent keeps {@code current}, null removes it.
     */
    public static Optional<DiscountTemplate> discount(JsonNode node, String field, Optional<DiscountTemplate> current) {
        JsonNode value = node.get(name(field));
        if (value == null) {
            return current;
        }
        if (value.isNull()) {
            return Optional.empty();
        }
        if (!value.isObject()) {
            throw new InvalidInput(field, field + " must be an object with prefix and percent");
        }
        return Optional.of(new DiscountTemplate(text(value, field + ".prefix", Limits.TEXT_BYTES).orElseThrow(() -> missing(field + ".prefix")),
                wholeNumber(value, field + ".percent").orElseThrow(() -> missing(field + ".percent")),
                wholeNumber(value, field + ".validDays").orElse(DiscountTemplate.DEFAULT_VALID_DAYS),
                wholeNumber(value, field + ".remindDaysBefore").orElse(0)));
    }

    /** A string field that must be there, at most {@code maxBytes} of UTF-8. */
    public static String requiredText(JsonNode node, String field, int maxBytes) {
        return text(node, field, maxBytes).orElseThrow(() -> missing(field));
    }

    public static InvalidInput missing(String field) {
        return new InvalidInput(field, field + " is required");
    }

    private static EmailAddress address(String text, String field) {
        if (!EmailAddress.isValid(text)) {
            throw new InvalidInput(field, field + " is not an email address"); // not echoed: it may be someone's address
        }
        return new EmailAddress(text);
    }

    private static Optional<JsonNode> value(JsonNode node, String field) {
        return Optional.ofNullable(node.get(name(field))).filter(value -> !value.isNull());
    }

    private static String name(String field) {
        return field.substring(field.lastIndexOf('.') + 1);
    }
}
