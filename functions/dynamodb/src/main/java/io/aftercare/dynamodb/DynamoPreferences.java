package io.aftercare.dynamodb;

import static io.aftercare.dynamodb.Items.s;

import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.access.Preferences;
import io.aftercare.domain.shop.Language;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A person's console preferences, beside their second factor. */
public final class DynamoPreferences implements Preferences.Store {

    private static final String WEEKLY_SUMMARY = "weeklySummary";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoPreferences(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<Preferences> find(EmailAddress person) {
        var item = dynamo.getItem(b -> b.tableName(table).key(Keys.preferences(person)).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Preferences(Language.fromLocale(Items.requiredString(item, "language")).orElse(Language.EN),
                ZoneId.of(Items.requiredString(item, "zone")),
                // saved before the summary could be turned off: on, as for everyone who never chose
                Optional.ofNullable(item.get(WEEKLY_SUMMARY)).map(AttributeValue::bool).orElse(Preferences.WEEKLY_SUMMARY_BY_DEFAULT)));
    }

    @Override
    public void save(EmailAddress person, Preferences preferences) {
        var item = new HashMap<>(Keys.preferences(person));
        item.put(Keys.TYPE, s("PREFERENCES"));
        item.put("language", s(preferences.language().code()));
        item.put("zone", s(preferences.zone().getId()));
        item.put(WEEKLY_SUMMARY, AttributeValue.fromBool(preferences.weeklySummary()));
        dynamo.putItem(b -> b.tableName(table).item(item));
    }
}
