package io.aftercare.lambda.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

class JsonLineTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long AT = Instant.parse("2026-03-04T05:06:07.089Z").toEpochMilli();

    @Test
    void givenQuotesBackslashesControlCharactersAndNonAscii_whenWritten_thenOnePrintableAsciiLineReadsBackTheSameText() throws Exception {
        String text = "a \"quoted\" C:\\path\nnext\rline\ttab \u0000\u0001\u001f\u007f é ж 😀 \u2028 end";

        String line = JsonLine.of(Level.INFO, "io.aftercare.Test", text, null, Map.of("note", text), AT);

        assertThat(line).doesNotContain("\n", "\r").matches("[\\x20-\\x7e]*");
        assertThat(line).contains("\\\"quoted\\\"", "C:\\\\path", "\\n", "\\r", "\\t", "\\u0000", "\\u001f", "\\u007f", "\\u00e9", "\\u0436",
                "\\ud83d\\ude00", "\\u2028");
        JsonNode node = JSON.readTree(line);
        assertThat(node.get("message").asText()).isEqualTo(text);
        assertThat(node.get("note").asText()).isEqualTo(text);
    }

    @Property
    void anyMessageAndFieldReadBackAsWritten(@ForAll String message, @ForAll String field, @ForAll String value) throws Exception {
        var mdc = new TreeMap<String, String>();
        mdc.put("f" + field, value);

        JsonNode node = JSON.readTree(JsonLine.of(Level.WARN, "logger", message, null, mdc, AT));

        assertThat(node.get("message").asText()).isEqualTo(message);
        assertThat(node.get("f" + field).asText()).isEqualTo(value);
    }

    @Test
    void givenTheLambdaFieldsAndCorrelationIds_whenWritten_thenTheyComeInPowertoolsOrderWithColdStartAndMemoryAsLiterals() throws Exception {
        var mdc = new TreeMap<String, String>();
        mdc.put("shop", "demo-shop");
        mdc.put("delivery", "d-1");
        mdc.put(JsonLine.COLD_START, "true");
        mdc.put(JsonLine.FUNCTION_ARN, "arn:aws:lambda:eu-central-1:1:function:webhooks");
        mdc.put(JsonLine.FUNCTION_MEMORY_SIZE, "1024");
        mdc.put(JsonLine.FUNCTION_NAME, "webhooks");
        mdc.put(JsonLine.FUNCTION_REQUEST_ID, "req-1");
        mdc.put(JsonLine.FUNCTION_VERSION, "$LATEST");
        mdc.put(JsonLine.SERVICE, "aftercare");

        String line = JsonLine.of(Level.INFO, "io.aftercare.lambda.WebhookHandler", "recorded delivery d-1", null, mdc, AT);

        assertThat(line).startsWith("{\"level\":\"INFO\",\"message\":\"recorded delivery d-1\",\"cold_start\":true,")
                .contains("\"function_memory_size\":1024,").endsWith("\"delivery\":\"d-1\",\"shop\":\"demo-shop\"}");
        assertThat(names(JSON.readTree(line))).containsExactly("level", "message", "cold_start", "function_arn", "function_memory_size",
                "function_name", "function_request_id", "function_version", "service", "timestamp", "logger", "delivery", "shop");
        assertThat(JSON.readTree(line).get("timestamp").asText()).isEqualTo("2026-03-04T05:06:07.089Z");
    }

    @Test
    void givenALineOutsideAnInvocation_whenWritten_thenItHasNoLambdaFieldsAndATimestampInUtcMilliseconds() throws Exception {
        JsonNode node = JSON.readTree(JsonLine.of(Level.ERROR, "io.aftercare.local.Main", "started", null, Map.of(), 0));

        assertThat(names(node)).containsExactly("level", "message", "timestamp", "logger");
        assertThat(node.get("timestamp").asText()).isEqualTo("1970-01-01T00:00:00.000Z");
        assertThat(node.get("logger").asText()).isEqualTo("io.aftercare.local.Main");
    }

    @Test
    void givenAThrowableWithACause_whenWritten_thenErrorCarriesItsMessageClassAndWholeStackAsOneEscapedString() throws Exception {
        var failure = new IllegalStateException("outer \"one\"", new IllegalArgumentException("inner"));

        String line = JsonLine.of(Level.ERROR, "logger", "failed", failure, Map.of(), AT);

        assertThat(line.lines()).hasSize(1);
        JsonNode error = JSON.readTree(line).get("error");
        assertThat(error.get("message").asText()).isEqualTo("outer \"one\"");
        assertThat(error.get("name").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(error.get("stack").asText()).startsWith("java.lang.IllegalStateException: outer \"one\"\n\tat io.aftercare.lambda.logging.JsonLineTest.")
                .contains("Caused by: java.lang.IllegalArgumentException: inner");
    }

    private static List<String> names(JsonNode node) {
        var names = new ArrayList<String>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
