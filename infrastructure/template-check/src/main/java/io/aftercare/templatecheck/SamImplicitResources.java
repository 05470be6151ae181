package io.aftercare.templatecheck;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The resources SAM's transform adds, named as SAM names them, so that a template may refer to them: a function's
 * {@code <Function>Role} (unless it has a Role), with AutoPublishAlias its {@code <Function>Alias<alias>} and the
 * references {@code <Function>.Alias} and {@code <Function>.Version}, what each event source becomes
 * ({@code <Function><Event>}, {@code <Function><Event>Permission}), a function URL's {@code <Function>Url}, the
 * implicit {@code ServerlessHttpApi} and {@code ServerlessRestApi}, an API's {@code <Api>.Stage} and
 * {@code <Api>.Deployment}, and a state machine's {@code <StateMachine>Role}.
 */
final class SamImplicitResources {

    private static final Set<String> POLLED = Set.of("SQS", "Kinesis", "DynamoDB", "DocumentDB", "MSK", "MQ", "SelfManagedKafka");
    private static final Set<String> RULES = Set.of("Schedule", "CloudWatchEvent", "EventBridgeRule");

    private final Map<String, String> resources = new HashMap<>();
    private final Set<String> references = new HashSet<>();

    SamImplicitResources(JsonNode template) {
        JsonNode globalFunction = template.path("Globals").path("Function");
        template.path("Resources").fields().forEachRemaining(r -> {
            String id = r.getKey();
            JsonNode properties = r.getValue().path("Properties");
            switch (r.getValue().path("Type").asText()) {
                case "AWS::Serverless::Function" -> function(id, properties, globalFunction);
                case "AWS::Serverless::Api" -> {
                    references.add(id + ".Stage");
                    references.add(id + ".Deployment");
                }
                case "AWS::Serverless::HttpApi" -> references.add(id + ".Stage");
                case "AWS::Serverless::StateMachine" -> {
                    if (!properties.has("Role")) {
                        resources.put(id + "Role", "AWS::IAM::Role");
                    }
                }
                default -> {
                    // no resources of its own beside itself
                }
            }
        });
    }

    private void function(String id, JsonNode properties, JsonNode globals) {
        if (!properties.has("Role") && !globals.has("Role")) {
            resources.put(id + "Role", "AWS::IAM::Role");
        }
        JsonNode alias = properties.has("AutoPublishAlias") ? properties.path("AutoPublishAlias") : globals.path("AutoPublishAlias");
        if (!alias.isMissingNode()) {
            references.add(id + ".Alias");
            references.add(id + ".Version");
            if (alias.isTextual()) {
                resources.put(id + "Alias" + alias.asText(), "AWS::Lambda::Alias");
            }
        }
        if (properties.has("FunctionUrlConfig")) {
            resources.put(id + "Url", "AWS::Lambda::Url");
        }
        properties.path("Events").fields().forEachRemaining(e -> {
            String event = id + e.getKey();
            String type = e.getValue().path("Type").asText();
            JsonNode eventProperties = e.getValue().path("Properties");
            if (POLLED.contains(type)) {
                resources.put(event, "AWS::Lambda::EventSourceMapping");
            } else if (RULES.contains(type)) {
                resources.put(event, "AWS::Events::Rule");
                resources.put(event + "Permission", "AWS::Lambda::Permission");
            } else if (type.equals("ScheduleV2")) {
                resources.put(event, "AWS::Scheduler::Schedule");
            } else if (type.equals("SNS")) {
                resources.put(event, "AWS::SNS::Subscription");
                resources.put(event + "Permission", "AWS::Lambda::Permission");
            } else if (type.equals("HttpApi")) {
                resources.put(event + "Permission", "AWS::Lambda::Permission");
                if (!eventProperties.has("ApiId")) {
                    resources.put("ServerlessHttpApi", "AWS::ApiGatewayV2::Api");
                }
            } else if (type.equals("Api") && !eventProperties.has("RestApiId")) {
                resources.put("ServerlessRestApi", "AWS::ApiGateway::RestApi");
            } else if (type.equals("S3")) {
                resources.put(event + "Permission", "AWS::Lambda::Permission");
            }
        });
    }

    Map<String, String> resources() {
        return resources;
    }

    Set<String> references() {
        return references;
    }
}
