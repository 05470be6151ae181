package io.aftercare.lambda;

import io.aftercare.domain.EmailAddress;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * An exception as a log line may show it: its class, AWS's error code, status and request id when AWS answered, the
 * place in Aftercare's code it came from, and its message with every address and URL masked, for it and its causes.
 * Never the raw exception: providers quote addresses (SES), item values (DynamoDB) and URLs, and a shop's chat
 * webhook URL is a secret. No stack trace either, since its messages would carry the same text; the place suffices.
 */
public final class Failures {

    /** Any scheme://...: a chat webhook URL carries its secret in its path, so the whole URL goes. */
    private static final Pattern URL = Pattern.compile("\\b[a-zA-Z][a-zA-Z0-9+.-]*://\\S+");
    private static final int MAX_MESSAGE = 300;
    private static final int MAX_CAUSES = 4;

    private Failures() {
    }

    public static String describe(Throwable e) {
        var out = new StringBuilder();
        int depth = 0;
        for (Throwable t = e; t != null && depth < MAX_CAUSES; t = t.getCause() == t ? null : t.getCause(), depth++) {
            if (depth > 0) {
                out.append("; caused by ");
            }
            out.append(t.getClass().getSimpleName());
            String message = t.getMessage();
            if (t instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
                out.append(" (code ").append(aws.awsErrorDetails().errorCode()).append(", status ").append(aws.statusCode())
                        .append(", request id ").append(aws.requestId()).append(')');
                message = aws.awsErrorDetails().errorMessage();
            }
            if (message != null && !message.isBlank()) {
                out.append(": ").append(masked(message));
            }
            place(t).ifPresent(p -> out.append(" at ").append(p));
        }
        return out.toString();
    }

    /** A provider's or a library's text with its addresses and URLs masked, cut to a log line's worth. */
    static String masked(String text) {
        String masked = EmailAddress.maskAddressesIn(URL.matcher(text).replaceAll("<url>"));
        return masked.length() <= MAX_MESSAGE ? masked : masked.substring(0, MAX_MESSAGE) + "...";
    }

    /** The innermost frame of Aftercare's own code, where it met the failure. */
    private static Optional<String> place(Throwable t) {
        for (StackTraceElement frame : t.getStackTrace()) {
            if (frame.getClassName().startsWith("io.aftercare.")) {
                return Optional.of(frame.getClassName().substring(frame.getClassName().lastIndexOf('.') + 1)
                        + "." + frame.getMethodName() + ":" + frame.getLineNumber());
            }
        }
        return Optional.empty();
    }
}
