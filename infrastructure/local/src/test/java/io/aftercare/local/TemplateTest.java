package io.aftercare.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbTimeWindowEvent;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.aftercare.devkit.RepositoryRoot;
import io.aftercare.devkit.TemplateResources;
import io.aftercare.lambda.ActionHandler;
import io.aftercare.lambda.Aftercare;
import io.aftercare.lambda.AftercareConfig;
import io.aftercare.lambda.http.RoutedHandler;
import io.aftercare.lambda.inbound.S3InboundBucket;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** {@code template.yaml} against the code it deploys: handlers, their triggers and routes, configuration, DLQs, logs, IAM. */
class TemplateTest {

    private static final JsonNode TEMPLATE = read();
    private static final Map<String, Class<?>> EVENT_OF_TRIGGER = Map.of(
            "HttpApi", APIGatewayV2HTTPEvent.class, "SQS", SQSEvent.class, "Schedule", ScheduledEvent.class, "SNS", SNSEvent.class,
            "DynamoDB", DynamodbEvent.class);
    /** What each function cannot start without, besides the table (README, Configuration). */
    private static final Map<String, Set<String>> NEEDS = Map.of(
            "AdminFunction", Set.of(AftercareConfig.ADMIN_TOKEN_SECRET),
            "AgentApiFunction", Set.of(AftercareConfig.ADMIN_TOKEN_SECRET, AftercareConfig.SES_CONFIGURATION_SET),
            "SweepFunction", Set.of(AftercareConfig.ACTION_QUEUE_URL, AftercareConfig.URGENT_QUEUE_URL),
            "ActionFunction", Set.of(AftercareConfig.LINK_KEY_SECRET, AftercareConfig.PUBLIC_URL, AftercareConfig.SES_CONFIGURATION_SET),
            "CustomerPagesFunction", Set.of(AftercareConfig.LINK_KEY_SECRET));

    @Test
    void givenEveryFunction_whenItsHandlerIsLoaded_thenItIsALambdaHandlerOfTheEventItsTriggerSends() throws Exception {
        for (var function : functions().entrySet()) {
            Class<?> handler = Class.forName(handlerClass(function.getValue()));
            Type input = requestHandlerInput(handler);
            for (JsonNode event : function.getValue().path("Properties").path("Events")) {
                // a stream mapping with a tumbling window sends the window's event (it names the shard)
                boolean windowed = event.path("Properties").has("TumblingWindowInSeconds");
                assertThat(input).as(function.getKey() + " for its " + event.path("Type").asText() + " trigger")
                        .isEqualTo(windowed ? DynamodbTimeWindowEvent.class : EVENT_OF_TRIGGER.get(event.path("Type").asText()));
            }
            assertThat(handler.getConstructor()).as(function.getKey() + " needs the constructor Lambda calls").isNotNull();
        }
    }

    @Test
    void givenEveryFunction_whenItsEnvironmentIsRead_thenTheTableAndWhatItNeedsAreSetAndNoSecretIsInline() {
        Set<String> global = names(TEMPLATE.path("Globals").path("Function").path("Environment").path("Variables"));
        assertThat(global).contains(AftercareConfig.TABLE);
        Set<String> everywhere = new HashSet<>(global);
        for (var function : functions().entrySet()) {
            Set<String> variables = new HashSet<>(global);
            variables.addAll(names(function.getValue().path("Properties").path("Environment").path("Variables")));
            everywhere.addAll(variables);
            assertThat(variables).as(function.getKey()).containsAll(NEEDS.getOrDefault(function.getKey(), Set.of()));
        }
        Set<String> localOnly = Set.of(AftercareConfig.ADMIN_TOKEN, AftercareConfig.LINK_KEY, AftercareConfig.ALLOW_LOOPBACK_CHAT);
        assertThat(AftercareConfig.VARIABLES).filteredOn(v -> !localOnly.contains(v)).allMatch(everywhere::contains);
        assertThat(everywhere).as("a deployed Aftercare never posts to loopback").doesNotContain(AftercareConfig.ALLOW_LOOPBACK_CHAT);
        assertThat(everywhere).as("secrets come from Secrets Manager, not from the environment")
                .doesNotContain(AftercareConfig.ADMIN_TOKEN, AftercareConfig.LINK_KEY);
    }

