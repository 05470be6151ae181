package io.aftercare.dynamodb;

import static io.aftercare.dynamodb.Items.n;
import static io.aftercare.dynamodb.Items.s;

import io.aftercare.domain.AlreadyExists;
import io.aftercare.domain.ChangedMeanwhile;
import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.Page;
import io.aftercare.domain.PageRequest;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.discount.DiscountAccess;
import io.aftercare.domain.shop.Branding;
import io.aftercare.domain.shop.DiscountTemplate;
import io.aftercare.domain.shop.Language;
import io.aftercare.domain.shop.Platform;
import io.aftercare.domain.shop.Secret;
import io.aftercare.domain.shop.Shop;
import io.aftercare.domain.shop.ShopRepository;
import io.aftercare.domain.shop.ShopSettings;
import io.aftercare.domain.shop.WebhookSecrets;
import io.aftercare.domain.shop.ReturnSettings;
import io.aftercare.domain.shop.ReturnThresholds;
import io.aftercare.domain.shop.SupportSettings;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Shops in the table: one item each, listed through GSI1, and beside it the access to the shop's own API for creating
 * discount codes. Secrets are stored here and go nowhere else.
 */
public final class DynamoShopRepository implements ShopRepository, DiscountAccess.Store {

    private static final String SHOP = "SHOP";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoShopRepository(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<Shop> find(ShopId id) {
        var item = dynamo.getItem(b -> b.tableName(table).key(Keys.key(Keys.shop(id), Keys.SETTINGS)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(read(item));
    }

    @Override
    public void create(Shop shop) {
        try {
            dynamo.putItem(b -> b.tableName(table).item(item(shop)).conditionExpression("attribute_not_exists(PK)"));
        } catch (ConditionalCheckFailedException e) {
            throw new AlreadyExists("a shop with id " + shop.id() + " exists already");
        }
    }

    @Override
    public void update(Shop shop) {
        try {
            dynamo.putItem(b -> b.tableName(table).item(item(shop))
                    .conditionExpression("version = :previous")
                    .expressionAttributeValues(Map.of(":previous", n(shop.version() - 1))));
        } catch (ConditionalCheckFailedException e) {
            throw new ChangedMeanwhile("shop " + shop.id() + " was changed meanwhile; read it again and retry");
        }
    }

    @Override
    public Page<Shop> list(PageRequest request) {
        var startKey = request.pageToken().map(token -> PageTokens.decode(token, new PageTokens.Query(Keys.GSI1_PK, Keys.SHOPS,
                Set.of(Keys.PK, Keys.SK, Keys.GSI1_PK, Keys.GSI1_SK), Keys.SHOP_PREFIX, Keys.SETTINGS))).orElse(null);
        QueryResponse page = dynamo.query(b -> b.tableName(table).indexName(Keys.INDEX_GSI1)
                .keyConditionExpression("GSI1PK = :shops")
                .expressionAttributeValues(Map.of(":shops", s(Keys.SHOPS)))
                .limit(request.limit())
                .exclusiveStartKey(startKey));
        return new Page<>(page.items().stream().map(DynamoShopRepository::read).toList(), PageTokens.encode(page.lastEvaluatedKey()));
    }

    @Override
    public Optional<DiscountAccess> access(ShopId shop) {
        var item = dynamo.getItem(b -> b.tableName(table).key(Keys.key(Keys.shop(shop), Keys.DISCOUNT_ACCESS)).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        String host = Items.requiredString(item, "host");
        return Optional.of(switch (Platform.fromSlug(Items.requiredString(item, "platform")).orElseThrow()) {
            case SHOPIFY -> new DiscountAccess.Shopify(host, new Secret("adminAccessToken", Items.requiredString(item, "adminAccessToken")));
            case WOOCOMMERCE -> new DiscountAccess.WooCommerce(host, new Secret("consumerKey", Items.requiredString(item, "consumerKey")),
                    new Secret("consumerSecret", Items.requiredString(item, "consumerSecret")));
            case GENERIC -> throw new IllegalStateException("a generic shop has no API access");
        });
    }

    @Override
    public void saveAccess(ShopId shop, DiscountAccess access) {
        Map<String, AttributeValue> item = new HashMap<>(Keys.key(Keys.shop(shop), Keys.DISCOUNT_ACCESS));
        item.put(Keys.TYPE, s("DISCOUNT_ACCESS"));
        item.put("host", s(access.host()));
        switch (access) {
            case DiscountAccess.Shopify shopify -> {
                item.put("platform", s(Platform.SHOPIFY.slug()));
                item.put("adminAccessToken", s(shopify.adminToken().reveal()));
            }
            case DiscountAccess.WooCommerce woo -> {
                item.put("platform", s(Platform.WOOCOMMERCE.slug()));
                item.put("consumerKey", s(woo.consumerKey().reveal()));
                item.put("consumerSecret", s(woo.consumerSecret().reveal()));
            }
        }
        dynamo.putItem(b -> b.tableName(table).item(item));
    }

    private static Map<String, AttributeValue> item(Shop shop) {
        ShopSettings settings = shop.settings();
        Map<String, AttributeValue> item = new HashMap<>(Keys.key(Keys.shop(shop.id()), Keys.SETTINGS));
        item.put(Keys.TYPE, s(SHOP));
        item.put(Keys.GSI1_PK, s(Keys.SHOPS));
        item.put(Keys.GSI1_SK, s(Keys.shopListSort(shop.id())));
        item.put("shopId", s(shop.id().value()));
        item.put("platform", s(settings.platform().slug()));
        item.put("brandName", s(settings.brandName()));
        item.put("senderEmail", s(settings.senderEmail().value()));
        item.put("replyToEmail", s(settings.replyToEmail().value()));
        item.put("defaultLanguage", s(settings.defaultLanguage().code()));
        item.put("timeZone", s(settings.timeZone().getId()));
        item.put("checkInDays", n(settings.checkInDelay().toDays()));
        item.put("surveyDelayDays", n(settings.surveyDelay().toDays()));
        item.put("transitEstimateDays", n(settings.transitEstimate().toDays()));
        item.put("surveyCapDays", n(settings.surveyCap().toDays()));
        settings.thankYouDiscount().ifPresent(d -> {
            item.put("discountPrefix", s(d.prefix()));
            item.put("discountPercent", n(d.percent()));
            item.put("discountValidDays", n(d.validDays()));
            item.put("discountRemindDaysBefore", n(d.remindDaysBefore()));
        });
        settings.branding().logoUrl().ifPresent(url -> item.put("logoUrl", s(url)));
        item.put("accentColor", s(settings.branding().accentColor()));
        settings.branding().signature().ifPresent(signature -> item.put("signature", s(signature)));
        item.put("support", s(SupportSettingsJson.write(settings.support())));
        ReturnSettings returns = settings.returns();
        returns.instructions().ifPresent(text -> item.put("returnInstructions", s(text)));
        item.put("returnRequestDays", n(returns.thresholds().requestUnansweredDays()));
        item.put("returnApprovedDays", n(returns.thresholds().approvedNotReceivedDays()));
        item.put("returnReceivedDays", n(returns.thresholds().receivedNotRefundedDays()));
        returns.parcelSilenceDays().ifPresent(days -> item.put("parcelSilenceDays", n(days)));
        WebhookSecrets secrets = shop.secrets();
        item.put("webhookSecret", s(secrets.current().reveal()));
        secrets.previous().ifPresent(p -> item.put("previousWebhookSecret", s(p.reveal())));
        secrets.previousValidUntil().ifPresent(t -> item.put("previousSecretValidUntil", Items.time(t)));
        item.put("createdAt", Items.time(shop.createdAt()));
        item.put("updatedAt", Items.time(shop.updatedAt()));
        item.put("version", n(shop.version()));
        return item;
    }

    /** Shops saved before returns had settings read as Aftercare's defaults. */
    private static ReturnSettings returns(Map<String, AttributeValue> item) {
        ReturnThresholds defaults = ReturnThresholds.DEFAULT;
        return new ReturnSettings(Items.string(item, "returnInstructions"), new ReturnThresholds(
                days(item, "returnRequestDays", defaults.requestUnansweredDays()),
                days(item, "returnApprovedDays", defaults.approvedNotReceivedDays()),
                days(item, "returnReceivedDays", defaults.receivedNotRefundedDays())),
                item.containsKey("parcelSilenceDays") ? Optional.of((int) Items.number(item, "parcelSilenceDays")) : Optional.empty());
    }

    private static int days(Map<String, AttributeValue> item, String attribute, int otherwise) {
        return item.containsKey(attribute) ? (int) Items.number(item, attribute) : otherwise;
    }

    private static Shop read(Map<String, AttributeValue> item) {
        var settings = new ShopSettings(
                Platform.fromSlug(Items.requiredString(item, "platform")).orElseThrow(),
                Items.requiredString(item, "brandName"),
                new EmailAddress(Items.requiredString(item, "senderEmail")),
                new EmailAddress(Items.requiredString(item, "replyToEmail")),
                Language.fromLocale(Items.requiredString(item, "defaultLanguage")).orElse(Language.EN),
                ZoneId.of(Items.requiredString(item, "timeZone")),
                Duration.ofDays(Items.number(item, "checkInDays")),
                Duration.ofDays(Items.number(item, "surveyDelayDays")),
                Duration.ofDays(Items.number(item, "transitEstimateDays")),
                Items.string(item, "discountPrefix").map(prefix -> new DiscountTemplate(prefix, (int) Items.number(item, "discountPercent"),
                        item.containsKey("discountValidDays") ? (int) Items.number(item, "discountValidDays") : DiscountTemplate.DEFAULT_VALID_DAYS,
                        item.containsKey("discountRemindDaysBefore") ? (int) Items.number(item, "discountRemindDaysBefore") : 0)),
                new Branding(Items.string(item, "logoUrl"), Items.string(item, "accentColor").orElse(Branding.DEFAULT.accentColor()),
                        Items.string(item, "signature")),
                Items.string(item, "support").map(SupportSettingsJson::read).orElseGet(SupportSettings::defaults),
                returns(item),
                // a shop saved before the cap was a setting has the default
                item.containsKey("surveyCapDays") ? Duration.ofDays(Items.number(item, "surveyCapDays")) : ShopSettings.DEFAULT_SURVEY_CAP);
        var secrets = new WebhookSecrets(
                new Secret(Items.requiredString(item, "webhookSecret")),
                Items.string(item, "previousWebhookSecret").map(Secret::new),
                Items.time(item, "previousSecretValidUntil"));
        return new Shop(new ShopId(Items.requiredString(item, "shopId")), settings, secrets,
                Items.time(item, "createdAt").orElseThrow(), Items.time(item, "updatedAt").orElseThrow(), Items.number(item, "version"));
    }
}
