package io.aftercare.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.aftercare.devkit.DynamoDbExtension;
import io.aftercare.devkit.SesEmulator;
import io.aftercare.devkit.SesEmulatorExtension;
import io.aftercare.devkit.SesMailbox;
import io.aftercare.devkit.TestTable;
import io.aftercare.domain.email.InboundDomain;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * DynamoDB requests per email, counted at the SDK, in a deployment that receives its customers' replies: the sweep's
 * claim, and everything the action worker asks for that email. The sweep's reading of the due index is shared by every action it finds, and is not counted here.
 */
@ExtendWith({DynamoDbExtension.class, SesEmulatorExtension.class})
class EmailRequestCountTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    /** Receiving replies: each email also keeps its reply code and SES's id for its thread. */
    private static final InboundDomain INBOUND = new InboundDomain("inbound.aftercare.example");
    private static final String SHOP_PARTITION = "SHOP#[^#]+";
    private static final List<SdkRequest> REQUESTS = new CopyOnWriteArrayList<>();
    private static Harness aftercare;
    private SesMailbox ses;

    /** A table and a clock of its own for each test: one's tickets do not come due in the other's sweeps. */
    @BeforeEach
    void freshTable(TestTable table, SesMailbox ses) {
        this.ses = ses;
        ExecutionInterceptor counter = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                REQUESTS.add(context.request());
            }
        };
        aftercare = new Harness(table, table.client(counter), NOW, ses, INBOUND);
        aftercare.registerShop("counted-mail", "generic");
        aftercare.admin("PATCH /admin/shops/{shop}", Map.of("shop", "counted-mail"), "{\"checkInDays\": 1}");
    }

    @Test
    void givenAWarmWorker_whenThankYousAndCheckInsAreSent_thenEachEmailCostsFourDynamoDbRequests() {
        int orders = 5;
        for (int i = 0; i < orders; i++) {
            order("CNT-" + i, "counted-" + i + "@example.com");
        }
        aftercare.sweepAndWork(); // warms the worker: the shop and its templates are cached from here on

        for (int i = orders; i < 2 * orders; i++) {
            order("CNT-" + i, "counted-" + i + "@example.com");
        }
        assertThat(sweepAndWorkCounted(orders)).as("requests per thank-you").isEqualTo(4 * orders);

        // the check-ins, due after the shop's delay: non-transactional, so the sending mark also checks unsubscribes and
        // complaints and starts the frequency cap
        aftercare.clock.advance(Duration.ofHours(25));
        assertThat(sweepAndWorkCounted(2 * orders)).as("requests for the check-ins").isEqualTo(4 * 2 * orders);
    }

    @Test
    void givenATicket_whenAnSlaWarningGoesToStaffAndAnAgentsReplyToTheCustomer_thenEachEmailCostsFourDynamoDbRequests() {
        aftercare.registerShop("counted-desk", "generic");
        // one contact at level 1 (no roles to look up), no chat, and the first escalation long after the SLA warning
        aftercare.admin("PATCH /admin/shops/{shop}", Map.of("shop", "counted-desk"), """
                {"support": {"escalation": [{"level": 1, "afterMinutes": 600, "contacts": ["team@desk.example"]}]}}""");
        var opened = aftercare.generic("counted-desk", aftercare.genericEvent("complaint.created", "evt-counted-1", """
                {"id": "counted-1", "subject": "Lid scratched", "message": "It arrived scratched.",
                 "customer": {"email": "counted-customer@example.com", "name": "Ola"}}"""));
        assertThat(opened.status()).isEqualTo(200);
        assertThat(sweepAndWorkCounted(1)).as("requests for the acknowledgement").isEqualTo(4);

        aftercare.clock.advance(Duration.ofMinutes(91)); // 75% of the normal priority's two hours to a first response
        assertThat(sweepAndWorkCounted(1)).as("requests for the SLA warning to staff").isEqualTo(4);
        assertThat(ses.emailsTo("team@desk.example")).extracting(SesEmulator.Email::subject).anyMatch(s -> s.contains("SLA warning"));

        long version = aftercare.ticket("counted-desk", "c-counted-1").path("version").asLong();
        assertThat(aftercare.agentBody("POST /api/shops/{shop}/tickets/{ticketId}/replies", Map.of("shop", "counted-desk", "ticketId", "c-counted-1"),
                "{\"version\": " + version + ", \"message\": \"A new lid is on its way.\", \"agent\": \"Ola\"}").status()).isEqualTo(200);
        assertThat(sweepAndWorkCounted(1)).as("requests for the agent's reply").isEqualTo(4);
        assertThat(ses.emailsTo("counted-customer@example.com")).extracting(SesEmulator.Email::text).anyMatch(t -> t.contains("A new lid is on its way."));
    }

    @Test
    void givenAResolvedTicket_whenItsSatisfactionSurveyIsSent_thenItCostsSixDynamoDbRequests() {
        aftercare.registerShop("counted-csat", "generic");
        var opened = aftercare.generic("counted-csat", aftercare.genericEvent("complaint.created", "evt-counted-csat", """
                {"id": "counted-csat", "subject": "Lid scratched", "message": "It arrived scratched.",
                 "customer": {"email": "counted-csat@example.com", "name": "Ola", "locale": "en"}}"""));
        assertThat(opened.status()).isEqualTo(200);
        aftercare.sweepAndWork();
        var ticket = Map.of("shop", "counted-csat", "ticketId", "c-counted-csat");
        long version = aftercare.ticket("counted-csat", "c-counted-csat").path("version").asLong();
        aftercare.agentBody("POST /api/shops/{shop}/tickets/{ticketId}/replies", ticket,
                "{\"version\": " + version + ", \"message\": \"A new lid is on its way.\", \"agent\": \"Ola\"}");
        aftercare.sweepAndWork();
        version = aftercare.ticket("counted-csat", "c-counted-csat").path("version").asLong();
        aftercare.agentBody("PATCH /api/shops/{shop}/tickets/{ticketId}", ticket, "{\"version\": " + version + ", \"status\": \"resolved\"}");

        aftercare.clock.advance(Duration.ofHours(23));
        aftercare.sweepAndWork(); // the first plan's deadlines, stale since the reply
        aftercare.clock.advance(Duration.ofHours(1).plusMinutes(1));

        // the claim, the ticket, the survey cap's query, the survey's record, the sending mark, the outcome
        assertThat(sweepAndWorkCounted(1)).as("requests for the satisfaction survey").isEqualTo(6);
        assertThat(ses.emailsTo("counted-csat@example.com")).extracting(SesEmulator.Email::subject).anyMatch(s -> s.startsWith("How satisfied"));
    }

    /**
     * One sweep and the work it queued, each action of which must send one email: the claims the sweep made plus every
     * request of the worker (the sweep's reading of the due index is shared by all it finds, and not counted; nor are
     * the reads of the shop and its templates, cached for a minute: once per shop and minute, not per email).
     */
    private long sweepAndWorkCounted(int emails) {
        int before = ses.emails().size();
        REQUESTS.clear();
        new SweepHandler(aftercare.app).handleRequest(new ScheduledEvent(), null);
        long claims = REQUESTS.stream().filter(EmailRequestCountTest::claim).count();
        REQUESTS.clear();
        aftercare.work();
        long shopReads = REQUESTS.stream().filter(EmailRequestCountTest::shopRead).count();
        assertThat(shopReads).as("the shop and its templates, read again once their cache ran out").isLessThanOrEqualTo(2);
        long worker = REQUESTS.size() - shopReads;
        assertThat(claims).as("actions claimed").isEqualTo(emails);
        assertThat(ses.emails()).hasSize(before + emails);
        return claims + worker;
    }

    /** A read of the shop's own partition: its settings or its template overrides. */
    private static boolean shopRead(SdkRequest request) {
        return switch (request) {
            case GetItemRequest get -> get.key().get("PK").s().matches(SHOP_PARTITION);
            case QueryRequest query -> query.keyConditionExpression().startsWith("PK = ")
                    && query.expressionAttributeValues().values().stream().anyMatch(v -> v.s() != null && v.s().matches(SHOP_PARTITION));
            default -> false;
        };
    }

    /** The sweep's claim of an action (the cursor's updates are the sweep's own, shared by all). */
    private static boolean claim(SdkRequest request) {
        return request instanceof UpdateItemRequest update && update.key().get("PK").s().contains("#ACTION#");
    }

    private static void order(String id, String email) {
        var response = aftercare.generic("counted-mail", """
                {"schema": "aftercare.webhook.v1", "id": "evt-%s", "type": "order.created", "occurred_at": "%s", "data":
                 {"id": "%s", "number": "#%s", "created_at": "%s", "currency": "PLN", "total": "129.90",
                  "customer": {"email": "%s", "name": "Ola", "locale": "pl"},
                  "lines": [{"title": "Stovetop kettle", "quantity": 1, "price": "129.90"}]}}"""
                .formatted(id, aftercare.clock.instant(), id, id, aftercare.clock.instant(), email));
        assertThat(response.status()).isEqualTo(200);
    }
}
