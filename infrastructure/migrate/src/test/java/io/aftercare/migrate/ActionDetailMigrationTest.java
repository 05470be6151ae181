package io.aftercare.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.devkit.DynamoDbExtension;
import io.aftercare.devkit.TestTable;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.action.ActionDetail;
import io.aftercare.domain.action.ActionKind;
import io.aftercare.domain.action.ActionOutcome;
import io.aftercare.domain.action.ActionRef;
import io.aftercare.domain.action.DueAction;
import io.aftercare.domain.action.Reason;
import io.aftercare.domain.email.EmailKind;
import io.aftercare.domain.order.OrderId;
import io.aftercare.domain.shop.SlaTarget;
import io.aftercare.domain.timeline.Subject;
import io.aftercare.dynamodb.ActionItems;
import io.aftercare.dynamodb.DynamoActionStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DynamoDbExtension.class)
class ActionDetailMigrationTest {

    private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");
    private static final ShopId SHOP = new ShopId("migrated-shop");
    /** A ticket id holding the separators an id's detail uses: the detail is still what follows it. */
    private static final Subject TICKET = new Subject(Subject.Type.TICKET, "c-old~1");

    /** Actions as they were written before their details were attributes: the detail only in the id. */
    private static final Map<String, ActionDetail> LEGACY = Map.of(
            "sla-warning#c-old~1~first-response~p2", new ActionDetail.SlaDeadline(SlaTarget.FIRST_RESPONSE, 2),
            "sla-breach#c-old~1~next-response~p11", new ActionDetail.SlaDeadline(SlaTarget.NEXT_RESPONSE, 11),
            "escalation#c-old~1~3~p5", new ActionDetail.Escalation(3, 5),
            "ticket-reply#c-old~1~12", new ActionDetail.Reply(12));

    @Test
    void givenActionsStoredBeforeTheirDetailsWereAttributes_whenMigrated_thenTheStoreReadsEachDetailFromItsAttributes(TestTable table) {
        LEGACY.keySet().forEach(id -> put(table, new DueAction(id, kindOf(id), TICKET, T)));
        var store = new DynamoActionStore(table.client(), table.name());

        var report = new ActionDetailMigration(table.client(), table.name()).run();

        assertThat(report.migrated()).isEqualTo(4);
        assertThat(report.unreadable()).isEmpty();
        LEGACY.forEach((id, detail) -> assertThat(store.claim(new ActionRef(SHOP, id), kindOf(id).actionClass(), T, Duration.ofMinutes(5)).orElseThrow().detail())
                .as(id).contains(detail));
    }

    @Test
    void givenAMigratedTable_whenMigratedAgain_thenNothingChanges(TestTable table) {
        var shop = new ShopId("twice-shop");
        LEGACY.keySet().forEach(id -> table.client().putItem(b -> b.tableName(table.name())
                .item(ActionItems.pending(shop, new DueAction(id, kindOf(id), TICKET, T), T, DynamoActionStore.DEFAULT_DUE_SHARDS))));
        var migration = new ActionDetailMigration(table.client(), table.name());
        migration.run();
        var after = table.allItems();

        var again = migration.run();

        assertThat(again.migrated()).isZero();
        assertThat(table.allItems()).containsExactlyInAnyOrderElementsOf(after);
    }

    @Test
    void givenActionsThatNeedNoMigration_whenMigrated_thenTheyAreLeftAsTheyWereAndAnIdHoldingNoDetailIsReported(TestTable table) {
        var typed = DueAction.of(ActionKind.SLA_BREACH, new Subject(Subject.Type.TICKET, "c-new"), new ActionDetail.SlaDeadline(SlaTarget.RESOLUTION, 4), T);
        var order = DueAction.of(EmailKind.SURVEY.action(), Subject.order(new OrderId("1001")), T);
        var ack = DueAction.of(ActionKind.TICKET_ACK, new Subject(Subject.Type.TICKET, "c-new"), T);
        var garbled = new DueAction("escalation#c-odd~second~pX", ActionKind.ESCALATION, new Subject(Subject.Type.TICKET, "c-odd"), T);
        var done = new DueAction("sla-warning#c-done~first-response~p1", ActionKind.SLA_WARNING, new Subject(Subject.Type.TICKET, "c-done"), T);
        var shop = new ShopId("untouched-shop");
        for (DueAction action : List.of(typed, order, ack, garbled, done)) {
            table.client().putItem(b -> b.tableName(table.name()).item(ActionItems.pending(shop, action, T, DynamoActionStore.DEFAULT_DUE_SHARDS)));
        }
        var store = new DynamoActionStore(table.client(), table.name());
        store.claim(new ActionRef(shop, done.id()), done.kind().actionClass(), T, Duration.ofMinutes(5)).ifPresent(claimed ->
                store.complete(claimed, ActionOutcome.skipped(Reason.TICKET_NOT_OPEN), List.of(), Optional.empty()));
        var before = table.allItems().stream().filter(item -> item.get("shop").s().equals(shop.value())).toList();

        var report = new ActionDetailMigration(table.client(), table.name()).run();

        assertThat(report.unreadable()).contains(garbled.id()).doesNotContain(done.id(), typed.id());
        assertThat(table.allItems().stream().filter(item -> item.get("shop").s().equals(shop.value())).toList())
                .containsExactlyInAnyOrderElementsOf(before);
    }

    private static ActionKind kindOf(String id) {
        return ActionKind.TICKET_KINDS.stream().filter(k -> id.startsWith(k.slug() + "#")).findFirst().orElseThrow();
    }

    private static void put(TestTable table, DueAction action) {
        table.client().putItem(b -> b.tableName(table.name()).item(ActionItems.pending(SHOP, action, T, DynamoActionStore.DEFAULT_DUE_SHARDS)));
    }
}
