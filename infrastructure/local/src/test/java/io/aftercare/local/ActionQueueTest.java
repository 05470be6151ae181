package io.aftercare.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aftercare.devkit.CapturedOutput;
import io.aftercare.devkit.QueueWorker;
import io.aftercare.devkit.AdjustableClock;
import io.aftercare.devkit.TemplateQueue;
import io.aftercare.devkit.WebhookSigner;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.action.ActionWorker;
import io.aftercare.domain.action.Sweep;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The action queue as AWS runs it: ElasticMQ with the visibility timeout, receive count and DLQ of
 * {@code template.yaml} (the timeout shortened to a second, so a redelivery comes within the test), the real SQS
 * client, and the action handler fed and acknowledged as the event source mapping does.
 */
class ActionQueueTest {

    private static final String TOKEN = "queue-test-admin-token-0123456789";
    private static final Duration VISIBILITY = Duration.ofSeconds(1);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final FailingReads faults = new FailingReads();
    private static final AdjustableClock clock = new AdjustableClock(Instant.now());
    private static LocalAftercare local;

    @BeforeAll
    static void start() {
        local = LocalAftercare.start(LocalAftercare.Settings.ephemeral(TOKEN, clock).watchingDynamoDb(faults).withVisibilityTimeout(VISIBILITY));
        DemoShops.registerIfAbsent(local.app().shops(), local.app().discountPool());
    }

    @AfterAll
    static void stop() {
        local.close();
    }

    @Test
    void givenTheTemplate_whenTheLocalQueuesAreMade_thenEachTakesTheTemplatesReceiveCountAndDeadLetterQueue() {
        var queue = TemplateQueue.actionsFromRepository();
        var urgent = TemplateQueue.urgentActionsFromRepository();

        assertThat(queue.maxReceiveCount()).isEqualTo(5);
        assertThat(queue.deadLetterQueue()).isEqualTo("ActionDeadLetterQueue");
        assertThat(queue.visibilityTimeout()).isEqualTo(Duration.ofSeconds(180));
        assertThat(urgent.maxReceiveCount()).isEqualTo(5);
        assertThat(urgent.deadLetterQueue()).isEqualTo("UrgentActionDeadLetterQueue");
        assertThat(local.queues().urls()).containsExactly(local.queues().urgent().url(), local.queues().bulk().url()).doesNotHaveDuplicates();
    }

    @Test
    void givenAMessageThatKeepsFailing_whenReceivedMaxReceiveCountTimes_thenItEndsInTheDeadLetterQueue() throws Exception {
        var sqs = local.sqs();
        var queues = local.queues().bulk();
        sqs.client().sendMessage(b -> b.queueUrl(queues.url()).messageBody("not an action message"));

        int failures = 0;
        for (int i = 0; i < 20 && sqs.messagesIn(queues.deadLetterUrl()) == 0; i++) {
            failures += local.worker().poll(Duration.ofSeconds(2)).failed();
        }

        assertThat(failures).isEqualTo(TemplateQueue.actionsFromRepository().maxReceiveCount());
        assertThat(sqs.messagesIn(queues.url())).isZero();
        var dead = sqs.client().receiveMessage(b -> b.queueUrl(queues.deadLetterUrl())).messages();
        assertThat(dead).extracting(m -> m.body()).containsExactly("not an action message");
    }

    @Test
    void givenAHandlerThatFailsOnce_whenTheVisibilityTimeoutEnds_thenTheMessageComesAgainAndTheEmailIsSentOnce() throws Exception {
        Thread.sleep(VISIBILITY.toMillis() + 500);
        local.worker().drain(); // what other tests left failing comes back now, not in the middle of this one
        order("Q-AGAIN", "again@example.com");
        faults.fail("ORDER#Q-AGAIN", 1);

        assertThat(local.sweep().failed()).isEqualTo(1);
        assertThat(local.worker().drain().received()).as("hidden until its visibility timeout").isZero();
        Thread.sleep(VISIBILITY.toMillis() + 500);
        var again = local.worker().poll(Duration.ofSeconds(2));

        assertThat(again.received()).isEqualTo(1);
        assertThat(again.failed()).isZero();
        assertThat(local.ses().emailsTo("again@example.com")).hasSize(1);
        assertThat(local.sqs().messagesIn(local.queues().bulk().url())).isZero();
    }