    @Test
    void givenEveryHttpFunction_whenItsRoutesAreComparedWithTheTemplates_thenTheyAreTheSameSoTheLocalRunnerServesExactlyThem() throws Exception {
        var app = Aftercare.builder()
                .dynamo(DynamoDbClient.builder().region(Region.EU_CENTRAL_1).credentialsProvider(AnonymousCredentialsProvider.create())
                        .endpointOverride(URI.create("http://127.0.0.1:1")).build(), "unused")
                .adminToken(() -> "unused-admin-token-0123456789")
                .linkKey(() -> "unused-link-key-0123456789-0123456789".getBytes(StandardCharsets.UTF_8))
                .publicUrl(() -> URI.create("https://unused.example"))
                .build();
        Map<String, Set<String>> templateRoutes = new LinkedHashMap<>();
        TemplateRoutes.of(TemplateResources.fromRepository())
                .forEach(r -> templateRoutes.computeIfAbsent(r.handlerClass(), k -> new HashSet<>()).add(r.routeKey()));
        for (var handler : templateRoutes.entrySet()) {
            var routed = (RoutedHandler) TemplateRoutes.handler(handler.getKey(), app);
            assertThat(routed.routeKeys()).as(handler.getKey()).isEqualTo(handler.getValue());
        }
    }

    @Test
    void givenEveryAsynchronousConsumer_whenItFailsForGood_thenItsMessagesHaveADeadLetterQueue() {
        for (var function : functions().entrySet()) {
            JsonNode properties = function.getValue().path("Properties");
            for (JsonNode event : properties.path("Events")) {
                String type = event.path("Type").asText();
                if (type.equals("Schedule")) {
                    assertThat(event.path("Properties").path("DeadLetterConfig").path("Arn").asText()).as(function.getKey()).isNotBlank();
                } else if (type.equals("SNS")) {
                    assertThat(properties.path("DeadLetterQueue").path("TargetArn").asText()).as(function.getKey()).isNotBlank();
                } else if (type.equals("DynamoDB")) {
                    // a stream record that fails every retry goes to its on-failure destination, not lost when the stream trims it
                    assertThat(event.path("Properties").path("DestinationConfig").path("OnFailure").path("Destination").asText())
                            .as(function.getKey() + "'s stream").isNotBlank();
                    assertThat(event.path("Properties").path("FunctionResponseTypes").toString()).as(function.getKey()).contains("ReportBatchItemFailures");
                } else if (type.equals("SQS")) {
                    String queue = event.path("Properties").path("Queue").asText().split("\\.")[0];
                    assertThat(TEMPLATE.path("Resources").path(queue).path("Properties").path("RedrivePolicy").path("deadLetterTargetArn").asText())
                            .as(function.getKey() + "'s queue " + queue).isNotBlank();
                }
            }
        }
    }

    @Test
    void givenEveryFunction_whenItLogs_thenItsLogGroupHasARetention() {
        for (var function : functions().entrySet()) {
            String group = function.getValue().path("Properties").path("LoggingConfig").path("LogGroup").asText();
            JsonNode logGroup = TEMPLATE.path("Resources").path(group);
            assertThat(logGroup.path("Type").asText()).as(function.getKey()).isEqualTo("AWS::Logs::LogGroup");
            assertThat(logGroup.path("Properties").path("RetentionInDays").isMissingNode()).as(function.getKey()).isFalse();
        }
    }

    @Test
    void givenEveryIamStatement_whenItsResourcesAreRead_thenNoneIsAWildcardOnEverythingButTheAccountReadsThatHaveNoResource() {
        List<String> resources = new ArrayList<>();
        for (var function : functions().entrySet()) {
            for (JsonNode policy : function.getValue().path("Properties").path("Policies")) {
                for (JsonNode statement : policy.path("Statement")) {
                    // SES's sending quota belongs to the account: IAM knows no resource to name for it
                    if (statement.path("Action").toString().equals("[\"ses:GetAccount\"]")) {
                        continue;
                    }
                    JsonNode resource = statement.path("Resource");
                    (resource.isArray() ? resource : List.of(resource)).forEach(r -> resources.add(function.getKey() + ": " + ((JsonNode) r).asText()));
                }
            }
        }
        assertThat(resources).isNotEmpty().noneMatch(r -> r.endsWith(": *") || r.endsWith(": "));
    }

