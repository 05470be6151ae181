package io.aftercare.dynamodb;

import io.aftercare.domain.InvalidPageToken;
import io.aftercare.domain.Limits;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Page tokens: a query's LastEvaluatedKey, made opaque. A token is only accepted back by the query that can have
 * issued it: the same partition, and a key of the items that query returns, so a token cannot be used to read another
 * shop's (or another customer's) items, and a forged one is a 400, never a key DynamoDB refuses with a 500.
 */
final class PageTokens {

    /**
     * The keys a query's pages end on.
     *
     * @param partitionAttribute the attribute that must hold {@code partition}
     * @param attributes exactly the key attributes the query's index returns
     * @param tablePartitionPrefix how the table partition key of every item the query returns starts
     * @param sortPrefix how the table sort key of every item the query returns starts
     */
    record Query(String partitionAttribute, String partition, Set<String> attributes, String tablePartitionPrefix, String sortPrefix) {
    }

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

    /** The key a token holds, if one of {@code queries} can have issued it (the first that can); else a 400. */
    static Map<String, AttributeValue> decode(String token, Query... queries) {
        Map<String, String> key = parse(token);
        for (Query query : queries) {
            if (key.keySet().equals(query.attributes()) && query.partition().equals(key.get(query.partitionAttribute()))
                    && key.get(Keys.PK).startsWith(query.tablePartitionPrefix()) && key.get(Keys.SK).startsWith(query.sortPrefix())) {
                Map<String, AttributeValue> values = new LinkedHashMap<>();
                key.forEach((name, value) -> values.put(name, AttributeValue.fromS(value)));
                return values;
            }
        }
        throw new InvalidPageToken();
    }

    private static Map<String, String> parse(String token) {
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\u0000", -1);
        } catch (IllegalArgumentException notBase64) {
            throw new InvalidPageToken();
        }
        // name, value, name, value, ..., and the empty rest after the last separator
        if (parts.length % 2 != 1 || !parts[parts.length - 1].isEmpty()) {
            throw new InvalidPageToken();
        }
        Map<String, String> key = new LinkedHashMap<>();
        for (int i = 0; i + 1 < parts.length; i += 2) {
            if (key.put(parts[i], parts[i + 1]) != null || !fitsKey(parts[i], parts[i + 1])) {
                throw new InvalidPageToken();
            }
        }
        return key;
    }

    /** Not empty, and within DynamoDB's key sizes. */
    private static boolean fitsKey(String attribute, String value) {
        return !value.isEmpty() && Limits.fits(value, Keys.PARTITION_KEYS.contains(attribute) ? Keys.MAX_PARTITION_KEY_BYTES : Keys.MAX_SORT_KEY_BYTES);
    }
}
