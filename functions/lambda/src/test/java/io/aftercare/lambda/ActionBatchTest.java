package io.aftercare.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aftercare.devkit.CapturedOutput;
import io.aftercare.devkit.DynamoDbExtension;
import io.aftercare.devkit.FaultProxy;
import io.aftercare.devkit.SesEmulator;
import io.aftercare.devkit.SesEmulatorExtension;
import io.aftercare.devkit.SesMailbox;
import io.aftercare.devkit.TestTable;
import io.aftercare.domain.action.ClaimedAction;
import io.aftercare.lambda.queue.ActionMessages;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * A batch's messages run at once: each keeps its own log context, a message there twice sends once, and one still
 * running when the invocation's time is nearly up is left to SQS (one failing among them: DeliveryFaultsTest).
 */
@ExtendWith({DynamoDbExtension.class, SesEmulatorExtension.class})
class ActionBatchTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final SendsUnderway SENDING = new SendsUnderway();

    private static SesMailbox ses;
    private static FaultProxy proxy;
    private static Harness aftercare;

    @BeforeAll
    static void start(TestTable table, SesMailbox emulator) {
        ses = emulator;
        proxy = new FaultProxy(emulator.endpoint());
        aftercare = new Harness(table, Instant.parse("2026-11-23T10:00:00Z"), () -> SesEmulator.client(proxy.endpoint(), SENDING));
        aftercare.registerShop("batch-shop", "generic");
        aftercare.registerShop("other-batch-shop", "generic");
    }

    @AfterEach
    void heal() {
        proxy.heal();
    }

    @AfterAll
    static void stop() {
        proxy.close();
    }

    @Test
    void givenABatchWhereOneSendHangs_whenTheInvocationsTimeIsNearlyUp_thenThatMessageIsReportedFailedAndTheOthersAreDone() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 3; i++) {
            aftercare.newOrder("batch-shop", "H" + run + "-" + i, "hanging-" + run + "-" + i + "@example.com");
        }
        proxy.stallRequestsTo("hanging-" + run + "-1@example.com");
        aftercare.app.sweep().run();
        List<ClaimedAction> actions = aftercare.receive().stream().map(m -> ActionMessages.read(m.body()).action().orElseThrow()).toList();
        SQSEvent event = ActionMessages.event(actions);
        String hanging = event.getRecords().stream().filter(m -> ActionMessages.read(m.getBody()).ref().actionId().endsWith("H" + run + "-1"))
                .findFirst().orElseThrow().getMessageId();

        SQSBatchResponse response = new ActionHandler(aftercare.app).handleRequest(event, new InvocationContext(ActionHandler.MARGIN.plusSeconds(8)));

        assertThat(actions).hasSize(3);
        // the proxy holds it until heal() and the SDK waits 30 s on a read: a handler that waited for the send would have seen it end
        assertThat(SENDING.to("hanging-" + run + "-1@example.com")).as("the hanging send still underway when the handler answered").isTrue();
        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier).containsExactly(hanging);
        assertThat(ses.emailsTo("hanging-" + run + "-1@example.com")).isEmpty();
        assertThat(ses.emailsTo("hanging-" + run + "-0@example.com")).hasSize(1);
        assertThat(ses.emailsTo("hanging-" + run + "-2@example.com")).hasSize(1);
    }

    @Test
    void givenEveryMessageOfABatchThereTwice_whenItRunsAtOnce_thenEachCustomerGetsOneEmailAndOneSentEntry() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 5; i++) {
            aftercare.newOrder("batch-shop", "D" + run + "-" + i, "doubled-" + run + "-" + i + "@example.com");
        }
        aftercare.app.sweep().run();
        List<Message> received = aftercare.receive();
        List<ClaimedAction> doubled = new ArrayList<>();
        received.forEach(m -> doubled.add(ActionMessages.read(m.body()).action().orElseThrow()));
        doubled.addAll(List.copyOf(doubled)); // SQS delivers at least once: the same message can come twice in one batch

        SQSBatchResponse response = new ActionHandler(aftercare.app).handleRequest(ActionMessages.event(doubled), null);
        SQSBatchResponse again = aftercare.work(received); // and once more later, through the queue, which deletes them

        assertThat(received).hasSize(5);
        assertThat(response.getBatchItemFailures()).as("the copy that lost the sending mark is done with, not retried").isEmpty();
        assertThat(again.getBatchItemFailures()).isEmpty();
        for (int i = 0; i < 5; i++) {
            assertThat(ses.emailsTo("doubled-" + run + "-" + i + "@example.com")).as("order " + i).hasSize(1);
            assertThat(aftercare.orderSummaries("batch-shop", "D" + run + "-" + i)).filteredOn(s -> s.startsWith("Thank-you email sent")).hasSize(1);
        }
    }

    @Test
    void givenABatchOfTwoShopsActions_whenItRunsAtOnce_thenEachLogLineCarriesItsOwnActionIdAndShop() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 5; i++) {
            aftercare.newOrder("batch-shop", "L" + run + "-" + i, "logged-" + run + "-" + i + "@example.com");
            aftercare.newOrder("other-batch-shop", "M" + run + "-" + i, "logged-other-" + run + "-" + i + "@example.com");
        }
        aftercare.app.sweep().run();
        List<Message> batch = aftercare.receive();
        Map<String, String> shopOf = new HashMap<>();
        batch.forEach(m -> {
            var ref = ActionMessages.read(m.body()).ref();
            shopOf.put(ref.actionId(), ref.shop().value());
        });
        assertThat(batch).hasSize(10);

        String output = CapturedOutput.of(() -> aftercare.work(batch));

        Map<String, JsonNode> lineOf = new HashMap<>();
        for (String line : output.split("\n")) {
            if (line.startsWith("{") && line.contains("\"action ")) {
                JsonNode logged = JSON.readTree(line);
                String message = logged.path("message").asText();
                if (message.startsWith("action ") && message.contains(": ")) {
                    lineOf.put(message.substring("action ".length(), message.indexOf(": ")), logged);
                }
            }
        }
        assertThat(lineOf.keySet()).containsExactlyInAnyOrderElementsOf(shopOf.keySet());
        lineOf.forEach((actionId, logged) -> {
            assertThat(logged.path("action_id").asText()).as("the action id of " + actionId + "'s line").isEqualTo(actionId);
            assertThat(logged.path("shop").asText()).as("the shop of " + actionId + "'s line").isEqualTo(shopOf.get(actionId));
        });
    }

    /** Which recipients' SendEmail calls have begun and not yet ended, answered or failed. */
    static final class SendsUnderway implements ExecutionInterceptor {

        private final Map<String, Integer> underway = new ConcurrentHashMap<>();

        boolean to(String address) {
            return underway.containsKey(address);
        }

        @Override
        public void beforeExecution(software.amazon.awssdk.core.interceptor.Context.BeforeExecution context, ExecutionAttributes attributes) {
            recipients(context.request()).forEach(to -> underway.merge(to, 1, Integer::sum));
        }

        @Override
        public void afterExecution(software.amazon.awssdk.core.interceptor.Context.AfterExecution context, ExecutionAttributes attributes) {
            ended(context.request());
        }

        @Override
        public void onExecutionFailure(software.amazon.awssdk.core.interceptor.Context.FailedExecution context, ExecutionAttributes attributes) {
            ended(context.request());
        }

        private void ended(SdkRequest request) {
            recipients(request).forEach(to -> underway.computeIfPresent(to, (address, count) -> count > 1 ? count - 1 : null));
        }

        private static List<String> recipients(SdkRequest request) {
            return request instanceof SendEmailRequest send ? send.destination().toAddresses() : List.of();
        }
    }

    /** A Lambda context whose invocation ends {@code time} after it is made. */
    static final class InvocationContext implements Context {

        private final Instant end;

        InvocationContext(Duration time) {
            this.end = Instant.now().plus(time);
        }

        @Override
        public int getRemainingTimeInMillis() {
            return (int) Duration.between(Instant.now(), end).toMillis();
        }

        @Override
        public String getAwsRequestId() {
            return "batch-test-request";
        }

        @Override
        public String getLogGroupName() {
            return "/aws/lambda/aftercare-actions";
        }

        @Override
        public String getLogStreamName() {
            return "batch-test";
        }

        @Override
        public String getFunctionName() {
            return "aftercare-actions";
        }

        @Override
        public String getFunctionVersion() {
            return "$LATEST";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:eu-west-1:000000000000:function:aftercare-actions";
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getMemoryLimitInMB() {
            return 512;
        }

        @Override
        public LambdaLogger getLogger() {
            return null;
        }
    }
}
