package io.aftercare.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import io.aftercare.lambda.logging.JsonLine;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs one invocation with its log context: the Lambda's fields (request id, cold start, the function's name, ARN,
 * version and memory, as Powertools' logging wrote them) and the correlation ids (delivery, ticket, action) go on every
 * line logged meanwhile. A failure that escapes the handler is logged as {@link Failures} describes it and thrown on
 * as {@link InvocationFailed}, without its cause: the Lambda runtime logs a thrown exception's message and stack trace
 * as they are.
 */
public final class Invocations {

    private static final Logger LOG = LoggerFactory.getLogger(Invocations.class);
    private static final String SERVICE = "aftercare";
    /** The first invocation this JVM (this snapshot, under SnapStart) serves. */
    private static final AtomicBoolean COLD = new AtomicBoolean(true);

    private Invocations() {
    }

    public static <T> T logged(Context context, Map<String, String> correlation, Supplier<T> body) {
        Map<String, String> fields = new HashMap<>(correlation);
        if (context != null) {
            fields.put(JsonLine.COLD_START, Boolean.toString(COLD.getAndSet(false)));
            fields.put(JsonLine.FUNCTION_ARN, context.getInvokedFunctionArn());
            fields.put(JsonLine.FUNCTION_MEMORY_SIZE, Integer.toString(context.getMemoryLimitInMB()));
            fields.put(JsonLine.FUNCTION_NAME, context.getFunctionName());
            fields.put(JsonLine.FUNCTION_REQUEST_ID, context.getAwsRequestId());
            fields.put(JsonLine.FUNCTION_VERSION, context.getFunctionVersion());
            fields.put(JsonLine.SERVICE, SERVICE);
        }
        fields.forEach(MDC::put);
        try {
            return guarded(body);
        } finally {
            fields.keySet().forEach(MDC::remove);
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
