package io.aftercare.lambda.logging;

import java.util.Locale;
import java.util.Map;
import org.slf4j.event.Level;

/**
 * Which events are written: at least the level the environment names ({@code AFTERCARE_LOG_LEVEL}, else the
 * {@code AWS_LAMBDA_LOG_LEVEL} Lambda sets from the function's logging config, else INFO), and for the libraries below
 * at least theirs. {@code OFF} writes nothing.
 */
final class LogLevels {

    static final int OFF = Integer.MAX_VALUE;

    /** Longest prefix wins. Some of these run only in the local runner and the tests, never in a function. */
    private static final Map<String, Integer> LIBRARIES = Map.of(
            "software.amazon.awssdk", Level.WARN.toInt(),
            // embedded DynamoDB Local logs every request, and each failed condition (a duplicate) as a warning
            "com.amazonaws.services.dynamodbv2.local", Level.ERROR.toInt(),
            "org.eclipse.jetty", Level.WARN.toInt(),
            // the local runner's HTTP front: a client's oversized or malformed request is answered 4xx, not an operator's problem
            "org.eclipse.jetty.http.HttpParser", Level.ERROR.toInt(),
            // ElasticMQ, Pekko and the local S3 announce their start and every binding
            "org.elasticmq", Level.WARN.toInt(),
            "org.apache.pekko", Level.WARN.toInt(),
            "com.robothy", OFF);

    private final int root;

    private LogLevels(int root) {
        this.root = root;
    }

    static LogLevels from(Map<String, String> environment) {
        String named = environment.getOrDefault("AFTERCARE_LOG_LEVEL", environment.get("AWS_LAMBDA_LOG_LEVEL"));
        return new LogLevels(named == null ? Level.INFO.toInt() : parse(named.trim().toUpperCase(Locale.ROOT)));
    }

    /** The least severe level a logger of this name writes, {@link #OFF} for none. */
    int threshold(String logger) {
        int threshold = root;
        int matched = -1;
        for (var library : LIBRARIES.entrySet()) {
            String prefix = library.getKey();
            if (prefix.length() > matched && (logger.equals(prefix) || logger.startsWith(prefix + "."))) {
                matched = prefix.length();
                threshold = Math.max(root, library.getValue());
            }
        }
        return threshold;
    }

    private static int parse(String name) {
        if (name.equals("OFF")) {
            return OFF;
        }
        if (name.equals("FATAL")) {
            return Level.ERROR.toInt();
        }
        for (Level level : Level.values()) {
            if (level.name().equals(name)) {
                return level.toInt();
            }
        }
        return Level.INFO.toInt(); // a misspelt level must not silence a function
    }
}
