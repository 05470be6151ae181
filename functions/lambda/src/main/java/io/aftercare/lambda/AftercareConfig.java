package io.aftercare.lambda;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
 */
public record AftercareConfig(String tableName, Optional<SecretSource> adminToken, Optional<SecretSource> linkKey,
                             Optional<URI> publicUrl, Optional<String> actionQueueUrl, Optional<String> sesConfigurationSet,
                             boolean allowLoopbackChat) {

    public static final String TABLE = "AFTERCARE_TABLE";
    public static final String ADMIN_TOKEN_SECRET = "AFTERCARE_ADMIN_TOKEN_SECRET";
    public static final String ADMIN_TOKEN = "AFTERCARE_ADMIN_TOKEN";
    public static final String LINK_KEY_SECRET = "AFTERCARE_LINK_KEY_SECRET";
    public static final String LINK_KEY = "AFTERCARE_LINK_KEY";
    public static final String PUBLIC_URL = "AFTERCARE_PUBLIC_URL";
    public static final String ACTION_QUEUE_URL = "AFTERCARE_ACTION_QUEUE_URL";
    public static final String SES_CONFIGURATION_SET = "AFTERCARE_SES_CONFIGURATION_SET";
    public static final String ALLOW_LOOPBACK_CHAT = "AFTERCARE_ALLOW_LOOPBACK_CHAT";

    /** Every variable this record reads, for the template test. */
    public static final List<String> VARIABLES = List.of(TABLE, ADMIN_TOKEN_SECRET, ADMIN_TOKEN, LINK_KEY_SECRET, LINK_KEY,
            PUBLIC_URL, ACTION_QUEUE_URL, SES_CONFIGURATION_SET, ALLOW_LOOPBACK_CHAT);

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
        return new AftercareConfig(table, adminToken, linkKey, publicUrl, value(env, ACTION_QUEUE_URL), value(env, SES_CONFIGURATION_SET),
                allowLoopbackChat);
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