    @Test
    void givenAnActionThatFailsEveryTime_whenItWasClaimedMaxAttemptsTimes_thenItEndsAsFailedOnTheTimelineAndIsCountedAsAbandoned() throws Exception {
        order("Q-POISON", "poison@example.com");
        faults.fail("ORDER#Q-POISON", Integer.MAX_VALUE);

        for (int attempt = 1; attempt <= ActionWorker.MAX_ATTEMPTS; attempt++) {
            assertThat(local.sweep().failed()).as("attempt " + attempt).isEqualTo(1);
            clock.advance(Sweep.LEASE.plusSeconds(1)); // the lease runs out; the next sweep claims it again
        }
        var abandoned = new QueueWorker.Polled[1];
        String output = CapturedOutput.of(() -> abandoned[0] = local.sweep());
        clock.advance(Sweep.LEASE.plusSeconds(1));
        faults.fail("", 0); // so the timeline can be read

        assertThat(abandoned[0].failed()).isZero();
        assertThat(output).contains("\"ActionsAbandoned\"", "\"Service\":\"actions\"", "thank-you#Q-POISON: FAILED ATTEMPTS_EXHAUSTED");
        assertThat(summaries("Q-POISON")).contains("Thank-you email given up: it did not finish in 5 attempts");
        assertThat(local.app().sweep().run().claimed()).as("nothing left to claim").isZero();
        assertThat(local.ses().emailsTo("poison@example.com")).isEmpty();
    }

    @Test
    void givenTheDemoShops_whenTheGenericOnesThankYouIsSent_thenItCarriesACodeFromItsUploadedPoolAndTheOthersPromiseNoCodeTheyCannotMake() throws Exception {
        order("Q-CODE", "code@example.com");

        local.sweep();

        assertThat(local.ses().emailsTo("code@example.com")).singleElement()
                .satisfies(email -> assertThat(email.text()).containsPattern("DEMO-THANKS-\\d{3}"));
        assertThat(summaries("Q-CODE")).noneMatch(summary -> summary.contains("without its code"));
        for (String platformShop : List.of("demo-shopify", "demo-woocommerce")) {
            assertThat(local.app().shops().show(new ShopId(platformShop)).settings().thankYouDiscount()).as(platformShop).isEmpty();
        }
    }

    private static void order(String id, String email) throws Exception {
        byte[] body = """
                {"schema": "aftercare.webhook.v1", "id": "evt-%s", "type": "order.created", "occurred_at": "%s", "data":
                 {"id": "%s", "number": "#%s", "created_at": "%s", "currency": "EUR", "total": "10.00",
                  "customer": {"email": "%s", "name": "Ann"}, "lines": [{"title": "Kettle", "quantity": 1, "price": "10.00"}]}}"""
                .formatted(id, clock.instant(), id, id, clock.instant(), email).getBytes(StandardCharsets.UTF_8);
        var request = HttpRequest.newBuilder(local.baseUri().resolve("/webhooks/generic/demo-generic")).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        WebhookSigner.generic(DemoShops.SECRET, body).forEach(request::header);
        assertThat(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

    private static List<String> summaries(String orderId) throws Exception {
        URI uri = local.baseUri().resolve("/api/shops/demo-generic/orders/" + orderId + "/timeline?limit=200&lang=en");
        var response = HTTP.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        List<String> summaries = new ArrayList<>();
        for (JsonNode entry : JSON.readTree(response.body()).path("items")) {
            summaries.add(entry.path("summary").asText());
        }
        return summaries;
    }

    /** DynamoDB reads of a partition fail, as a throttled table or a bug in reading it would: the action's run throws. */
    private static final class FailingReads implements ExecutionInterceptor {

        private volatile String marker = "";
        private final AtomicInteger left = new AtomicInteger();

        void fail(String partition, int times) {
            marker = partition;
            left.set(times);
        }

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            SdkRequest request = context.request();
            if ((request instanceof GetItemRequest || request instanceof QueryRequest) && !marker.isEmpty()
                    && request.toString().contains(marker) && left.getAndDecrement() > 0) {
                throw new IllegalStateException("reading " + marker + " failed");
            }
        }
    }
}
