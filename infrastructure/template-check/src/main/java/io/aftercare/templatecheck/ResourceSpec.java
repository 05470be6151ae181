package io.aftercare.templatecheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;

/**
 * The CloudFormation resource specification as the npm package {@code @aws-cdk/aws-service-spec} ships it
 * ({@code db.json.gz}, built from the CloudFormation registry schemas): every resource type with its properties
 * (shape, required or not, allowed values) and its attributes, and every property type the properties refer to.
 */
public final class ResourceSpec {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Resource type ({@code AWS::SQS::Queue}) to its entity: properties, attributes. */
    private final Map<String, JsonNode> resources = new HashMap<>();
    /** Property types by their id in the database, as the properties' {@code ref} types name them. */
    private final Map<String, JsonNode> types = new HashMap<>();

    private ResourceSpec(JsonNode schema) {
        schema.path("resource").path("entities").forEach(r -> resources.put(r.path("cloudFormationType").asText(), r));
        schema.path("typeDefinition").path("entities").forEach(t -> types.put(t.path("$id").asText(), t));
    }

    public static ResourceSpec read(Path dbJsonGz) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(dbJsonGz), 1 << 16)) {
            return new ResourceSpec(JSON.readTree(in).path("schema"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the resource specification " + dbJsonGz, e);
        }
    }

    public boolean knows(String resourceType) {
        return resources.containsKey(resourceType);
    }

    /** The attributes {@code Fn::GetAtt} can read from a resource of this type. */
    public Set<String> attributes(String resourceType) {
        var names = new TreeSet<String>();
        resources.get(resourceType).path("attributes").fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Checks a resource's {@code Properties}: names, required ones, and every value's shape, at every depth. */
    void checkProperties(String path, String resourceType, JsonNode properties, Findings findings) {
        if (properties.isMissingNode()) {
            properties = JSON.createObjectNode();
        }
        if (!Intrinsics.is(properties)) {
            object(path, resourceType, resources.get(resourceType).path("properties"), properties, findings);
        }
    }

    /** Checks one property of a resource type, when that type has it (SAM passes such properties on unchanged). */
    void checkProperty(String path, String resourceType, String property, JsonNode value, Findings findings) {
        JsonNode spec = resources.getOrDefault(resourceType, JSON.missingNode()).path("properties").path(property);
        if (!spec.isMissingNode()) {
            value(path, spec.path("type"), value, findings);
        }
    }

    private void object(String path, String owner, JsonNode properties, JsonNode value, Findings findings) {
        if (!value.isObject()) {
            findings.problem(path, "must be an object (" + owner + "), not " + actual(value));
            return;
        }
        value.fields().forEachRemaining(field -> {
            JsonNode spec = properties.path(field.getKey());
            if (spec.isMissingNode()) {
                findings.problem(path + "/" + field.getKey(), "unknown property of " + owner + " (it has "
                        + String.join(", ", new TreeSet<>(names(properties))) + ")");
            } else {
                value(path + "/" + field.getKey(), spec.path("type"), field.getValue(), findings);
            }
        });
        properties.fields().forEachRemaining(spec -> {
            if (spec.getValue().path("required").asBoolean() && !value.has(spec.getKey())) {
                findings.problem(path, "missing required property " + spec.getKey() + " of " + owner);
            }
        });
    }

    private void value(String path, JsonNode type, JsonNode value, Findings findings) {
        findings.value();
        if (Intrinsics.is(value)) {
            // Fn::If gives one of its branches: each must fit (AWS::NoValue, no value at all, fits anything)
            JsonNode branches = value.path("Fn::If");
            for (int i = 1; i < branches.size(); i++) {
                if (!Intrinsics.isNoValue(branches.get(i))) {
                    value(path + "/Fn::If/" + i, type, branches.get(i), findings);
                }
            }
            return;
        }
        boolean fits = switch (type.path("type").asText()) {
            // like CloudFormation (and cfn-lint), a scalar of another kind is accepted where it converts
            case "string", "date-time" -> value.isValueNode() && !value.isNull();
            case "integer" -> value.isIntegralNumber() || value.isTextual() && value.asText().matches("-?\\d+");
            case "number" -> value.isNumber() || value.isTextual() && value.asText().matches("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
            case "boolean" -> value.isBoolean() || value.isTextual() && value.asText().matches("(?i)true|false");
            case "json" -> value.isObject() || value.isTextual();
            case "array" -> {
                if (value.isArray()) {
                    for (int i = 0; i < value.size(); i++) {
                        value(path + "/" + i, type.path("element"), value.get(i), findings);
                    }
                }
                yield value.isArray();
            }
            case "map" -> {
                if (value.isObject()) {
                    value.fields().forEachRemaining(e -> value(path + "/" + e.getKey(), type.path("element"), e.getValue(), findings));
                }
                yield value.isObject();
            }
            case "tag" -> {
                object(path, "a tag", TAG, value, findings);
                yield true;
            }
            case "ref" -> {
                JsonNode definition = types.get(type.path("reference").path("$ref").asText());
                object(path, definition.path("name").asText(), definition.path("properties"), value, findings);
                yield true;
            }
            case "union" -> union(path, type, value, findings);
            default -> throw new IllegalStateException("The resource specification has a type this check does not know: " + type);
        };
        if (!fits) {
            findings.problem(path, "must be " + expected(type) + ", not " + actual(value));
        } else if (type.has("allowedValues") && value.isValueNode() && !allowed(type.path("allowedValues"), value)) {
            findings.problem(path, actual(value) + " is not one of " + type.path("allowedValues"));
        }
    }

    /** A union fits when one alternative does; when none does, the alternative of the value's own shape says why. */
    private boolean union(String path, JsonNode type, JsonNode value, Findings findings) {
        List<Findings> tries = new ArrayList<>();
        for (JsonNode alternative : type.path("types")) {
            var attempt = new Findings();
            value(path, alternative, value, attempt);
            if (attempt.clean()) {
                findings.addAll(attempt);
                return true;
            }
            tries.add(attempt);
        }
        tries.stream().filter(t -> t.problems().stream().noneMatch(p -> p.startsWith(path + ": must be")))
                .findFirst().ifPresentOrElse(findings::addAll,
                        () -> findings.problem(path, "must be " + expected(type) + ", not " + actual(value)));
        return true;
    }

    private static boolean allowed(JsonNode allowedValues, JsonNode value) {
        for (JsonNode allowed : allowedValues) {
            if (allowed.asText().equals(value.asText())) {
                return true;
            }
        }
        return false;
    }

    private String expected(JsonNode type) {
        return switch (type.path("type").asText()) {
            case "string" -> "a string";
            case "date-time" -> "a date-time string";
            case "integer" -> "an integer";
            case "number" -> "a number";
            case "boolean" -> "a boolean";
            case "json" -> "a JSON object";
            case "array" -> "a list of " + plural(expected(type.path("element")));
            case "map" -> "a map of " + plural(expected(type.path("element")));
            case "tag" -> "a tag";
            case "ref" -> "a " + types.get(type.path("reference").path("$ref").asText()).path("name").asText();
            default -> {
                var alternatives = new LinkedHashSet<String>();
                type.path("types").forEach(t -> alternatives.add(expected(t)));
                yield String.join(" or ", alternatives);
            }
        };
    }

    private static String plural(String singular) {
        return singular.replaceFirst("^an? ", "") + "s";
    }

    private static String actual(JsonNode value) {
        if (value.isObject()) {
            return "an object";
        }
        if (value.isArray()) {
            return "a list";
        }
        if (value.isNull()) {
            return "null";
        }
        return (value.isTextual() ? "the string " : value.isBoolean() ? "the boolean " : "the number ") + value;
    }

    private static Set<String> names(JsonNode object) {
        var names = new LinkedHashSet<String>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static final JsonNode TAG = JSON.createObjectNode()
            .<com.fasterxml.jackson.databind.node.ObjectNode>set("Key", JSON.createObjectNode().put("required", true)
                    .set("type", JSON.createObjectNode().put("type", "string")))
            .set("Value", JSON.createObjectNode().put("required", true)
                    .set("type", JSON.createObjectNode().put("type", "string")));
}
