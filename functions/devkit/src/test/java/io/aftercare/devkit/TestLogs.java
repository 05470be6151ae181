package io.aftercare.devkit;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Every test class's log in its own file (log4j2-test.xml routes by the class this names), and a failing test's own
 * log lines attached to its failure, so that the build's console shows them beside the assertion. Registered for every
 * module that has the devkit's test jar (META-INF/services, with JUnit's extension autodetection on in the root pom).
 */
public final class TestLogs implements BeforeAllCallback, BeforeEachCallback, TestExecutionExceptionHandler {

    static final String CLASS_PROPERTY = "aftercare.testClass";
    private static final int TAIL_LINES = 40;
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TestLogs.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        // a system property, not the thread's context: servers' and pools' threads log for the test too
        System.setProperty(CLASS_PROPERTY, context.getRequiredTestClass().getSimpleName());
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        Path log = file(context);
        context.getStore(NAMESPACE).put(log, Files.exists(log) ? Files.size(log) : 0L);
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        Path log = file(context);
        Long start = context.getStore(NAMESPACE).get(log, Long.class);
        if (start != null && Files.exists(log)) {
            failure.addSuppressed(new LogTail(log, tail(log, start)));
        }
        throw failure;
    }

    private static Path file(ExtensionContext context) {
        return Path.of(System.getProperty("aftercare.testLogs", "target/test-logs"), context.getRequiredTestClass().getSimpleName() + ".log");
    }

    private static String tail(Path log, long from) throws IOException {
        try (var file = new RandomAccessFile(log.toFile(), "r")) {
            byte[] bytes = new byte[(int) Math.max(0, file.length() - from)];
            file.seek(from);
            file.readFully(bytes);
            String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n");
            return String.join("\n", Arrays.copyOfRange(lines, Math.max(0, lines.length - TAIL_LINES), lines.length));
        }
    }

    /** Carries the lines; a stack trace of its own would only repeat the failure's. */
    static final class LogTail extends RuntimeException {
        LogTail(Path log, String lines) {
            super("the test's log, last " + TAIL_LINES + " lines at most (all of it in " + log + "):\n" + lines, null, false, false);
        }
    }
}
