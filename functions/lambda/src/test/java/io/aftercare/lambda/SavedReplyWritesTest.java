package io.aftercare.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.devkit.DynamoDbExtension;
import io.aftercare.devkit.TestTable;
import io.aftercare.domain.PageRequest;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.timeline.EntryParam;
import io.aftercare.domain.timeline.EntryText;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * A saved reply's change and the audit entry naming who made it are one DynamoDB transaction, so neither is kept
 * without the other; a delete reads the reply by its key, not the shop's whole list. The requests are counted at the SDK.
 */
@ExtendWith(DynamoDbExtension.class)
class SavedReplyWritesTest {

    private static final String SHOP = "replies-desk";
    private static final Map<String, String> PATH = Map.of("shop", SHOP);
    private final List<String> operations = new CopyOnWriteArrayList<>();
    private Harness aftercare;

    @BeforeEach
    void aShop(TestTable table) {
        ExecutionInterceptor recorder = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                operations.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
            }
        };
        aftercare = new Harness(table, table.client(recorder), Instant.parse("2026-12-01T10:00:00Z"));
        aftercare.registerShop(SHOP, "generic");
        aftercare.agent("GET /api/shops/{shop}/saved-replies", PATH, Map.of()); // warms the shop cache
    }

    @Test
    void givenASavedReplyAddedChangedAndDeleted_whenEachIsWritten_thenTheReplyAndItsAuditEntryAreOneTransaction() {
        operations.clear();
        var added = aftercare.agentBody("POST /api/shops/{shop}/saved-replies", PATH, "{\"title\": \"Late parcel\", \"body\": \"Sorry, {{name}}.\"}");
        assertThat(added.status()).isEqualTo(201);
        assertThat(writes()).containsExactly("TransactWriteItems");
        String id = added.json().path("id").asText();

        operations.clear();
        assertThat(aftercare.agentBody("PUT /api/shops/{shop}/saved-replies/{replyId}", Map.of("shop", SHOP, "replyId", id),
                "{\"title\": \"Delayed parcel\", \"body\": \"Sorry.\"}").status()).isEqualTo(200);
        assertThat(writes()).containsExactly("TransactWriteItems");

        operations.clear();
        assertThat(aftercare.agentBody("DELETE /api/shops/{shop}/saved-replies/{replyId}", Map.of("shop", SHOP, "replyId", id), "").status())
                .isEqualTo(200);
        assertThat(operations).as("read by its key, not found in a list of them all").doesNotContain("Query");
        assertThat(writes()).containsExactly("TransactWriteItems");

        assertThat(audit()).as("newest first").containsExactly("SAVED_REPLY_DELETED Delayed parcel", "SAVED_REPLY_CHANGED Delayed parcel",
                "SAVED_REPLY_ADDED Late parcel");
    }

    @Test
    void givenAReplyThatIsNotThere_whenChangedOrDeleted_thenItIs404AndNoAuditEntryIsWritten() {
        var changed = aftercare.agentBody("PUT /api/shops/{shop}/saved-replies/{replyId}", Map.of("shop", SHOP, "replyId", "gone"),
                "{\"title\": \"Gone\", \"body\": \"Hi\"}");
        var deleted = aftercare.agentBody("DELETE /api/shops/{shop}/saved-replies/{replyId}", Map.of("shop", SHOP, "replyId", "gone"), "");

        assertThat(changed.status()).isEqualTo(404);
        assertThat(deleted.status()).isEqualTo(404);
        assertThat(audit()).isEmpty();
    }

    private List<String> writes() {
        return operations.stream().filter(op -> !op.equals("Query") && !op.equals("GetItem")).toList();
    }

    private List<String> audit() {
        return aftercare.app.timelines().shopTimeline(new ShopId(SHOP), PageRequest.first(50)).items().stream()
                .map(entry -> entry.text() instanceof EntryText.Phrased phrased && phrased.params().get("title") instanceof EntryParam.Text title
                        ? phrased.phrase().name() + " " + title.value() : entry.text().toString())
                .toList();
    }
}
