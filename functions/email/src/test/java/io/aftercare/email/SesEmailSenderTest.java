package io.aftercare.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.aftercare.devkit.SesEmulator;
import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.email.OutgoingEmail;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SesEmailSenderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void givenTagsWithCharactersSesRefuses_whenSent_thenSesReceivesOnlyAllowedCharactersAndItsEventsReadBackTheOriginals() throws IOException {
        List<JsonNode> requests = new ArrayList<>();
        HttpServer ses = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ses.createContext("/", exchange -> {
            requests.add(JSON.readTree(exchange.getRequestBody()));
            byte[] answer = "{\"MessageId\":\"m-1\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        ses.start();
        try {
            var sender = new SesEmailSender(SesEmulator.client(URI.create("http://127.0.0.1:" + ses.getAddress().getPort())), Optional.empty());
            var shopEmail = new EmailAddress("shop@kettle.example");

            assertThat(sender.send(new OutgoingEmail("Kettle House", shopEmail, shopEmail, new EmailAddress("ola@example.pl"), "Hi", "<p>Hi</p>",
                    "Hi", Map.of(), Map.of("shop", "kettle-house", "action", "check-in#ORD.1042:a_b")))).isEqualTo("m-1");
        } finally {
            ses.stop(0);
        }

        JsonNode tags = requests.get(0).path("EmailTags");
        assertThat(tags.findValuesAsText("Value")).allMatch(value -> value.matches("[A-Za-z0-9_-]+")).contains("kettle-house");
        ObjectNode event = JSON.createObjectNode().put("eventType", "Delivery");
        ObjectNode eventTags = event.putObject("mail").putObject("tags");
        tags.forEach(tag -> eventTags.putArray(tag.path("Name").asText()).add(tag.path("Value").asText()));
        var read = SesEventParser.parse(event.toString());
        assertThat(read.shop()).contains("kettle-house");
        assertThat(read.actionId()).contains("check-in#ORD.1042:a_b");
    }

    @Test
    void givenAnActionIdWithCharactersSesTagsRefuse_whenEncoded_thenOnlyAllowedCharactersRemainAndItDecodesBack() {
        String encoded = SesTags.encode("check-in#ORD.1042:a_b");

        assertThat(encoded).matches("[A-Za-z0-9_-]+");
        assertThat(SesTags.decode(encoded)).isEqualTo("check-in#ORD.1042:a_b");
        assertThat(SesTags.decode("thank-you#7300000000001")).isEqualTo("thank-you#7300000000001");
    }
}
