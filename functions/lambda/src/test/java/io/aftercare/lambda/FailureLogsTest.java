package io.aftercare.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.aftercare.devkit.AdjustableClock;
import io.aftercare.devkit.CapturedOutput;
import io.aftercare.devkit.DynamoDbExtension;
import io.aftercare.devkit.FaultProxy;
import io.aftercare.devkit.Ports;
import io.aftercare.devkit.SesEmulator;
import io.aftercare.devkit.SesEmulatorExtension;
import io.aftercare.devkit.SesMailbox;
import io.aftercare.devkit.TestQueues;
import io.aftercare.devkit.TestTable;
import io.aftercare.devkit.WebhookSigner;
import io.aftercare.lambda.http.HttpRequest;
import io.aftercare.lambda.http.Routes;
import io.aftercare.lambda.queue.SqsActionQueue;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Error paths as the logs show them: SES failing with a text that names the recipient, SES unreachable, the table
 * gone, and an unexpected exception carrying a URL and an address. Each log says what failed (class, AWS error code,
 * request id) and holds no address, URL, secret or stack trace.
 */
@ExtendWith({DynamoDbExtension.class, SesEmulatorExtension.class})
class FailureLogsTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static FaultProxy proxy;

    @BeforeAll
    static void start(SesMailbox mailbox) {
        proxy = new FaultProxy(mailbox.endpoint());
    }

    @AfterAll
    static void stop() {
        proxy.close();
    }

    @Test
    void givenSesFailingWithATextThatNamesTheRecipient_whenTheThankYouIsSent_thenTheLogNamesTheErrorCodeAndRequestIdButNotTheAddress(TestTable table)
            throws Exception {
        var aftercare = new Harness(table, NOW, () -> SesEmulator.client(proxy.endpoint()));
        aftercare.registerShop("ses-failing", "generic");
        order(aftercare, "ses-failing", "F-1", "jane.failing@example.com");
        proxy.failNext(Integer.MAX_VALUE, new FaultProxy.Fault(500, "InternalFailure", "Internal failure sending to jane.failing@example.com"));

        var response = new AtomicReference<SQSBatchResponse>();
        String log = CapturedOutput.of(() -> response.set(aftercare.sweepAndWork()));
        proxy.heal();

        assertThat(response.get().getBatchItemFailures()).hasSize(1);
        assertThat(log).contains("failed and will be retried: SesV2Exception (code InternalFailure, status 500, request id ",
                "Internal failure sending to j***@example.com");
        LogScan.assertClean(log, Harness.SECRET);
    }

    @Test
    void givenSesUnreachable_whenTheThankYouIsSent_thenItIsRetriedLaterAndTheLogNamesTheClientError(TestTable table) throws Exception {
        URI closed = URI.create("http://127.0.0.1:" + Ports.free());
        var aftercare = new Harness(table, NOW, () -> SesEmulator.client(closed));
        aftercare.registerShop("ses-unreachable", "generic");
        order(aftercare, "ses-unreachable", "F-2", "jane.unreachable@example.com");

        var response = new AtomicReference<SQSBatchResponse>();
        String log = CapturedOutput.of(() -> response.set(aftercare.sweepAndWork()));

        assertThat(response.get().getBatchItemFailures()).hasSize(1);
        assertThat(log).contains("failed and will be retried: SdkClientException");
        LogScan.assertClean(log, Harness.SECRET);
    }

    @Test
    void givenTheTableGone_whenAWebhookAnAdminCallAndASweepRun_thenEachFailsAndTheLogNamesTheErrorCodeWithoutAStackTrace(TestTable table)
            throws Exception {
        var app = Aftercare.builder().dynamo(table.client(), "no-such-table").adminToken(() -> Harness.ADMIN_TOKEN)
                .clock(new AdjustableClock(NOW)).actionQueue(() -> {
                    var queues = TestQueues.actions();
                    return new SqsActionQueue(TestQueues.sqs().client(), queues.urgent().url(), queues.bulk().url());
                })
                .build();
        byte[] body = "{\"schema\": \"aftercare.webhook.v1\"}".getBytes(StandardCharsets.UTF_8);
        var webhook = Harness.event("POST /webhooks/{platform}/{shop}", Map.of("platform", "generic", "shop", "gone"),
                WebhookSigner.generic(Harness.SECRET, body), body);
        var admin = Harness.event("GET /admin/shops/{shop}", Map.of("shop", "gone"),
                Map.of("Authorization", "Bearer " + Harness.ADMIN_TOKEN), new byte[0]);

        var answers = new int[2];
        String log = CapturedOutput.of(() -> {
            answers[0] = new WebhookHandler(app).handleRequest(webhook, null).getStatusCode();
            answers[1] = new AdminHandler(app).handleRequest(admin, null).getStatusCode();
            assertThatThrownBy(() -> new SweepHandler(app).handleRequest(new ScheduledEvent(), null))
                    .isInstanceOf(Invocations.InvocationFailed.class).hasNoCause()
                    .hasMessageStartingWith("ResourceNotFoundException (code ResourceNotFoundException, status 400, request id ");
        });

        assertThat(answers).containsExactly(500, 500);
        assertThat(log).contains("webhook failed; the platform will retry: ResourceNotFoundException (code ResourceNotFoundException, status 400",
                "GET /admin/shops/{shop} failed: ResourceNotFoundException (code ResourceNotFoundException",
                "invocation failed: ResourceNotFoundException (code ResourceNotFoundException");
        LogScan.assertClean(log, Harness.SECRET, Harness.ADMIN_TOKEN);
    }

    @Test
    void givenTheTableGone_whenAWebhookAnAdminCallAndATicketReadFail_thenEachFailureLineCarriesItsShopPlatformAndTicketButNoToken(TestTable table)
            throws Exception {
        var app = Aftercare.builder().dynamo(table.client(), "no-such-table").adminToken(() -> Harness.ADMIN_TOKEN)
                .clock(new AdjustableClock(NOW)).build();
        byte[] body = "{\"schema\": \"aftercare.webhook.v1\"}".getBytes(StandardCharsets.UTF_8);
        var auth = Map.of("Authorization", "Bearer " + Harness.ADMIN_TOKEN);

        String log = CapturedOutput.of(() -> {
            new WebhookHandler(app).handleRequest(Harness.event("POST /webhooks/{platform}/{shop}", Map.of("platform", "generic", "shop", "gone-hook"),
                    WebhookSigner.generic(Harness.SECRET, body), body), null);
            new AdminHandler(app).handleRequest(Harness.event("GET /admin/shops/{shop}", Map.of("shop", "gone-admin"), auth, new byte[0]), null);
            new AgentApiHandler(app).handleRequest(Harness.event("GET /api/shops/{shop}/tickets/{ticketId}",
                    Map.of("shop", "gone-desk", "ticketId", "T-42"), auth, new byte[0]), null);
        });

        assertThat(log.lines().filter(line -> line.contains("failed")).toList()).satisfiesExactly(
                webhook -> assertThat(webhook).contains("webhook failed", "\"shop\":\"gone-hook\"", "\"platform\":\"generic\""),
                admin -> assertThat(admin).contains("GET /admin/shops/{shop} failed", "\"shop\":\"gone-admin\"").doesNotContain("platform"),
                agent -> assertThat(agent).contains("GET /api/shops/{shop}/tickets/{ticketId} failed", "\"shop\":\"gone-desk\"",
                        "\"ticket_id\":\"T-42\""));
        LogScan.assertClean(log, Harness.SECRET, Harness.ADMIN_TOKEN);
    }

    @Test
    void givenAnUnexpectedExceptionCarryingAChatUrlAndAnAddress_whenItReachesThe500Handler_thenTheAnswerAndTheLogNameItsClassOnly() throws Exception {
        String secretUrl = "https://hooks.slack.com/services/T000/B000/xoxb-secret-0123";
        // a route RouteAccess lists: Routes serves no other
        var routes = Routes.open().on("GET /u/{token}", request -> {
            throw new IllegalStateException("could not notify jane.doe@example.com",
                    new IllegalArgumentException("Illegal character in path at index 40: " + secretUrl));
        });

        var answer = new AtomicReference<APIGatewayV2HTTPResponse>();
        String log = CapturedOutput.of(() -> answer.set(routes.handle(HttpRequest.of(Harness.event("GET /u/{token}", Map.of(), Map.of(), new byte[0])))));

        assertThat(answer.get().getStatusCode()).isEqualTo(500);
        assertThat(answer.get().getBody()).doesNotContain("xoxb-secret", "jane.doe", "Illegal");
        assertThat(log).contains("GET /u/{token} failed: IllegalStateException: could not notify j***@example.com at FailureLogsTest.",
                "caused by IllegalArgumentException: Illegal character in path at index 40: <url>");
        LogScan.assertClean(log, "xoxb-secret", "hooks.slack.com");
    }

    private static void order(Harness aftercare, String shop, String id, String email) {
        var response = aftercare.generic(shop, """
                {"schema": "aftercare.webhook.v1", "id": "evt-%1$s", "type": "order.created", "occurred_at": "%2$s",
                 "data": {"id": "%1$s", "created_at": "%2$s", "currency": "EUR", "total": "10.00",
                          "customer": {"email": "%3$s", "locale": "en"}, "lines": [{"title": "Mug", "quantity": 1, "price": "10.00"}]}}"""
                .formatted(id, aftercare.clock.instant(), email));
        assertThat(response.status()).isEqualTo(200);
    }
}
