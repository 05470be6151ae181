package io.aftercare.dynamodb;

import static io.aftercare.dynamodb.Items.n;
import static io.aftercare.dynamodb.Items.s;
import static io.aftercare.dynamodb.Items.time;

import io.aftercare.domain.ShopId;
import io.aftercare.domain.feedback.Survey;
import io.aftercare.domain.feedback.SurveyKind;
import io.aftercare.domain.feedback.SurveyStore;
import io.aftercare.domain.order.OrderId;
import io.aftercare.domain.shop.Language;
import io.aftercare.domain.timeline.TimelineEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * A survey is kept in its customer's partition ({@code SURVEY#{id}}), beside the profile: the customer's panel, the
 * survey cap and the answer read it there. Each write is conditional on the version it replaces, and an answer's
 * timeline entries go in the same transaction.
 */
public final class DynamoSurveyStore implements SurveyStore {

    private static final String VERSION = "version";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoSurveyStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void sent(Survey survey) {
        try {
            dynamo.putItem(b -> b.tableName(table).item(item(survey)).conditionExpression("attribute_not_exists(PK)"));
        } catch (ConditionalCheckFailedException sentBefore) {
            // a retried send: the first record, and any answer since, stays
        }
    }

    @Override
    public Optional<Survey> find(ShopId shop, String emailHash, String surveyId) {
        var item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Keys.key(Keys.customerByHash(shop, emailHash), Keys.customerSurvey(surveyId)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(read(shop, item));
    }

    @Override
    public boolean save(Survey survey, List<TimelineEntry> entries) {
        Map<String, String> names = Map.of("#v", VERSION);
        Map<String, AttributeValue> values = Map.of(":v", n(survey.version() - 1));
        if (entries.isEmpty()) { // a comment, a follow-up's ticket: one conditional put, no transaction of one
            try {
                dynamo.putItem(b -> b.tableName(table).item(item(survey)).conditionExpression("#v = :v")
                        .expressionAttributeNames(names).expressionAttributeValues(values));
                return true;
            } catch (ConditionalCheckFailedException changedMeanwhile) {
                return false;
            }
        }
        Put put = Put.builder().tableName(table).item(item(survey)).conditionExpression("#v = :v")
                .expressionAttributeNames(names).expressionAttributeValues(values).build();
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().put(put).build());
        for (TimelineEntry entry : entries) {
            writes.add(TimelineItems.write(survey.shop(), entry, Optional.of(survey.emailHash()), entry.at()).transactItem(table));
        }
        try {
            dynamo.transactWriteItems(b -> b.transactItems(writes));
            return true;
        } catch (TransactionCanceledException changedMeanwhile) {
            if (changedMeanwhile.cancellationReasons().stream().anyMatch(r -> "ConditionalCheckFailed".equals(r.code()))) {
                return false;
            }
            throw changedMeanwhile;
        }
    }

    @Override
    public List<Survey> ofCustomer(ShopId shop, String emailHash) {
        List<Survey> surveys = new ArrayList<>();
        var pages = dynamo.queryPaginator(b -> b.tableName(table).consistentRead(true)
                .keyConditionExpression("PK = :pk AND begins_with(SK, :survey)")
                .expressionAttributeValues(Map.of(":pk", s(Keys.customerByHash(shop, emailHash)), ":survey", s(Keys.CUSTOMER_SURVEY_PREFIX))));
        pages.items().forEach(item -> surveys.add(read(shop, item)));
        surveys.sort(Comparator.comparing(Survey::sentAt).reversed());
        return surveys;
    }

    /** Whether a customer partition's item is a survey (the customer's panel lists them). */
    static boolean isSurvey(Map<String, AttributeValue> item) {
        return item.get(Keys.SK).s().startsWith(Keys.CUSTOMER_SURVEY_PREFIX);
    }

    static Survey read(ShopId shop, Map<String, AttributeValue> item) {
        return new Survey(shop, Items.requiredString(item, "surveyId"),
                SurveyKind.fromCode(Items.requiredString(item, "kind")).orElseThrow(),
                Items.requiredString(item, "emailHash"),
                Language.fromLocale(Items.requiredString(item, "language")).orElse(Language.EN),
                Items.string(item, "order").map(OrderId::new), Items.string(item, "ticket"), Items.string(item, "agent"), Items.string(item, "team"),
                Items.time(item, "sentAt").orElseThrow(),
                Optional.ofNullable(item.get("score")).map(v -> Integer.parseInt(v.n())), Items.string(item, "comment"),
                Items.time(item, "answeredAt"), Items.time(item, "changedAt"), Items.string(item, "followUp"),
                Items.number(item, VERSION));
    }

    private Map<String, AttributeValue> item(Survey survey) {
        Map<String, AttributeValue> item = new HashMap<>(Keys.key(Keys.customerByHash(survey.shop(), survey.emailHash()),
                Keys.customerSurvey(survey.id())));
        item.put(Keys.TYPE, s("SURVEY"));
        item.put("surveyId", s(survey.id()));
        item.put("kind", s(survey.kind().code()));
        item.put("emailHash", s(survey.emailHash()));
        item.put("language", s(survey.language().code()));
        survey.order().ifPresent(o -> item.put("order", s(o.value())));
        survey.ticket().ifPresent(t -> item.put("ticket", s(t)));
        survey.agent().ifPresent(a -> item.put("agent", s(a)));
        survey.team().ifPresent(t -> item.put("team", s(t)));
        item.put("sentAt", time(survey.sentAt()));
        survey.score().ifPresent(score -> item.put("score", n(score)));
        survey.comment().ifPresent(c -> item.put("comment", s(c)));
        survey.answeredAt().ifPresent(at -> item.put("answeredAt", time(at)));
        survey.changedAt().ifPresent(at -> item.put("changedAt", time(at)));
        survey.followUp().ifPresent(t -> item.put("followUp", s(t)));
        item.put(VERSION, n(survey.version()));
        return item;
    }
}