    @Test
    void givenTheLatencySensitiveFunctions_whenDeployed_thenTheyRunFromASnapStartSnapshotThroughAnAlias() {
        for (String name : List.of("WebhookFunction", "AdminFunction", "AgentApiFunction", "CustomerPagesFunction")) {
            JsonNode properties = functions().get(name).path("Properties");
            assertThat(properties.path("SnapStart").path("ApplyOn").asText()).as(name).isEqualTo("PublishedVersions");
            assertThat(properties.path("AutoPublishAlias").asText()).as(name).isNotBlank();
        }
    }

    @Test
    void givenTheInboundRule_whenItsActionsAndTheFunctionsPermissionsAreRead_thenSesWritesWhereTheHandlerReadsAndAFailedEventIsKept() {
        JsonNode resources = TEMPLATE.path("Resources");
        JsonNode actions = resources.path("InboundRule").path("Properties").path("Rule").path("Actions");
        assertThat(actions.get(0).path("S3Action").path("ObjectKeyPrefix").asText()).as("written first").isEqualTo(S3InboundBucket.RAW_PREFIX);
        assertThat(actions.get(1).path("LambdaAction").path("FunctionArn").asText()).as("invoked once written").startsWith("InboundEmailFunction");
        assertThat(resources.path("InboundRule").path("Properties").path("Rule").path("ScanEnabled").asBoolean()).isTrue();
        JsonNode function = functions().get("InboundEmailFunction").path("Properties");
        String policies = function.path("Policies").toString();
        assertThat(policies).contains("/" + S3InboundBucket.RAW_PREFIX + "*").contains("/" + S3InboundBucket.ATTACHMENTS_PREFIX + "*");
        assertThat(functions().get("AgentApiFunction").path("Properties").path("Policies").toString())
                .as("members' links open attachments, never raw messages").contains("/" + S3InboundBucket.ATTACHMENTS_PREFIX + "*")
                .doesNotContain("/" + S3InboundBucket.RAW_PREFIX);
        assertThat(function.path("EventInvokeConfig").path("DestinationConfig").path("OnFailure").path("Destination").asText()).isNotBlank();
    }

    @Test
    void givenThePrivacyJobsFunction_whenItsPermissionsAreRead_thenItMayDeleteAndListReceivedAttachmentsOnlyAndNeverRawMessages() {
        JsonNode function = functions().values().stream()
                .filter(f -> handlerClass(f).equals(ActionHandler.class.getName())).findFirst().orElseThrow().path("Properties");
        List<String> deletes = new ArrayList<>();
        List<String> lists = new ArrayList<>();
        for (JsonNode policy : function.path("Policies")) {
            for (JsonNode statement : policy.path("Statement")) {
                String actions = statement.path("Action").toString();
                if (actions.contains("s3:DeleteObject")) {
                    deletes.add(statement.path("Resource").asText());
                }
                if (actions.contains("s3:ListBucket")) {
                    lists.add(statement.path("Condition").path("StringLike").path("s3:prefix").asText());
                }
            }
        }

        assertThat(deletes).singleElement().asString().endsWith("/" + S3InboundBucket.ATTACHMENTS_PREFIX + "*");
        assertThat(lists).containsExactly(S3InboundBucket.ATTACHMENTS_PREFIX + "*");
        assertThat(function.path("Environment").path("Variables").has(AftercareConfig.INBOUND_BUCKET)).as("it names the bucket").isTrue();
    }

    private static Map<String, JsonNode> functions() {
        Map<String, JsonNode> functions = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = TEMPLATE.path("Resources").fields(); it.hasNext(); ) {
            var resource = it.next();
            if (resource.getValue().path("Type").asText().equals("AWS::Serverless::Function")) {
                functions.put(resource.getKey(), resource.getValue());
            }
        }
        return functions;
    }

    private static String handlerClass(JsonNode function) {
        return function.path("Properties").path("Handler").asText().split("::")[0];
    }

    /** The event type a handler takes, found as the Lambda runtime finds it: on the class or on a superclass. */
    private static Type requestHandlerInput(Class<?> handler) {
        for (Class<?> type = handler; type != null; type = type.getSuperclass()) {
            for (Type implemented : type.getGenericInterfaces()) {
                if (implemented instanceof ParameterizedType parameterized && parameterized.getRawType() == RequestHandler.class) {
                    return parameterized.getActualTypeArguments()[0];
                }
            }
        }
        throw new AssertionError(handler + " does not implement RequestHandler");
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new HashSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode read() {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(RepositoryRoot.find().resolve("template.yaml").toFile());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

}
