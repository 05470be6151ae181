package io.aftercare.lambda;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Aftercare's configuration, read once from the environment. Anything missing or malformed stops the function at
 * start-up with a message naming every problem, rather than failing on the first request that needs it.
 *
 * @param tableName the DynamoDB table ({@code AFTERCARE_TABLE})
 * @param adminToken where the admin bearer token comes from: a Secrets Manager secret id
 *     ({@code AFTERCARE_ADMIN_TOKEN_SECRET}, in AWS) or the token itself ({@code AFTERCARE_ADMIN_TOKEN}, locally)
 */
public record AftercareConfig(String tableName, AdminTokenSource adminToken) {

    public static final String TABLE = "AFTERCARE_TABLE";
    public static final String ADMIN_TOKEN_SECRET = "AFTERCARE_ADMIN_TOKEN_SECRET";
    public static final String ADMIN_TOKEN = "AFTERCARE_ADMIN_TOKEN";

    /** Every variable this record reads, for the template test. */
    public static final List<String> VARIABLES = List.of(TABLE, ADMIN_TOKEN_SECRET, ADMIN_TOKEN);

    public sealed interface AdminTokenSource {
        record FromSecret(String secretId) implements AdminTokenSource {
        }

        record Literal(String token) implements AdminTokenSource {
            @Override
            public String toString() {
                return "Literal[***]";
            }
        }
    }

    public static AftercareConfig fromEnvironment(Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        String table = value(env, TABLE).orElse(null);
        if (table == null) {
            problems.add(TABLE + " is not set: the name of Aftercare's DynamoDB table");
        }
        AdminTokenSource adminToken = value(env, ADMIN_TOKEN_SECRET).<AdminTokenSource>map(AdminTokenSource.FromSecret::new)
                .or(() -> value(env, ADMIN_TOKEN).map(AdminTokenSource.Literal::new))
                .orElse(null);
        if (adminToken == null) {
            problems.add("neither " + ADMIN_TOKEN_SECRET + " (a Secrets Manager secret id) nor " + ADMIN_TOKEN + " is set");
        } else if (adminToken instanceof AdminTokenSource.Literal literal && literal.token().length() < 24) {
            problems.add(ADMIN_TOKEN + " must be at least 24 characters");
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Aftercare is not configured: " + String.join("; ", problems));
        }
        return new AftercareConfig(table, adminToken);
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::trim).filter(v -> !v.isEmpty());
    }
}
