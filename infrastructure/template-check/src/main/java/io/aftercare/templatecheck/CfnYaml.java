package io.aftercare.templatecheck;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a CloudFormation template written in YAML, turning the short forms ({@code !Ref x}, {@code !GetAtt a.b},
 * {@code !Sub ...}, {@code !If [...]}, ...) into the long forms CloudFormation itself sees ({@code {"Ref": "x"}},
 * {@code {"Fn::GetAtt": ["a", "b"]}}, ...). A plain YAML reader drops the tags and with them every intrinsic.
 */
public final class CfnYaml {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final YAMLFactory YAML = new YAMLFactory();

    private CfnYaml() {
    }

    public static JsonNode read(Path template) {
        try (Reader reader = Files.newBufferedReader(template)) {
            return read(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + template, e);
        }
    }

    public static JsonNode parse(String yaml) {
        try {
            return read(new StringReader(yaml));
        } catch (IOException e) {
            throw new UncheckedIOException("Not YAML", e);
        }
    }

    private static JsonNode read(Reader reader) throws IOException {
        try (JsonParser parser = YAML.createParser(reader)) {
            if (parser.nextToken() == null) {
                throw new IOException("empty template");
            }
            return node(parser);
        }
    }

    /** The value the parser stands on (and everything under it), its tag turned into the long-form intrinsic. */
    private static JsonNode node(JsonParser parser) throws IOException {
        Object tag = parser.getTypeId();
        JsonToken token = parser.currentToken();
        JsonNode value = switch (token) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    object.set(name, node(parser));
                }
                yield object;
            }
            case START_ARRAY -> {
                var array = NODES.arrayNode();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(node(parser));
                }
                yield array;
            }
            case VALUE_STRING -> NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT -> NODES.numberNode(parser.getLongValue());
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDoubleValue());
            case VALUE_TRUE, VALUE_FALSE -> NODES.booleanNode(parser.getBooleanValue());
            case VALUE_NULL -> NODES.nullNode();
            default -> throw new IOException("unexpected " + token + " at " + parser.currentLocation());
        };
        return tag == null ? value : intrinsic(tag.toString(), value);
    }

    private static JsonNode intrinsic(String tag, JsonNode value) {
        return switch (tag) {
            case "Ref", "Condition" -> NODES.objectNode().set(tag, value);
            // !GetAtt Resource.Attribute: the resource is before the first dot, the attribute (which may have dots) after it
            case "GetAtt" -> NODES.objectNode().set("Fn::GetAtt", value.isTextual() && value.asText().contains(".")
                    ? NODES.arrayNode().add(value.asText().substring(0, value.asText().indexOf('.')))
                            .add(value.asText().substring(value.asText().indexOf('.') + 1))
                    : value);
            default -> NODES.objectNode().set("Fn::" + tag, value);
        };
    }
}
