package io.aftercare.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * Runs one invocation with its log context: Powertools adds the Lambda's request id and cold start to every log
 * line, and the correlation ids (delivery, ticket, action) go on every line logged meanwhile. A failure that escapes
 * the handler is logged as {@link Failures} describes it and thrown on as {@link InvocationFailed}, without its
 * cause: the Lambda runtime logs a thrown exception's message and stack trace as they are.
 */
public final class Invocations {

    private static final Logger LOG = LoggerFactory.getLogger(Invocations.class);

    private Invocations() {
    }

    public static <T> T logged(Context context, Map<String, String> correlation, Supplier<T> body) {
        correlation.forEach(MDC::put);
        try {
            return context == null ? guarded(body) : PowertoolsLogging.withLogging(context, () -> guarded(body));
        } finally {
            correlation.keySet().forEach(MDC::remove);
        }
    }

    private static <T> T guarded(Supplier<T> body) {
        try {
            return body.get();
        } catch (RuntimeException e) {
            String failure = Failures.describe(e);
            LOG.error("invocation failed: {}", failure);
            throw new InvocationFailed(failure);
        }
    }

    /** What the Lambda runtime sees of a failed invocation (it fails the invocation, so its source retries). */
    static final class InvocationFailed extends RuntimeException {
        InvocationFailed(String failure) {
            super(failure, null, false, false);
        }
    }
}
