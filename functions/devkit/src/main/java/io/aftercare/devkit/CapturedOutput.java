package io.aftercare.devkit;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * What code writes while it runs, for tests to read: standard output (EMF metrics, the functions' JSON log lines, with
 * exceptions' stack traces) and every Log4j event, whichever appender the configuration sends it to (in tests, a file
 * per test class). Log4j's events are captured with their exceptions in full (messages, causes, stack traces), so a
 * scan of the capture sees everything any layout could print.
 */
public final class CapturedOutput {

    public interface Run {
        void run() throws Exception;
    }

    private static final AtomicInteger CAPTURES = new AtomicInteger();

    private CapturedOutput() {
    }

    public static String of(Run run) throws Exception {
        PrintStream original = System.out;
        var buffer = new ByteArrayOutputStream();
        var logs = new StringWriter();
        var context = (LoggerContext) LogManager.getContext(false);
        var root = context.getConfiguration().getRootLogger();
        var appender = WriterAppender.newBuilder().setName("captured-" + CAPTURES.incrementAndGet()).setTarget(logs)
                .setLayout(PatternLayout.newBuilder().withConfiguration(context.getConfiguration())
                        .withPattern("%level %logger %X %message%n%throwable").build()).build();
        appender.start();
        root.addAppender(appender, null, null);
        context.updateLoggers();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            run.run();
        } finally {
            System.setOut(original);
            root.removeAppender(appender.getName());
            context.updateLoggers();
            appender.stop();
        }
        return buffer.toString(StandardCharsets.UTF_8) + logs;
    }
}
