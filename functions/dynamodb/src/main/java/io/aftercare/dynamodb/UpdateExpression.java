package io.aftercare.dynamodb;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Builds an UpdateItem's expression with generated placeholders, so attribute names with {@code #} in them and
 * DynamoDB's reserved words need no care at the call site. An attribute is set at most once: the first call wins.
 */
final class UpdateExpression {

    private final Map<String, AttributeValue> key;
    private final List<String> sets = new ArrayList<>();
    private final List<String> removes = new ArrayList<>();
    private final List<String> adds = new ArrayList<>();
    private final Set<String> touched = new LinkedHashSet<>();
    private final Map<String, String> names = new HashMap<>();
    private final Map<String, AttributeValue> values = new HashMap<>();
    /** What {@link #set} and {@link #setIfAbsent} assign, and which of them only if absent: what a stored item is compared with. */
    private final Map<String, AttributeValue> assigned = new LinkedHashMap<>();
    private final Set<String> ifAbsent = new HashSet<>();
    /** False once the update does more than assign values (copies, counts, removes): then only DynamoDB can tell its effect. */
    private boolean onlyAssigns = true;
    private String condition;

    UpdateExpression(Map<String, AttributeValue> key) {
        this.key = key;
    }

    UpdateExpression set(String attribute, AttributeValue value) {
        if (touched.add(attribute)) {
            sets.add(name(attribute) + " = " + value(value));
            assigned.put(attribute, value);
        }
        return this;
    }

    /** {@code attribute = from}, as {@code from} was before this update. */
    UpdateExpression copy(String attribute, String from) {
        if (touched.add(attribute)) {
            sets.add(name(attribute) + " = " + name(from));
            onlyAssigns = false;
        }
        return this;
    }

    /** Writes the value only if the attribute has none yet: the first delivery to say it wins. */
    UpdateExpression setIfAbsent(String attribute, AttributeValue value) {
        if (touched.add(attribute)) {
            String n = name(attribute);
            sets.add(n + " = if_not_exists(" + n + ", " + value(value) + ")");
            assigned.put(attribute, value);
            ifAbsent.add(attribute);
        }
        return this;
    }

    /** {@code attribute = attribute + 1}, starting from 0. */
    UpdateExpression increment(String attribute) {
        if (touched.add(attribute)) {
            String n = name(attribute);
            sets.add(n + " = if_not_exists(" + n + ", " + value(AttributeValue.fromN("0")) + ") + " + value(AttributeValue.fromN("1")));
            onlyAssigns = false;
        }
        return this;
    }

    /** Adds the members of a set value to a set attribute (creating it); adding members it has changes nothing. */
    UpdateExpression addToSet(String attribute, AttributeValue members) {
        if (touched.add(attribute)) {
            adds.add(name(attribute) + " " + value(members));
            onlyAssigns = false;
        }
        return this;
    }

    /** Adds {@code delta} (which may be negative) to a number attribute, starting from 0. */
    UpdateExpression addNumber(String attribute, long delta) {
        if (touched.add(attribute)) {
            adds.add(name(attribute) + " " + value(AttributeValue.fromN(Long.toString(delta))));
            onlyAssigns = false;
        }
        return this;
    }

    /** Adds an exact decimal (an amount, a count), which may be negative, to a number attribute, starting from 0. */
    UpdateExpression addNumber(String attribute, java.math.BigDecimal delta) {
        if (touched.add(attribute)) {
            adds.add(name(attribute) + " " + value(AttributeValue.fromN(delta.toPlainString())));
            onlyAssigns = false;
        }
        return this;
    }

    UpdateExpression remove(String attribute) {
        if (touched.add(attribute)) {
            removes.add(name(attribute));
            onlyAssigns = false;
        }
        return this;
    }

    UpdateExpression condition(String expression) {
        this.condition = condition == null ? expression : "(" + condition + ") AND (" + expression + ")";
        return this;
    }

    Map<String, AttributeValue> key() {
        return key;
    }

    /** The item this update creates where there is none; empty when it is conditional or does more than assign values. */
    Optional<Map<String, AttributeValue>> newItem() {
        if (!onlyAssigns || condition != null) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = new LinkedHashMap<>(key);
        item.putAll(assigned);
        return Optional.of(item);
    }

    /** True when applying this update to {@code stored} (an item that exists) would leave it as it is. */
    boolean changesNothing(Map<String, AttributeValue> stored) {
        return onlyAssigns && condition == null && assigned.entrySet().stream().allMatch(a -> ifAbsent.contains(a.getKey())
                ? stored.containsKey(a.getKey()) : a.getValue().equals(stored.get(a.getKey())));
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
        List<String> clauses = new ArrayList<>();
        if (!sets.isEmpty()) {
            clauses.add("SET " + String.join(", ", sets));
        }
        if (!removes.isEmpty()) {
            clauses.add("REMOVE " + String.join(", ", removes));
        }
        if (!adds.isEmpty()) {
            clauses.add("ADD " + String.join(", ", adds));
        }
        return String.join(" ", clauses);
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

    /** Its condition alone, checked in a transaction without writing; a refusal returns the item as it is. */
    TransactWriteItem conditionCheck(String table) {
        return TransactWriteItem.builder().conditionCheck(ConditionCheck.builder()
                .tableName(table)
                .key(key)
                .conditionExpression(condition)
                .expressionAttributeNames(names)
                .expressionAttributeValues(values.isEmpty() ? null : values)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build()).build();
    }

    /** The same update on its own, returning the item as it is afterwards. */
    UpdateItemRequest request(String table) {
        return alone(transactItem(table).update()).returnValues(ReturnValue.ALL_NEW).build();
    }

    /** A transaction's update as a request of its own. */
    static UpdateItemRequest.Builder alone(Update update) {
        return UpdateItemRequest.builder()
                .tableName(update.tableName())
                .key(update.key())
                .updateExpression(update.updateExpression())
                .conditionExpression(update.conditionExpression())
                .expressionAttributeNames(update.expressionAttributeNames())
                .expressionAttributeValues(update.hasExpressionAttributeValues() ? update.expressionAttributeValues() : null);
    }
}
