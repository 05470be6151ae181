package io.aftercare.lambda.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aftercare.devkit.CapturedOutput;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.event.Level;
import org.slf4j.spi.SLF4JServiceProvider;

/** The provider as the functions get it: through SLF4J's own lookup, writing to standard output. */
class JsonLogProviderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void givenTheFunctionsClassPath_whenSlf4jLooksForProviders_thenAftercaresIsTheOnlyOne() {
        assertThat(ServiceLoader.load(SLF4JServiceProvider.class).stream().map(ServiceLoader.Provider::type))
                .containsExactly(JsonLogProvider.class);
        assertThat(LoggerFactory.getLogger(JsonLogProviderTest.class)).isInstanceOf(JsonLogger.class);
    }

    @Test
    void givenMdcFieldsAndAnExceptionAfterTheArguments_whenLogged_thenOneJsonLineCarriesTheFormattedMessageTheFieldsAndTheError() throws Exception {
        var log = LoggerFactory.getLogger("io.aftercare.lambda.Test");

        String output = CapturedOutput.of(() -> {
            MDC.put("ticket", "T-1");
            try {
                log.warn("could not {} for {}", "notify", "T-1", new IllegalStateException("SES said no"));
                log.info("one argument, an exception: {}", new IllegalArgumentException("alone"));
            } finally {
                MDC.remove("ticket");
            }
            log.info("after");
        });

        assertThat(output.lines()).as(output).hasSize(3);
        JsonNode first = JSON.readTree(output.lines().toList().get(0));
        assertThat(first.get("level").asText()).isEqualTo("WARN");
        assertThat(first.get("message").asText()).isEqualTo("could not notify for T-1");
        assertThat(first.get("logger").asText()).isEqualTo("io.aftercare.lambda.Test");
        assertThat(first.get("ticket").asText()).isEqualTo("T-1");
        assertThat(first.get("error").get("name").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(first.get("error").get("stack").asText()).contains("SES said no", "at io.aftercare.lambda.logging.JsonLogProviderTest");
        JsonNode second = JSON.readTree(output.lines().toList().get(1));
        assertThat(second.get("message").asText()).isEqualTo("one argument, an exception: {}");
        assertThat(second.get("error").get("message").asText()).isEqualTo("alone");
        assertThat(JSON.readTree(output.lines().toList().get(2)).has("ticket")).isFalse();
    }

    @Test
    void givenALoggerAtWarn_whenInfoAndErrorAreLogged_thenOnlyTheErrorIsWritten() throws Exception {
        var log = new JsonLogger("io.aftercare.lambda.Quiet", Level.WARN.toInt(), new ThreadMdc());

        String output = CapturedOutput.of(() -> {
            log.info("not written");
            log.debug("nor this");
            log.error("written");
        });

        assertThat(log.isInfoEnabled()).isFalse();
        assertThat(log.isWarnEnabled()).isTrue();
        assertThat(output.lines()).singleElement().satisfies(line -> assertThat(line).contains("\"message\":\"written\""));
    }

    @Test
    void givenAThreadStartedWhileFieldsAreSet_whenItLogs_thenItCarriesNoneOfThem() throws Exception {
        var log = LoggerFactory.getLogger("io.aftercare.lambda.Pool");
        var seen = new AtomicReference<String>();

        String output = CapturedOutput.of(() -> {
            MDC.put("delivery", "d-inherited");
            try {
                Thread thread = new Thread(() -> {
                    seen.set(MDC.get("delivery"));
                    log.info("from another thread");
                });
                thread.start();
                thread.join();
            } finally {
                MDC.remove("delivery");
            }
        });

        assertThat(seen.get()).isNull();
        assertThat(output).contains("from another thread").doesNotContain("d-inherited");
    }
}
