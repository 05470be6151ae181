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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * SAM's own JSON schema ({@code sam.schema.json} from aws/serverless-application-model), which knows every
 * {@code AWS::Serverless::*} resource, its properties and its event sources, and the {@code Globals} section.
 * Where SAM passes a property on unchanged to a resource it generates, the value is checked against that
 * resource's specification too, as SAM's schema itself accepts anything there: the properties its schema marks
 * with {@code __samPassThrough} (which names the CloudFormation property), and a function's or layer's other
 * pass-through properties, which SAM hands to the {@code AWS::Lambda::Function} or {@code AWS::Lambda::LayerVersion}
 * property of the same name. (An API's are left out: SAM accepts shapes there that CloudFormation does not, such as
 * {@code CorsConfiguration: true}, and converts them.)
 */
public final class SamSchema {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String IRI = "https://aftercare.invalid/sam.schema.json";
    /** The resource SAM makes of each of its own; what GetAtt reads from a SAM resource is an attribute of this one. */
    static final Map<String, String> GENERATES = Map.of(
            "AWS::Serverless::Function", "AWS::Lambda::Function",
            "AWS::Serverless::Api", "AWS::ApiGateway::RestApi",
            "AWS::Serverless::HttpApi", "AWS::ApiGatewayV2::Api",
            "AWS::Serverless::WebSocketApi", "AWS::ApiGatewayV2::Api",
            "AWS::Serverless::SimpleTable", "AWS::DynamoDB::Table",
            "AWS::Serverless::StateMachine", "AWS::StepFunctions::StateMachine",
            "AWS::Serverless::LayerVersion", "AWS::Lambda::LayerVersion",
            "AWS::Serverless::Application", "AWS::CloudFormation::Stack",
            "AWS::Serverless::GraphQLApi", "AWS::AppSync::GraphQLApi",
            "AWS::Serverless::CapacityProvider", "AWS::Lambda::CapacityProvider");
    private static final Set<String> PASSED_ON_BY_NAME = Set.of("AWS::Serverless::Function", "AWS::Serverless::LayerVersion");
    private static final String PASS_THROUGH = "#/definitions/PassThroughProp";

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
        String type = resource.path("Type").asText();
        String definition = definitionOfType.get(type);
        validate(path, definition, resource, findings);
        passThrough(path + "/Properties", type, definitions.path(definition).path("properties").path("Properties"),
                resource.path("Properties"), spec, findings);
    }

    void checkGlobals(String path, JsonNode globals, ResourceSpec spec, Findings findings) {
        validate(path, "__main____Globals", globals, findings);
        definitions.path("__main____Globals").path("properties").fields().forEachRemaining(section ->
                passThrough(path + "/" + section.getKey(), "AWS::Serverless::" + section.getKey(), section.getValue(),
                        globals.path(section.getKey()), spec, findings));
    }

    private void validate(String path, String definition, JsonNode instance, Findings findings) {
        Schema schema = schemas.computeIfAbsent(definition,
                d -> registry.getSchema(SchemaLocation.of(IRI + "#/definitions/" + d)));
        List<Error> errors = schema.validate(instance);
        // An event (or anything else told apart by its Type) fails every alternative of its anyOf but the one of its
        // own Type: only that one says what is wrong with it, and if there is none, the Type is what is wrong.
        Set<Alternative> otherTypes = new HashSet<>();
        Map<String, Set<String>> typesAt = new HashMap<>();
        for (Error error : errors) {
            String at = error.getEvaluationPath().toString();
            String instanceAt = error.getInstanceLocation().toString();
            if (error.getKeyword().equals("enum") && instanceAt.endsWith("/Type") && at.contains("/anyOf/")) {
                String owner = instanceAt.substring(0, instanceAt.length() - "/Type".length());
                otherTypes.add(new Alternative(at.substring(0, at.indexOf('/', at.lastIndexOf("/anyOf/") + "/anyOf/".length()) + 1), owner));
                error.getSchemaNode().forEach(t -> typesAt.computeIfAbsent(owner, o -> new TreeSet<>()).add(t.asText()));
            }
        }
        var meant = errors.stream().filter(e -> otherTypes.stream().noneMatch(a -> a.covers(e))).toList();
        typesAt.forEach((owner, types) -> {
            if (meant.stream().noneMatch(e -> Alternative.under(e.getInstanceLocation().toString(), owner))) {
                findings.problem(path + owner + "/Type", "is none of the types " + String.join(", ", types));
            }
        });
        meant.forEach(e -> findings.problem(path + e.getInstanceLocation(), e.getMessage()));
    }

    /** The properties SAM hands on to a CloudFormation resource, checked against that resource's specification. */
    private void passThrough(String path, String samType, JsonNode propertiesSchema, JsonNode properties,
            ResourceSpec spec, Findings findings) {
        JsonNode declared = definitions.path(definitionName(propertiesSchema)).path("properties");
        properties.fields().forEachRemaining(property -> {
            JsonNode schema = declared.path(property.getKey());
            JsonNode target = schema.path("__samPassThrough").path("schemaPath");
            // [definitions, AWS::Lambda::Function, properties, Properties, properties, Runtime]
            if (target.size() == 6 && target.get(3).asText().equals("Properties")) {
                spec.checkProperty(path + "/" + property.getKey(), target.get(1).asText(), target.get(5).asText(),
                        property.getValue(), findings);
            } else if (target.isMissingNode() && PASSED_ON_BY_NAME.contains(samType) && passedOn(schema)) {
                spec.checkProperty(path + "/" + property.getKey(), GENERATES.get(samType), property.getKey(),
                        property.getValue(), findings);
            }
        });
    }

    /** SAM's schema for a property it hands on as it is: anything ({@code PassThroughProp}), left to CloudFormation. */
    private static boolean passedOn(JsonNode schema) {
        JsonNode only = schema.path("allOf").size() == 1 ? schema.path("allOf").get(0) : schema;
        return only.path("$ref").asText().equals(PASS_THROUGH);
    }

    /** One alternative of an anyOf (where in the schema), tried on one value (where in the template). */
    private record Alternative(String branch, String instance) {
        boolean covers(Error error) {
            return error.getEvaluationPath().toString().startsWith(branch) && under(error.getInstanceLocation().toString(), instance);
        }

        static boolean under(String location, String instance) {
            return location.equals(instance) || location.startsWith(instance + "/");
        }
    }

    private static String definitionName(JsonNode ref) {
        return ref.path("$ref").asText().replace("#/definitions/", "");
    }
}
