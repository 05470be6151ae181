package io.aftercare.dynamodb;

import static io.aftercare.dynamodb.Items.s;

import io.aftercare.domain.ShopId;
import io.aftercare.domain.email.EmailKind;
import io.aftercare.domain.email.TemplateOverride;
import io.aftercare.domain.email.TemplateOverrides;
import io.aftercare.domain.shop.Language;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/** A shop's own email templates, beside its settings: {@code SHOP#{shop}} / {@code TEMPLATE#{kind}#{language}}. */
public final class DynamoTemplateOverrides implements TemplateOverrides {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoTemplateOverrides(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<TemplateOverride> find(ShopId shop, EmailKind kind, Language language) {
        var item = dynamo.getItem(b -> b.tableName(table).key(Keys.key(Keys.shop(shop), Keys.template(kind.action(), language)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(read(item));
    }

    @Override
    public List<TemplateOverride> list(ShopId shop) {
        return dynamo.queryPaginator(b -> b.tableName(table)
                        .keyConditionExpression("PK = :shop AND begins_with(SK, :templates)")
                        .expressionAttributeValues(Map.of(":shop", s(Keys.shop(shop)), ":templates", s(Keys.TEMPLATE_PREFIX))))
                .items().stream().filter(DynamoTemplateOverrides::overridable).map(DynamoTemplateOverrides::read).toList();
    }

    @Override
    public void save(ShopId shop, TemplateOverride override) {
        dynamo.putItem(b -> b.tableName(table).item(Map.of(
                Keys.PK, s(Keys.shop(shop)),
                Keys.SK, s(Keys.template(override.kind().action(), override.language())),
                Keys.TYPE, s("TEMPLATE"),
                "kind", s(override.kind().slug()),
                "language", s(override.language().code()),
                "subject", s(override.subject()),
                "html", s(override.html()),
                "text", s(override.text()))));
    }

    @Override
    public boolean delete(ShopId shop, EmailKind kind, Language language) {
        var old = dynamo.deleteItem(b -> b.tableName(table).key(Keys.key(Keys.shop(shop), Keys.template(kind.action(), language)))
                .returnValues(ReturnValue.ALL_OLD)).attributes();
        return old != null && !old.isEmpty();
    }

    /** Overrides of other kinds were stored before the API refused them, and were never used: they are not listed. */
    private static boolean overridable(Map<String, AttributeValue> item) {
        return EmailKind.fromSlug(Items.requiredString(item, "kind")).filter(EmailKind::overridable).isPresent();
    }

    private static TemplateOverride read(Map<String, AttributeValue> item) {
        return new TemplateOverride(EmailKind.fromSlug(Items.requiredString(item, "kind")).orElseThrow(),
                Language.fromLocale(Items.requiredString(item, "language")).orElseThrow(),
                Items.requiredString(item, "subject"), Items.requiredString(item, "html"), Items.requiredString(item, "text"));
    }
}
