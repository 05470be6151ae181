package io.aftercare.bench;

import io.aftercare.devkit.TemplateTable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;

/**
 * The write request units DynamoDB bills for one item's write, from the item as it was and as it is after: DynamoDB
 * Local does not bill transactions by item (it answers 4 units for a transaction of 1 or of 10 small items), so the
 * cost benchmark prices what DynamoDB's documentation says instead. The table: the larger of the two images, per KB
 * rounded up, twice in a transaction. Each index the item is in before or after (template.yaml's): an entry added or
 * removed is one write, an entry whose index key changed two, an entry whose projected attributes changed one, an
 * unchanged entry none; each per KB of the entry. Sources: the DynamoDB developer guide's "Item sizes and formats",
 * "Read and write capacity units for transactions" and "Provisioned throughput considerations for global secondary
 * indexes" (and "for local secondary indexes").
 */
final class WriteUnits {

    /** An index of the table: its key attributes and what it projects. */
    record Index(String name, List<String> keys, ProjectionType projection, Set<String> included) {

        boolean holds(Map<String, AttributeValue> item) {
            return item != null && keys.stream().allMatch(item::containsKey);
        }

        Map<String, AttributeValue> entry(Map<String, AttributeValue> item, List<String> tableKeys) {
            if (projection == ProjectionType.ALL) {
                return item;
            }
            Map<String, AttributeValue> entry = new LinkedHashMap<>();
            item.forEach((name, value) -> {
                if (tableKeys.contains(name) || keys.contains(name) || included.contains(name)) {
                    entry.put(name, value);
                }
            });
            return entry;
        }
    }

    /** One write's units: the table's, and each index's by name. */
    record Units(double table, Map<String, Double> indexes) {

        double total() {
            return table + indexes.values().stream().mapToDouble(Double::doubleValue).sum();
        }
    }

    private final List<String> tableKeys;
    private final List<Index> indexes;

    WriteUnits(List<String> tableKeys, List<Index> indexes) {
        this.tableKeys = List.copyOf(tableKeys);
        this.indexes = List.copyOf(indexes);
    }

    /** The table as template.yaml declares it. */
    static WriteUnits ofTemplate() {
        CreateTableRequest table = TemplateTable.fromRepository().createRequest("cost");
        List<Index> indexes = new ArrayList<>();
        table.localSecondaryIndexes().forEach(i -> indexes.add(index(i.indexName(), i.keySchema(), i.projection())));
        table.globalSecondaryIndexes().forEach(i -> indexes.add(index(i.indexName(), i.keySchema(), i.projection())));
        return new WriteUnits(table.keySchema().stream().map(KeySchemaElement::attributeName).toList(), indexes);
    }

    private static Index index(String name, List<KeySchemaElement> keys, Projection projection) {
        return new Index(name, keys.stream().map(KeySchemaElement::attributeName).toList(), projection.projectionType(),
                new HashSet<>(projection.nonKeyAttributes()));
    }

    /**
     * @param before the item before the write (empty if there was none)
     * @param after  the item after it (empty if it was deleted)
     */
    Units of(Map<String, AttributeValue> before, Map<String, AttributeValue> after, boolean transactional) {
        double table = Math.max(1, kilobytes(Math.max(size(before), size(after)))) * (transactional ? 2 : 1);
        Map<String, Double> byIndex = new LinkedHashMap<>();
        for (Index index : indexes) {
            double units = indexWrites(index, empty(before) ? null : before, empty(after) ? null : after);
            if (units > 0) {
                byIndex.put(index.name(), units);
            }
        }
        return new Units(table, byIndex);
    }

    private double indexWrites(Index index, Map<String, AttributeValue> before, Map<String, AttributeValue> after) {
        boolean was = index.holds(before);
        boolean is = index.holds(after);
        if (!was && !is) {
            return 0;
        }
        if (!was) {
            return kilobytes(size(index.entry(after, tableKeys)));
        }
        if (!is) {
            return kilobytes(size(index.entry(before, tableKeys)));
        }
        Map<String, AttributeValue> old = index.entry(before, tableKeys);
        Map<String, AttributeValue> now = index.entry(after, tableKeys);
        boolean keyChanged = index.keys().stream().anyMatch(k -> !Objects.equals(before.get(k), after.get(k)));
        if (keyChanged) {
            return kilobytes(size(old)) + kilobytes(size(now));
        }
        return old.equals(now) ? 0 : kilobytes(Math.max(size(old), size(now)));
    }

    private static boolean empty(Map<String, AttributeValue> item) {
        return item == null || item.isEmpty();
    }

    private static double kilobytes(long bytes) {
        return Math.max(1, Math.ceil(bytes / 1024.0));
    }

    /** An item's size as DynamoDB counts it: each attribute's name and value. */
    static long size(Map<String, AttributeValue> item) {
        if (empty(item)) {
            return 0;
        }
        long bytes = 0;
        for (var attribute : item.entrySet()) {
            bytes += utf8(attribute.getKey()) + size(attribute.getValue());
        }
        return bytes;
    }

    private static long size(AttributeValue value) {
        return switch (value.type()) {
            case S -> utf8(value.s());
            case N -> number(value.n());
            case B -> value.b().asByteArrayUnsafe().length;
            case BOOL, NUL -> 1;
            case SS -> value.ss().stream().mapToLong(WriteUnits::utf8).sum();
            case NS -> value.ns().stream().mapToLong(WriteUnits::number).sum();
            case BS -> value.bs().stream().map(SdkBytes::asByteArrayUnsafe).mapToLong(b -> b.length).sum();
            // a list or map: 3 bytes, and a byte per element beside the elements themselves
            case L -> 3 + value.l().stream().mapToLong(v -> 1 + size(v)).sum();
            case M -> 3 + value.m().entrySet().stream().mapToLong(e -> 1 + utf8(e.getKey()) + size(e.getValue())).sum();
            case UNKNOWN_TO_SDK_VERSION -> 0;
        };
    }

    /** A number: about one byte per two significant digits, plus one. */
    private static long number(String n) {
        String digits = n.replaceAll("[^0-9]", "").replaceFirst("^0+", "");
        return 1 + (Math.max(1, digits.length()) + 1) / 2;
    }

    private static long utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
