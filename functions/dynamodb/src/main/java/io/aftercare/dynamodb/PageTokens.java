package io.aftercare.dynamodb;

import io.aftercare.domain.InvalidPageToken;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Page tokens: a query's LastEvaluatedKey, made opaque. A token is only accepted back by a query over the same
 * partition, so a token cannot be used to read another shop's (or another customer's) items.
 */
final class PageTokens {

    private PageTokens() {
    }

    static Optional<String> encode(Map<String, AttributeValue> lastEvaluatedKey) {
        if (lastEvaluatedKey == null || lastEvaluatedKey.isEmpty()) {
            return Optional.empty();
        }
        var text = new StringBuilder();
        new TreeMap<>(lastEvaluatedKey).forEach((name, value) -> text.append(name).append('\u0000').append(value.s()).append('\u0000'));
        return Optional.of(Base64.getUrlEncoder().withoutPadding().encodeToString(text.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * @param partitionAttribute the attribute that must hold {@code partition}
     * @param attributes exactly the key attributes the query's index returns
     */
    static Map<String, AttributeValue> decode(String token, String partitionAttribute, String partition, Set<String> attributes) {
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\u0000", -1);
            for (int i = 0; i + 1 < parts.length; i += 2) {
                key.put(parts[i], AttributeValue.fromS(parts[i + 1]));
            }
        } catch (IllegalArgumentException notBase64) {
            throw new InvalidPageToken();
        }
        AttributeValue pk = key.get(partitionAttribute);
        if (!key.keySet().equals(attributes) || pk == null || !partition.equals(pk.s())) {
            throw new InvalidPageToken();
        }
        return key;
    }
}
