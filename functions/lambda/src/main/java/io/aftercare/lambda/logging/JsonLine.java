package io.aftercare.lambda.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.slf4j.event.Level;

/**
 * One log event as one line of JSON, in the fields and order Powertools' Lambda layout wrote (so CloudWatch Logs
 * Insights queries keep working): level, message, error (message, name, stack), the Lambda's fields, timestamp, logger,
 * then the other MDC fields. Every string is escaped, and everything outside printable ASCII as {@code \\uXXXX}, so a
 * line stays valid JSON and one line whatever the console's encoding.
 */
public final class JsonLine {

    /** The Lambda context's fields, written before the others (their names as Powertools wrote them). */
    public static final String COLD_START = "cold_start";
    public static final String FUNCTION_ARN = "function_arn";
    public static final String FUNCTION_MEMORY_SIZE = "function_memory_size";
    public static final String FUNCTION_NAME = "function_name";
    public static final String FUNCTION_REQUEST_ID = "function_request_id";
    public static final String FUNCTION_VERSION = "function_version";
    public static final String SERVICE = "service";

    private static final List<String> LAMBDA_FIELDS = List.of(COLD_START, FUNCTION_ARN, FUNCTION_MEMORY_SIZE, FUNCTION_NAME,
            FUNCTION_REQUEST_ID, FUNCTION_VERSION, SERVICE);
    /** Written as JSON literals (true, 1024), as Powertools wrote them. */
    private static final List<String> LITERAL_FIELDS = List.of(COLD_START, FUNCTION_MEMORY_SIZE);
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonLine() {
    }

    public static String of(Level level, String logger, String message, Throwable error, Map<String, String> mdc, long epochMillis) {
        var line = new StringBuilder(256).append("{\"level\":\"").append(level.name()).append('"');
        field(line, "message", message);
        if (error != null) {
            line.append(",\"error\":{");
            line.append("\"message\":");
            string(line, error.getMessage());
            field(line, "name", error.getClass().getName());
            field(line, "stack", stack(error));
            line.append('}');
        }
        for (String name : LAMBDA_FIELDS) {
            String value = mdc.get(name);
            if (value != null) {
                line.append(",\"").append(name).append("\":");
                if (LITERAL_FIELDS.contains(name) && literal(value)) {
                    line.append(value);
                } else {
                    string(line, value);
                }
            }
        }
        line.append(",\"timestamp\":\"");
        timestamp(line, epochMillis);
        line.append('"');
        field(line, "logger", logger);
        mdc.forEach((name, value) -> {
            if (!LAMBDA_FIELDS.contains(name)) {
                field(line, name, value);
            }
        });
        return line.append('}').toString();
    }

    private static void field(StringBuilder line, String name, String value) {
        line.append(',');
        string(line, name);
        line.append(':');
        string(line, value);
    }

    static void string(StringBuilder out, String value) {
        if (value == null) {
            out.append("null");
            return;
        }
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf]).append(HEX[c >> 4 & 0xf]).append(HEX[c & 0xf]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static boolean literal(String value) {
        if (value.equals("true") || value.equals("false") || value.equals("0")) {
            return true;
        }
        if (value.isEmpty() || value.length() > 9 || value.charAt(0) == '0') {
            return false; // JSON has no leading zeros
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** UTC, milliseconds, by hand: java.time's formatter would cost a fresh function its classes on the first line. */
    private static void timestamp(StringBuilder out, long epochMillis) {
        var time = LocalDateTime.ofEpochSecond(Math.floorDiv(epochMillis, 1000), 0, ZoneOffset.UTC);
        out.append(time.getYear()).append('-');
        pad(out, time.getMonthValue(), 2).append('-');
        pad(out, time.getDayOfMonth(), 2).append('T');
        pad(out, time.getHour(), 2).append(':');
        pad(out, time.getMinute(), 2).append(':');
        pad(out, time.getSecond(), 2).append('.');
        pad(out, (int) Math.floorMod(epochMillis, 1000), 3).append('Z');
    }

    private static StringBuilder pad(StringBuilder out, int value, int digits) {
        String text = Integer.toString(value);
        out.repeat('0', Math.max(0, digits - text.length()));
        return out.append(text);
    }

    private static String stack(Throwable error) {
        var trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        return trace.toString();
    }
}
