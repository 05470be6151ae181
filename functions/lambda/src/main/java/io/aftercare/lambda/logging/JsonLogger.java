package io.aftercare.lambda.logging;

import java.io.PrintStream;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** Writes each event it is enabled for as one {@link JsonLine} on standard output, which Lambda sends to CloudWatch Logs. */
final class JsonLogger extends LegacyAbstractLogger {

    private final transient int threshold;
    private final transient ThreadMdc mdc;

    JsonLogger(String name, int threshold, ThreadMdc mdc) {
        this.name = name;
        this.threshold = threshold;
        this.mdc = mdc;
    }

    @Override
    public boolean isTraceEnabled() {
        return enabled(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return enabled(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return enabled(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return enabled(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return enabled(Level.ERROR);
    }

    private boolean enabled(Level level) {
        return level.toInt() >= threshold;
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments, Throwable throwable) {
        Throwable error = throwable;
        Object[] values = arguments;
        if (error == null && (error = MessageFormatter.getThrowableCandidate(arguments)) != null) {
            values = MessageFormatter.trimmedCopy(arguments); // one- and two-argument calls arrive with a trailing exception still among them
        }
        String message = values == null ? pattern : MessageFormatter.basicArrayFormat(pattern, values);
        String line = JsonLine.of(level, name, message, error, mdc.current(), System.currentTimeMillis());
        PrintStream out = System.out; // read each time: the tests capture standard output by replacing it
        out.println(line);
    }
}
