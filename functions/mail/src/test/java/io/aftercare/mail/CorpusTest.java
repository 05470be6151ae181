package io.aftercare.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aftercare.domain.inbound.InboundMessage;
import io.aftercare.domain.inbound.UnreadableMessage;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every raw message of {@code corpus/} (real mail from public sources, see its SOURCES.md) parses to the result written
 * beside it in {@code <name>.expected}: sender, subject, ids, auto-reply, attachments (size, type, name), new text.
 */
class CorpusTest {

    private static final MimeMessageParser PARSER = new MimeMessageParser();

    static Stream<String> messages() throws IOException, URISyntaxException {
        try (var files = Files.list(corpus())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".eml")).sorted().toList().stream();
        }
    }

    private static Path corpus() throws URISyntaxException {
        return Path.of(CorpusTest.class.getResource("/corpus").toURI());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void eachMessageOfTheCorpusParsesToItsExpectedResult(String name) throws Exception {
        var raw = Files.readAllBytes(corpus().resolve(name));
        var expected = Expectation.read(corpus().resolve(name.replace(".eml", ".expected")));

        if (expected.fields().containsKey("unreadable")) {
            assertThatThrownBy(() -> PARSER.parse(raw)).isInstanceOf(UnreadableMessage.class)
                    .hasMessage(expected.fields().get("unreadable"));
            return;
        }
        var message = PARSER.parse(raw);
        assertThat(Expectation.of(message)).isEqualTo(expected);
    }

    @Test
    void theCorpusHoldsAtLeastFortyMessagesEachNamedInSources() throws Exception {
        var names = messages().toList();
        var sources = Files.readString(corpus().resolve("SOURCES.md"), StandardCharsets.UTF_8);

        assertThat(names).hasSizeGreaterThanOrEqualTo(40);
        assertThat(names).allSatisfy(name -> assertThat(sources).contains("`" + name + "`"));
    }

    /** What is compared, as the {@code .expected} file writes it: {@code key: value} lines, then {@code newText:} and the text. */
    record Expectation(Map<String, String> fields, List<String> attachments, String newText) {

        static Expectation read(Path file) throws IOException {
            var fields = new LinkedHashMap<String, String>();
            var attachments = new ArrayList<String>();
            var lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (var i = 0; i < lines.size(); i++) {
                var line = lines.get(i);
                if (line.equals("newText:")) {
                    return new Expectation(fields, attachments, String.join("\n", lines.subList(i + 1, lines.size())));
                }
                var colon = line.indexOf(": ");
                var key = colon < 0 ? line.substring(0, line.length() - 1) : line.substring(0, colon);
                var value = colon < 0 ? "" : line.substring(colon + 2);
                if (key.equals("attachment")) {
                    attachments.add(value);
                } else {
                    fields.put(key, value);
                }
            }
            return new Expectation(fields, attachments, "");
        }

        static Expectation of(InboundMessage message) {
            var fields = new LinkedHashMap<String, String>();
            fields.put("from", message.from().value());
            fields.put("fromName", message.fromName());
            fields.put("subject", message.subject());
            fields.put("messageId", message.messageId().orElse(""));
            fields.put("threadIds", String.join(" ", message.threadIds()));
            fields.put("autoReply", message.autoReply().map(r -> r.header() + ": " + r.value()).orElse("none"));
            var attachments = message.attachments().stream()
                    .map(a -> a.size() + " " + a.contentType() + " " + a.fileName()).toList();
            return new Expectation(fields, attachments, message.newText());
        }
    }
}
