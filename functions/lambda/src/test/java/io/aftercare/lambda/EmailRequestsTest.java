package io.aftercare.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.devkit.DynamoDbExtension;
import io.aftercare.devkit.SesEmulatorExtension;
import io.aftercare.devkit.SesMailbox;
import io.aftercare.devkit.TestTable;
import io.aftercare.domain.email.InboundDomain;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * DynamoDB requests per email, counted at the SDK, in a deployment that receives its customers' replies (so each email
 * keeps its reply code and SES's id for its thread): the sweep's claim, then the worker's read of the order, the
 * sending mark and the record.
 */
@ExtendWith({DynamoDbExtension.class, SesEmulatorExtension.class})
class EmailRequestsTest {

    private static final InboundDomain INBOUND = new InboundDomain("inbound.aftercare.example");
    private final List<String> requests = new CopyOnWriteArrayList<>();

    @Test
    void givenADeploymentThatReceivesReplies_whenAThankYouIsSent_thenItCostsTheClaimAndThreeRequestsOfTheWorker(TestTable table, SesMailbox ses) {
        ExecutionInterceptor counter = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                requests.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
            }
        };
        var aftercare = new Harness(table, table.client(counter), Instant.parse("2026-11-30T09:00:00Z"), ses, INBOUND);
        aftercare.registerShop("counted-mail", "generic");
        aftercare.newOrder("counted-mail", "warm-1", "warm@example.com");
        aftercare.sweepAndWork(); // the shop and its templates cached, as in a warm function
        aftercare.newOrder("counted-mail", "count-1", "counted@example.com");

        requests.clear();
        aftercare.app.sweep().run();
        List<String> sweep = List.copyOf(requests);
        requests.clear();
        aftercare.work();

        assertThat(sweep).as("one claim for the one due email").filteredOn("UpdateItem"::equals).hasSize(1);
        assertThat(requests).as("the order's read, the sending mark with the reply code, the record with SES's id")
                .containsExactly("Query", "TransactWriteItems", "TransactWriteItems");
        var email = ses.emailsTo("counted@example.com");
        assertThat(email).hasSize(1);
        assertThat(email.getFirst().replyTo()).singleElement().asString().endsWith("@" + INBOUND.value());
    }
}
