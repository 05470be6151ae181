package io.aftercare.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.aftercare.devkit.DynamoDbExtension;
import io.aftercare.devkit.SesEmulator;
import io.aftercare.devkit.SesEmulatorExtension;
import io.aftercare.devkit.TestTable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * DynamoDB requests per email, counted at the SDK: the sweep's claim, and everything the action worker asks for that
 * email. The sweep's reading of the due index is shared by every action it finds, and is not counted here.
 */
@ExtendWith({DynamoDbExtension.class, SesEmulatorExtension.class})
class EmailRequestCountTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final List<SdkRequest> REQUESTS = new CopyOnWriteArrayList<>();
    private static Harness aftercare;
    private static SesEmulator ses;

    @BeforeAll
    static void start(TestTable table, SesEmulator emulator) {
        ses = emulator;
        ExecutionInterceptor counter = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                REQUESTS.add(context.request());
            }
        };
        aftercare = new Harness(table, table.client(counter), NOW, emulator);
        aftercare.registerShop("counted-mail", "generic");
        aftercare.admin("PATCH /admin/shops/{shop}", Map.of("shop", "counted-mail"), "{\"checkInDays\": 1}");
    }

    @Test
    void givenAWarmWorker_whenThankYousAndCheckInsAreSent_thenEachEmailCostsFiveDynamoDbRequestsInsteadOfSeven() {
        int orders = 5;
        for (int i = 0; i < orders; i++) {
            order("CNT-" + i, "counted-" + i + "@example.com");
        }
        aftercare.sweepAndWork(); // warms the worker: the shop and its templates are cached from here on
        int before = ses.emails().size();

        for (int i = orders; i < 2 * orders; i++) {
            order("CNT-" + i, "counted-" + i + "@example.com");
        }
        REQUESTS.clear();
        new SweepHandler(aftercare.app).handleRequest(new ScheduledEvent(), null);
        long claims = REQUESTS.stream().filter(EmailRequestCountTest::claim).count();
        REQUESTS.clear();
        aftercare.work();
        int worker = REQUESTS.size();

        assertThat(ses.emails()).hasSize(before + orders);
        assertThat(claims).isEqualTo(orders);
        assertThat((claims + worker) / (double) orders).as("requests per thank-you").isLessThanOrEqualTo(5);

        // the check-ins, due after the shop's delay: non-transactional, so the completion also writes the frequency cap
        before = ses.emails().size();
        aftercare.clock.advance(Duration.ofHours(25));
        REQUESTS.clear();
        new SweepHandler(aftercare.app).handleRequest(new ScheduledEvent(), null);
        claims = REQUESTS.stream().filter(EmailRequestCountTest::claim).count();
        REQUESTS.clear();
        aftercare.work();
        worker = REQUESTS.size();

        assertThat(ses.emails()).hasSize(before + 2 * orders);
        // plus, once a day later, the shop and its templates read again: once per shop and minute, not per email
        assertThat(claims + worker).as("requests for the check-ins").isLessThanOrEqualTo(5 * 2 * orders + 2);
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
