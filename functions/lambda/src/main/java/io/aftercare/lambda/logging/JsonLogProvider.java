package io.aftercare.lambda.logging;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * Aftercare's SLF4J provider: JSON lines on standard output ({@link JsonLine}), levels as {@link LogLevels} reads them
 * once from the environment. It replaces Log4j with Powertools' layout, which loaded about 750 classes before a
 * function's first line. Found by SLF4J through META-INF/services; the only provider on the functions' class path.
 */
public final class JsonLogProvider implements SLF4JServiceProvider {

    private final ThreadMdc mdc = new ThreadMdc();
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private LoggerFactory loggers;

    @Override
    public void initialize() {
        loggers = new LoggerFactory(LogLevels.from(System.getenv()), mdc);
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggers;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    private record LoggerFactory(LogLevels levels, ThreadMdc mdc, ConcurrentMap<String, Logger> loggers) implements ILoggerFactory {

        LoggerFactory(LogLevels levels, ThreadMdc mdc) {
            this(levels, mdc, new ConcurrentHashMap<>());
        }

        @Override
        public Logger getLogger(String name) {
            return loggers.computeIfAbsent(name, n -> new JsonLogger(n, levels.threshold(n), mdc));
        }
    }
}
