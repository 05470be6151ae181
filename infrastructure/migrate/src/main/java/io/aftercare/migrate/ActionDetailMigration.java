package io.aftercare.migrate;

import io.aftercare.domain.action.ActionDetail;
import io.aftercare.domain.action.ActionKind;
import io.aftercare.domain.shop.SlaTarget;
import io.aftercare.domain.timeline.Subject;
import io.aftercare.dynamodb.ActionItems;
import io.aftercare.dynamodb.Keys;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Gives the due actions stored before their details were attributes ({@code slaTarget}, {@code plan},
 * {@code escalationLevel}, {@code replyTo}) those attributes, read once from their ids
 * ({@code sla-breach#T1~first-response~p2}); at run time nothing reads an id, and such an action not migrated ends
 * as failed ({@code DETAIL_MISSING}). Idempotent: an action that has its detail is left alone, and each write is
 * conditional on the action still lacking one, so running it twice, or while the functions run, changes nothing more.
 *
 * <p>{@code java -jar infrastructure/migrate/target/aftercare-migrate.jar <table>} (AWS credentials, region and
 * {@code AWS_ENDPOINT_URL} as the AWS CLI reads them).
 */
public final class ActionDetailMigration {

    /**
     * What a run did.
     *
     * @param migrated the actions given their detail
     * @param unreadable the ids of those whose id does not hold a detail: they will end as failed
     */
    public record Report(int scanned, int migrated, List<String> unreadable) {
    }

    private final DynamoDbClient dynamo;
    private final String table;

    public ActionDetailMigration(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: ActionDetailMigration <table>");
            System.exit(2);
        }
        try (DynamoDbClient dynamo = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build()) {
            Report report = new ActionDetailMigration(dynamo, args[0]).run();
            System.out.printf("%d due actions read, %d given their detail, %d whose id holds none (they will end as failed, DETAIL_MISSING)%n",
                    report.scanned(), report.migrated(), report.unreadable().size());
            report.unreadable().forEach(id -> System.out.println("  " + id));
        }
    }

    /** One pass over the table's due actions (those not done: still on the Due index). */
    public Report run() {
        int scanned = 0;
        int migrated = 0;
        List<String> unreadable = new ArrayList<>();
        var pages = dynamo.scanPaginator(b -> b.tableName(table)
                .filterExpression("#type = :action AND attribute_exists(#due)")
                .expressionAttributeNames(Map.of("#type", Keys.TYPE, "#due", Keys.DUE_PK))
                .expressionAttributeValues(Map.of(":action", AttributeValue.fromS(Keys.ACTION))));
        for (Map<String, AttributeValue> item : pages.items()) {
            scanned++;
            ActionKind kind = ActionItems.kind(item);
            if (kind.detail().isEmpty() || ActionItems.detail(item).isPresent()) {
                continue;
            }
            String actionId = ActionItems.actionId(item);
            Optional<ActionDetail> detail = fromId(kind, ActionItems.subject(item), actionId).filter(d -> kind.detail().get().isInstance(d));
            if (detail.isEmpty()) {
                unreadable.add(actionId);
            } else if (write(item, detail.get())) {
                migrated++;
            }
        }
        return new Report(scanned, migrated, List.copyOf(unreadable));
    }

    /** @return false when the action got a detail meanwhile, or is gone */
    private boolean write(Map<String, AttributeValue> item, ActionDetail detail) {
        Map<String, String> names = new HashMap<>(Map.of("#pk", Keys.PK));
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> sets = new ArrayList<>();
        ActionItems.detailAttributes(detail).forEach((name, value) -> {
            names.put("#" + name, name);
            values.put(":" + name, value);
            sets.add("#" + name + " = :" + name);
        });
        List<String> absent = new ArrayList<>(List.of("attribute_exists(#pk)"));
        for (String name : ActionItems.DETAIL_ATTRIBUTES) {
            names.put("#" + name, name);
            absent.add("attribute_not_exists(#" + name + ")");
        }
        try {
            dynamo.updateItem(b -> b.tableName(table).key(Map.of(Keys.PK, item.get(Keys.PK), Keys.SK, item.get(Keys.SK)))
                    .updateExpression("SET " + String.join(", ", sets))
                    .conditionExpression(String.join(" AND ", absent))
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException meanwhile) {
            return false;
        }
    }

    /**
     * The detail an id of {@code {kind}#{subject}~{detail}} holds: the subject's id is known, so whatever it contains,
     * the detail is what follows it ({@code first-response~p2}, {@code 3~p5}, {@code 12}).
     */
    static Optional<ActionDetail> fromId(ActionKind kind, Subject subject, String actionId) {
        String prefix = kind.slug() + "#" + subject.id() + "~";
        if (!actionId.startsWith(prefix)) {
            return Optional.empty();
        }
        String detail = actionId.substring(prefix.length());
        try {
            if (kind.equals(ActionKind.TICKET_REPLY)) {
                return Optional.of(new ActionDetail.Reply(Long.parseLong(detail)));
            }
            int planAt = detail.lastIndexOf("~p");
            if (planAt < 0) {
                return Optional.empty();
            }
            String what = detail.substring(0, planAt);
            int plan = Integer.parseInt(detail.substring(planAt + 2));
            return Optional.of(kind.equals(ActionKind.ESCALATION) ? new ActionDetail.Escalation(Integer.parseInt(what), plan)
                    : new ActionDetail.SlaDeadline(SlaTarget.fromSlug(what), plan));
        } catch (IllegalArgumentException notADetail) { // NumberFormatException is one; so is an unknown SLA target
            return Optional.empty();
        }
    }
}
