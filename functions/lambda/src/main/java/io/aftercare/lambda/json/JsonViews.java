package io.aftercare.lambda.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.aftercare.domain.InvalidInput;
import io.aftercare.domain.Limits;
import java.io.IOException;
import java.util.Iterator;
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
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new InvalidInput(name, "unknown field '" + name + "'; allowed: " + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
        return node;
    }

    /**
     * A request's text field: a JSON string (null or absent is no value) trimmed by {@link Limits#textValue}, the one
     * rule (blank is no value), then at most {@code maxBytes} of UTF-8. Secrets are read as sent instead.
     */
    public static Optional<String> text(JsonNode body, String field, int maxBytes) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw new InvalidInput(field, field + " must be a string");
        }
        return Limits.textValue(value.asText()).map(text -> Limits.atMost(field, text, maxBytes));
    }
}
