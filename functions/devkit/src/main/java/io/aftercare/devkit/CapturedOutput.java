package io.aftercare.devkit;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.apache.logging.log4j.layout.template.json.JsonTemplateLayout;

/**
 * What code writes while it runs, for tests to read: standard output (EMF metrics, the console's JSON logs) and every
 * log event, whichever appender the configuration sends it to (in tests, a file per test class). Log events are
 * captured with their exceptions in full (messages, causes, stack traces), so a scan of the capture sees everything
 * any layout could print.
 */
public final class CapturedOutput {

    public interface Run {
        void run() throws Exception;
    }

    private static final String FUNCTIONS_LAYOUT = "LambdaJsonLayout.json";
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
                .setLayout(layout(context.getConfiguration())).build();
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

    /** The functions' JSON lines (Powertools' layout, exceptions with their stack traces) where they run, else plain lines. */
    private static Layout<String> layout(Configuration configuration) {
        if (CapturedOutput.class.getResource("/" + FUNCTIONS_LAYOUT) != null) {
            return JsonTemplateLayout.newBuilder().setConfiguration(configuration).setEventTemplateUri("classpath:" + FUNCTIONS_LAYOUT).build();
        }
        return PatternLayout.newBuilder().withConfiguration(configuration).withPattern("%level %logger %X %message%n%throwable").build();
    }
}
