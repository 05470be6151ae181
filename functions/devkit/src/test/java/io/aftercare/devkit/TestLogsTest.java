package io.aftercare.devkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/** Each test class logs to its own file, and a failing test carries its own log lines (not the ones before it) to the console. */
class TestLogsTest {

    private static final Logger LOG = LogManager.getLogger(TestLogsTest.class);

    @Test
    void givenATestClassThatLogsAndFails_whenRun_thenItsLogIsInItsOwnFileAndTheFailureCarriesOnlyTheFailingTestsLines() throws Exception {
        LOG.info("the outer test logs this line");
        var summary = new SummaryGeneratingListener();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(LogsAndFails.class))
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true").build(), summary);
        System.setProperty(TestLogs.CLASS_PROPERTY, TestLogsTest.class.getSimpleName());
        LOG.info("and this one after it");

        assertThat(summary.getSummary().getFailures()).singleElement().satisfies(failure -> {
            var tails = Arrays.stream(failure.getException().getSuppressed()).filter(TestLogs.LogTail.class::isInstance).toList();
            assertThat(tails).singleElement().satisfies(tail -> assertThat(tail.getMessage())
                    .contains("LogsAndFails.log", "the failing test was here").doesNotContain("the passing test was here"));
        });
        Path logs = Path.of(System.getProperty("aftercare.testLogs", "target/test-logs"));
        assertThat(Files.readString(logs.resolve("LogsAndFails.log"))).contains("the passing test was here", "the failing test was here")
                .doesNotContain("the outer test logs this line");
        assertThat(Files.readString(logs.resolve("TestLogsTest.log"))).contains("the outer test logs this line", "and this one after it")
                .doesNotContain("the failing test was here");
    }

    /** Run by the test above only (surefire skips nested classes). */
    @TestMethodOrder(MethodOrderer.MethodName.class)
    static class LogsAndFails {

        @Test
        void passes() {
            LogManager.getLogger(LogsAndFails.class).info("the passing test was here");
        }

        @Test
        void zFails() {
            LogManager.getLogger(LogsAndFails.class).info("the failing test was here");
            assertThat(1).isEqualTo(2);
        }
    }
}
