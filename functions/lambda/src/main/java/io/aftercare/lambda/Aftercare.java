package io.aftercare.lambda;

import io.aftercare.domain.shop.ShopAdmin;
import io.aftercare.domain.shop.ShopCache;
import io.aftercare.domain.timeline.TimelineReader;
import io.aftercare.domain.webhook.WebhookIngestion;
import io.aftercare.dynamodb.DynamoRecordingStore;
import io.aftercare.dynamodb.DynamoShopRepository;
import io.aftercare.dynamodb.DynamoTimelineReader;
import io.aftercare.platforms.generic.GenericAdapter;
import io.aftercare.platforms.shopify.ShopifyAdapter;
import io.aftercare.platforms.woocommerce.WooCommerceAdapter;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The one place Aftercare is wired together: configuration, AWS clients, adapters and domain services. Each Lambda
 * container builds it once ({@link #instance()}); the local runner and the tests build it with their own clients.
 */
public final class Aftercare {

    private final WebhookIngestion webhooks;
    private final ShopAdmin shops;
    private final TimelineReader timelines;
    private final AdminAuth adminAuth;

    private Aftercare(DynamoDbClient dynamo, String table, Supplier<String> adminToken, Clock clock) {
        var shopRepository = new DynamoShopRepository(dynamo, table);
        var shopCache = new ShopCache(shopRepository, clock);
        this.webhooks = new WebhookIngestion(shopCache,
                List.of(new ShopifyAdapter(), new WooCommerceAdapter(), new GenericAdapter()),
                new DynamoRecordingStore(dynamo, table), clock);
        this.shops = new ShopAdmin(shopRepository, shopCache, clock);
        this.timelines = new DynamoTimelineReader(dynamo, table);
        this.adminAuth = new AdminAuth(adminToken);
    }

    /** For the local runner and tests: their own DynamoDB client, admin token and clock. */
    public static Aftercare create(DynamoDbClient dynamo, String table, String adminToken, Clock clock) {
        return new Aftercare(dynamo, table, () -> adminToken, clock);
    }

    /** The container's instance, built from the environment on first use (during the Lambda init phase). */
    public static Aftercare instance() {
        return Holder.INSTANCE;
    }

    private static final class Holder {
        private static final Aftercare INSTANCE = fromEnvironment();

        private static Aftercare fromEnvironment() {
            AftercareConfig config = AftercareConfig.fromEnvironment(System.getenv());
            // The URL-connection HTTP client: no Netty or Apache pools to start, the lightest for a synchronous Lambda.
            DynamoDbClient dynamo = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
            return new Aftercare(dynamo, config.tableName(), adminToken(config.adminToken()), Clock.systemUTC());
        }

        private static Supplier<String> adminToken(AftercareConfig.AdminTokenSource source) {
            if (source instanceof AftercareConfig.AdminTokenSource.Literal literal) {
                return literal::token;
            }
            String secretId = ((AftercareConfig.AdminTokenSource.FromSecret) source).secretId();
            return () -> {
                try (var secrets = SecretsManagerClient.builder().httpClient(UrlConnectionHttpClient.create()).build()) {
                    return secrets.getSecretValue(b -> b.secretId(secretId)).secretString();
                }
            };
        }
    }

    public WebhookIngestion webhooks() {
        return webhooks;
    }

    public ShopAdmin shops() {
        return shops;
    }

    public TimelineReader timelines() {
        return timelines;
    }

    public AdminAuth adminAuth() {
        return adminAuth;
    }
}
