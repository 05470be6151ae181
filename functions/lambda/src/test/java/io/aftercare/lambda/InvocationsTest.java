package io.aftercare.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aftercare.devkit.CapturedOutput;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class InvocationsTest {

    private static final Logger LOG = LoggerFactory.getLogger(InvocationsTest.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void givenALambdaContext_whenInvoked_thenEachLineMeanwhileCarriesTheFunctionsFieldsAndTheCorrelationIdsAndNoLineAfter() throws Exception {
        var context = new ActionBatchTest.InvocationContext(Duration.ofSeconds(10));

        String output = CapturedOutput.of(() -> {
            Invocations.logged(context, Map.of("delivery", "d-7"), () -> {
                LOG.info("inside");
                return null;
            });
            Invocations.logged(context, Map.of(), () -> {
                LOG.info("second");
                return null;
            });
            LOG.info("outside");
        });

        var lines = output.lines().map(InvocationsTest::json).toList();
        assertThat(lines).hasSize(3);
        JsonNode inside = lines.get(0);
        assertThat(inside.get("cold_start").isBoolean()).isTrue();
        assertThat(inside.get("function_arn").asText()).isEqualTo(context.getInvokedFunctionArn());
        assertThat(inside.get("function_memory_size").asInt()).isEqualTo(context.getMemoryLimitInMB());
        assertThat(inside.get("function_name").asText()).isEqualTo("aftercare-actions");
        assertThat(inside.get("function_request_id").asText()).isEqualTo("batch-test-request");
        assertThat(inside.get("function_version").asText()).isEqualTo("$LATEST");
        assertThat(inside.get("service").asText()).isEqualTo("aftercare");
        assertThat(inside.get("delivery").asText()).isEqualTo("d-7");
        assertThat(lines.get(1).get("cold_start").asBoolean()).as("only a JVM's first invocation is cold").isFalse();
        assertThat(lines.get(1).has("delivery")).isFalse();
        assertThat(lines.get(2).has("function_request_id")).isFalse();
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not a JSON line: " + line, e);
        }
    }
}
