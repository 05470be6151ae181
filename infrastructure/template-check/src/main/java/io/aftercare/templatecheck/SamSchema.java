package io.aftercare.templatecheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * SAM's own JSON schema ({@code sam.schema.json} from aws/serverless-application-model), which knows every
 * {@code AWS::Serverless::*} resource, its properties and its event sources, and the {@code Globals} section.
 * Where SAM passes a property on unchanged to the resource it generates (its schema says so with
 * {@code __samPassThrough}), the value is checked against that resource's specification too, as SAM's schema
 * itself accepts anything there.
 */
public final class SamSchema {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String IRI = "https://aftercare.invalid/sam.schema.json";

    private final JsonNode definitions;
    private final SchemaRegistry registry;
    /** {@code AWS::Serverless::Function} to the name of its definition in the schema. */
    private final Map<String, String> definitionOfType = new HashMap<>();
    private final Map<String, Schema> schemas = new HashMap<>();

    private SamSchema(String schema) throws IOException {
        JsonNode root = JSON.readTree(schema);
        definitions = root.path("definitions");
        registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4, b -> b.schemas(Map.of(IRI, schema)));
        for (JsonNode resource : root.path("properties").path("Resources").path("additionalProperties").path("anyOf")) {
            String name = definitionName(resource);
            JsonNode type = definitions.path(name).path("properties").path("Type").path("enum");
            if (type.size() == 1) {
                definitionOfType.put(type.get(0).asText(), name);
            }
        }
    }

    public static SamSchema read(Path schema) {
        try {
            return new SamSchema(Files.readString(schema));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read SAM's schema " + schema, e);
        }
    }

    public boolean knows(String resourceType) {
        return definitionOfType.containsKey(resourceType);
    }

    void checkResource(String path, JsonNode resource, ResourceSpec spec, Findings findings) {
        String definition = definitionOfType.get(resource.path("Type").asText());
        validate(path, definition, resource, findings);
        passThrough(path + "/Properties", definitions.path(definition).path("properties").path("Properties"),
                resource.path("Properties"), spec, findings);
    }

    void checkGlobals(String path, JsonNode globals, ResourceSpec spec, Findings findings) {
        validate(path, "__main____Globals", globals, findings);
        definitions.path("__main____Globals").path("properties").fields().forEachRemaining(section ->
                passThrough(path + "/" + section.getKey(), section.getValue(), globals.path(section.getKey()), spec, findings));
    }

    private void validate(String path, String definition, JsonNode instance, Findings findings) {
        Schema schema = schemas.computeIfAbsent(definition,
                d -> registry.getSchema(SchemaLocation.of(IRI + "#/definitions/" + d)));
        for (Error error : schema.validate(instance)) {
            findings.problem(path + pointer(error.getInstanceLocation().toString()), error.getMessage());
        }
    }

    /** The properties SAM hands on to a CloudFormation resource, checked against that resource's specification. */
    private void passThrough(String path, JsonNode propertiesSchema, JsonNode properties, ResourceSpec spec, Findings findings) {
        JsonNode declared = definitions.path(definitionName(propertiesSchema)).path("properties");
        properties.fields().forEachRemaining(property -> {
            JsonNode target = declared.path(property.getKey()).path("__samPassThrough").path("schemaPath");
            // [definitions, AWS::Lambda::Function, properties, Properties, properties, SnapStart]
            if (target.size() == 6 && target.get(3).asText().equals("Properties")) {
                spec.checkProperty(path + "/" + property.getKey(), target.get(1).asText(), target.get(5).asText(),
                        property.getValue(), findings);
            }
        });
    }

    private static String definitionName(JsonNode ref) {
        return ref.path("$ref").asText().replace("#/definitions/", "");
    }

    /** networknt's {@code $.Properties.Foo} as the template's {@code /Properties/Foo}. */
    private static String pointer(String location) {
        return location.replaceFirst("^\\$", "").replaceAll("\\[(\\d+)]", ".$1").replace('.', '/');
    }
}
