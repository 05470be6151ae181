package io.aftercare.lambda;

import io.aftercare.domain.InvalidInput;
import io.aftercare.domain.action.SendRates;
import io.aftercare.domain.action.Sweep;
import io.aftercare.domain.email.InboundDomain;
import io.aftercare.dynamodb.DynamoActionStore;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Aftercare's configuration, read once from the environment. The table is needed by every function and checked at
 * once; the rest is needed by some functions only, and each is checked when the function that needs it starts
 * ({@link #require}), with a message naming the variable.
 *
 * @param tableName the DynamoDB table ({@code AFTERCARE_TABLE})
 * @param adminToken the admin bearer token: a Secrets Manager secret id ({@code AFTERCARE_ADMIN_TOKEN_SECRET}, in AWS)
 *     or the token itself ({@code AFTERCARE_ADMIN_TOKEN}, locally)
 * @param linkKey the key that signs unsubscribe and survey links, likewise ({@code AFTERCARE_LINK_KEY_SECRET} or
 *     {@code AFTERCARE_LINK_KEY})
 * @param publicUrl where customers reach Aftercare's pages: the API's URL ({@code AFTERCARE_PUBLIC_URL})
 * @param actionQueueUrl the SQS queue the sweep hands claimed actions to ({@code AFTERCARE_ACTION_QUEUE_URL})
 * @param sesConfigurationSet the SES configuration set that publishes bounces, complaints and deliveries
 *     ({@code AFTERCARE_SES_CONFIGURATION_SET}, optional)
 * @param allowLoopbackChat local development only: chat webhooks on loopback, plain http included, are accepted
 *     ({@code AFTERCARE_ALLOW_LOOPBACK_CHAT=true}; never set in the template)
 * @param sweep how the due index is sharded and how the sweep paces itself
 * @param inboundDomain where SES receives customers' replies ({@code AFTERCARE_INBOUND_DOMAIN}, optional): set, emails to
 *     customers carry a reply address there (for shops that want it), and replies become ticket messages; absent, emails
 *     carry the shop's own Reply-To and nothing is received
 * @param inboundBucket the S3 bucket SES writes received mail to and attachments are kept in
 *     ({@code AFTERCARE_INBOUND_BUCKET}; set only where the template's InboundDomain is)
 */
public record AftercareConfig(String tableName, Optional<SecretSource> adminToken, Optional<SecretSource> linkKey,
                             Optional<URI> publicUrl, Optional<String> actionQueueUrl, Optional<String> sesConfigurationSet,
                             boolean allowLoopbackChat, SweepSettings sweep, Optional<InboundDomain> inboundDomain,
                             Optional<String> inboundBucket) {

    public static final String TABLE = "AFTERCARE_TABLE";
    public static final String ADMIN_TOKEN_SECRET = "AFTERCARE_ADMIN_TOKEN_SECRET";
    public static final String ADMIN_TOKEN = "AFTERCARE_ADMIN_TOKEN";
    public static final String LINK_KEY_SECRET = "AFTERCARE_LINK_KEY_SECRET";
    public static final String LINK_KEY = "AFTERCARE_LINK_KEY";
    public static final String PUBLIC_URL = "AFTERCARE_PUBLIC_URL";
    public static final String ACTION_QUEUE_URL = "AFTERCARE_ACTION_QUEUE_URL";
    public static final String SES_CONFIGURATION_SET = "AFTERCARE_SES_CONFIGURATION_SET";
    public static final String ALLOW_LOOPBACK_CHAT = "AFTERCARE_ALLOW_LOOPBACK_CHAT";
    public static final String URGENT_QUEUE_URL = "AFTERCARE_URGENT_QUEUE_URL";
    public static final String DUE_SHARDS = "AFTERCARE_DUE_SHARDS";
    public static final String SWEEP_BUDGET_SECONDS = "AFTERCARE_SWEEP_BUDGET_SECONDS";
    public static final String BULK_SEND_RATE = "AFTERCARE_BULK_SEND_RATE";
    public static final String SHOP_BULK_SEND_RATE = "AFTERCARE_SHOP_BULK_SEND_RATE";
    public static final String INBOUND_DOMAIN = "AFTERCARE_INBOUND_DOMAIN";
    public static final String INBOUND_BUCKET = "AFTERCARE_INBOUND_BUCKET";

    /** Every variable this record reads, for the template test. */
    public static final List<String> VARIABLES = List.of(TABLE, ADMIN_TOKEN_SECRET, ADMIN_TOKEN, LINK_KEY_SECRET, LINK_KEY,
            PUBLIC_URL, ACTION_QUEUE_URL, SES_CONFIGURATION_SET, ALLOW_LOOPBACK_CHAT, URGENT_QUEUE_URL, DUE_SHARDS, SWEEP_BUDGET_SECONDS,
            BULK_SEND_RATE, SHOP_BULK_SEND_RATE, INBOUND_DOMAIN, INBOUND_BUCKET);

    /**
     * @param urgentQueueUrl the SQS queue the sweep hands urgent actions to ({@code AFTERCARE_URGENT_QUEUE_URL}); bulk
     *     ones go to {@code AFTERCARE_ACTION_QUEUE_URL}
     * @param dueShards the due index's partitions per hour and class ({@code AFTERCARE_DUE_SHARDS}, 1 to 64, default 4)
     * @param budget how long one sweep claims at most ({@code AFTERCARE_SWEEP_BUDGET_SECONDS}, default 40, below 60)
     * @param bulkSendRate bulk emails a second for the deployment ({@code AFTERCARE_BULK_SEND_RATE}); never more than
     *     80% of the SES account's sending rate
     * @param shopBulkSendRate bulk emails a second for one shop ({@code AFTERCARE_SHOP_BULK_SEND_RATE}; default: the
     *     deployment's)
     */
    public record SweepSettings(Optional<String> urgentQueueUrl, int dueShards, Duration budget, OptionalDouble bulkSendRate,
                                OptionalDouble shopBulkSendRate) {

        /**
         * The bulk send rates, below the SES account's sending rate when it is known (in AWS); set or not, they are
         * finite, since the sweep claims bulk work by them.
         */
        public SendRates bulkRates(OptionalDouble sesMaxSendRate) {
            double sesShare = sesMaxSendRate.stream().map(rate -> rate * SendRates.BULK_SHARE).findFirst().orElse(Double.POSITIVE_INFINITY);
            double set = Math.min(bulkSendRate.orElse(sesShare), sesShare);
            double deployment = Double.isInfinite(set) ? SendRates.WITHOUT_SES_ACCOUNT.perDeployment() : set;
            return new SendRates(deployment, Math.min(deployment, shopBulkSendRate.orElse(deployment)));
        }
    }

    /** A secret, from Secrets Manager in AWS or given directly locally. */
    public sealed interface SecretSource {
        record FromSecret(String secretId) implements SecretSource {
        }

        record Literal(String value) implements SecretSource {
            @Override
            public String toString() {
                return "Literal[***]";
            }
        }
    }

    public static AftercareConfig fromEnvironment(Map<String, String> env) {
        String table = value(env, TABLE).orElseThrow(() -> new IllegalStateException(
                "Aftercare is not configured: " + TABLE + " is not set (the name of Aftercare's DynamoDB table)"));
        Optional<SecretSource> adminToken = secret(env, ADMIN_TOKEN_SECRET, ADMIN_TOKEN, 24);
        Optional<SecretSource> linkKey = secret(env, LINK_KEY_SECRET, LINK_KEY, 32);
        Optional<URI> publicUrl = value(env, PUBLIC_URL).map(url -> {
            if (!url.startsWith("https://") && !url.startsWith("http://")) {
                throw new IllegalStateException("Aftercare is not configured: " + PUBLIC_URL + " must be an http(s) URL, not " + url);
            }
            return URI.create(url);
        });
        boolean allowLoopbackChat = value(env, ALLOW_LOOPBACK_CHAT).map(v -> switch (v) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalStateException("Aftercare is not configured: " + ALLOW_LOOPBACK_CHAT + " must be true or false, not " + v);
        }).orElse(false);
        var sweep = new SweepSettings(value(env, URGENT_QUEUE_URL),
                (int) number(env, DUE_SHARDS, 1, 64).orElse(DynamoActionStore.DEFAULT_DUE_SHARDS),
                Duration.ofSeconds((long) number(env, SWEEP_BUDGET_SECONDS, 1, 50).orElse(Sweep.Settings.DEFAULT.budget().toSeconds())),
                number(env, BULK_SEND_RATE, 0.01, 100_000), number(env, SHOP_BULK_SEND_RATE, 0.01, 100_000));
        Optional<InboundDomain> inboundDomain = value(env, INBOUND_DOMAIN).map(domain -> {
            try {
                return new InboundDomain(domain);
            } catch (InvalidInput notADomain) {
                throw new IllegalStateException("Aftercare is not configured: " + INBOUND_DOMAIN + " must be a DNS name such as inbound.example.com, not " + domain);
            }
        });
        return new AftercareConfig(table, adminToken, linkKey, publicUrl, value(env, ACTION_QUEUE_URL), value(env, SES_CONFIGURATION_SET),
                allowLoopbackChat, sweep, inboundDomain, value(env, INBOUND_BUCKET));
    }

    private static OptionalDouble number(Map<String, String> env, String name, double min, double max) {
        Optional<String> text = value(env, name);
        if (text.isEmpty()) {
            return OptionalDouble.empty();
        }
        try {
            double number = Double.parseDouble(text.get());
            if (number >= min && number <= max) {
                return OptionalDouble.of(number);
            }
        } catch (NumberFormatException notANumber) {
            // refused below, with the range
        }
        throw new IllegalStateException("Aftercare is not configured: " + name + " must be a number from " + format(min) + " to " + format(max)
                + ", not " + text.get());
    }

    private static String format(double number) {
        return number == Math.rint(number) ? Long.toString((long) number) : Double.toString(number);
    }

    /** The value a function cannot start without. */
    public static <T> T require(Optional<T> value, String variable, String purpose) {
        return value.orElseThrow(() -> new IllegalStateException("Aftercare is not configured: " + variable + " is not set (" + purpose + ")"));
    }

    private static Optional<SecretSource> secret(Map<String, String> env, String secretVariable, String literalVariable, int minLength) {
        Optional<SecretSource> fromSecret = value(env, secretVariable).map(SecretSource.FromSecret::new);
        if (fromSecret.isPresent()) {
            return fromSecret;
        }
        return value(env, literalVariable).map(literal -> {
            if (literal.length() < minLength) {
                throw new IllegalStateException("Aftercare is not configured: " + literalVariable + " must be at least " + minLength + " characters");
            }
            return new SecretSource.Literal(literal);
        });
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::trim).filter(v -> !v.isEmpty());
    }
}
