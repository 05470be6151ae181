package io.aftercare.dynamodb;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Builds an UpdateItem's expression with generated placeholders, so attribute names with {@code #} in them and
 * DynamoDB's reserved words need no care at the call site. An attribute is set at most once: the first call wins.
 */
final class UpdateExpression {

    private final Map<String, AttributeValue> key;
    private final List<String> sets = new ArrayList<>();
    private final List<String> removes = new ArrayList<>();
    private final Set<String> touched = new LinkedHashSet<>();
    private final Map<String, String> names = new HashMap<>();
    private final Map<String, AttributeValue> values = new HashMap<>();
    private String condition;

    UpdateExpression(Map<String, AttributeValue> key) {
        this.key = key;
    }

    UpdateExpression set(String attribute, AttributeValue value) {
        if (touched.add(attribute)) {
            sets.add(name(attribute) + " = " + value(value));
        }
        return this;
    }

    /** Writes the value only if the attribute has none yet: the first delivery to say it wins. */
    UpdateExpression setIfAbsent(String attribute, AttributeValue value) {
        if (touched.add(attribute)) {
            String n = name(attribute);
            sets.add(n + " = if_not_exists(" + n + ", " + value(value) + ")");
        }
        return this;
    }

    UpdateExpression remove(String attribute) {
        if (touched.add(attribute)) {
            removes.add(name(attribute));
        }
        return this;
    }

    UpdateExpression condition(String expression) {
        this.condition = condition == null ? expression : "(" + condition + ") AND (" + expression + ")";
        return this;
    }

    String name(String attribute) {
        return names.entrySet().stream().filter(e -> e.getValue().equals(attribute)).map(Map.Entry::getKey).findFirst()
                .orElseGet(() -> {
                    String placeholder = "#a" + names.size();
                    names.put(placeholder, attribute);
                    return placeholder;
                });
    }

    String value(AttributeValue value) {
        String placeholder = ":v" + values.size();
        values.put(placeholder, value);
        return placeholder;
    }

    private String expression() {
        String expression = sets.isEmpty() ? "" : "SET " + String.join(", ", sets);
        if (!removes.isEmpty()) {
            expression += (expression.isEmpty() ? "" : " ") + "REMOVE " + String.join(", ", removes);
        }
        return expression;
    }

    TransactWriteItem transactItem(String table) {
        return TransactWriteItem.builder().update(Update.builder()
                .tableName(table)
                .key(key)
                .updateExpression(expression())
                .conditionExpression(condition)
                .expressionAttributeNames(names)
                .expressionAttributeValues(values.isEmpty() ? null : values)
                .build()).build();
    }
}
