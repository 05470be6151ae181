package io.aftercare.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.MDC;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * Runs one invocation with its log context: Powertools adds the Lambda's request id and cold start to every log
 * line, and the correlation ids (delivery, ticket, action) go on every line logged meanwhile.
 */
final class Invocations {

    private Invocations() {
    }

    static <T> T logged(Context context, Map<String, String> correlation, Supplier<T> body) {
        correlation.forEach(MDC::put);
        try {
            return context == null ? body.get() : PowertoolsLogging.withLogging(context, body);
        } finally {
            correlation.keySet().forEach(MDC::remove);
        }
    }
}
