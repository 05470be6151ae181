package io.aftercare.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.devkit.DynamoDbExtension;
import io.aftercare.devkit.TestTable;
import io.aftercare.domain.ticket.Presence;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What the console needs of the agent API (a 409 that says who answered first, presence) and how its files are served. */
@ExtendWith(DynamoDbExtension.class)
class ConsoleSupportTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private Harness aftercare;

    @BeforeEach
    void freshTable(TestTable table) {
        aftercare = new Harness(table, NOW);
    }

    @Test
    void givenAReplyOnAVersionAnotherAgentAnsweredMeanwhile_whenSent_thenThe409CarriesTheTicketAsItIsAndTheirReply() {
        String id = ticket("desk-raced");
        long version = aftercare.ticket("desk-raced", id).path("version").asLong();
        assertThat(reply("desk-raced", id, version, "Anna", "A new lid is on its way.").status()).isEqualTo(200);

        var second = reply("desk-raced", id, version, "Boris", "Sorry about the lid!");

        assertThat(second.status()).isEqualTo(409);
        assertThat(second.json().path("error").asText()).isEqualTo("conflict");
        assertThat(second.json().path("ticket").path("version").asLong()).isGreaterThan(version);
        assertThat(second.json().path("lastReply").path("by").asText()).isEqualTo("Anna");
        assertThat(second.json().path("lastReply").path("excerpt").asText()).isEqualTo("A new lid is on its way.");
    }

    @Test
    void givenAHeartbeatOnATicket_whenTheShopsPresenceIsRead_thenItIsThereUntilThirtySecondsPass() {
        String id = ticket("desk-present");

        var beat = presence("desk-present", id, "{\"activity\": \"replying\"}");

        assertThat(beat.status()).isEqualTo(200);
        var live = aftercare.agent("GET /api/shops/{shop}/presence", Map.of("shop", "desk-present"), Map.of()).json().path("items");
        assertThat(live).hasSize(1);
        assertThat(live.get(0).path("ticketId").asText()).isEqualTo(id);
        assertThat(live.get(0).path("activity").asText()).isEqualTo("replying");
        assertThat(live.get(0).path("mine").asBoolean()).isTrue();
        aftercare.clock.advance(Presence.LIVE.plusSeconds(1));
        assertThat(aftercare.agent("GET /api/shops/{shop}/presence", Map.of("shop", "desk-present"), Map.of()).json().path("items")).isEmpty();
    }

    @Test
    void givenAHeartbeatOnAnotherShopsTicketOrWithAnUnknownActivity_whenSent_thenRefusedAndNobodyIsPresent() {
        String id = ticket("desk-own");
        aftercare.registerShop("desk-other", "generic");

        assertThat(presence("desk-other", id, "{\"activity\": \"viewing\"}").status()).isEqualTo(404);
        assertThat(presence("desk-own", id, "{\"activity\": \"typing\"}").status()).isEqualTo(400);
        assertThat(presence("desk-own", id, "{\"activity\": \"viewing\", \"extra\": 1}").status()).isEqualTo(400);
        for (String shop : new String[] {"desk-own", "desk-other"}) {
            assertThat(aftercare.agent("GET /api/shops/{shop}/presence", Map.of("shop", shop), Map.of()).json().path("items")).isEmpty();
        }
    }

    @Test
    void givenTheConsolePage_whenServed_thenItIsNeverCachedAndOnlyItsOwnScriptsAndStylesMayRun() {
        var page = new Harness.Response(new ConsoleHandler().handleRequest(Harness.event("GET /console/tickets/{ticketId}", Map.of("ticketId", "t-1"),
                Map.of(), new byte[0]), null));

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.headers()).containsEntry("cache-control", "no-store").containsEntry("x-content-type-options", "nosniff")
                .containsEntry("referrer-policy", "no-referrer");
        assertThat(page.headers().get("content-security-policy")).contains("script-src 'self'", "style-src 'self'", "default-src 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval");
        assertThat(page.body()).contains("<script type=\"module\" src=\"/console/assets/app.").doesNotContain("%BASE%", "<script>");
    }

    @Test
    void givenAFingerprintedAsset_whenAskedForWithGzip_thenItIsGzippedAndCachedForAYear_andAnUnknownOneIsNotFound() throws IOException {
        var page = new ConsoleHandler().handleRequest(Harness.event("GET /console", Map.of(), Map.of(), new byte[0]), null).getBody();
        String asset = page.replaceAll("(?s).*src=\"/console/assets/([^\"]+)\".*", "$1");
        var handler = new ConsoleHandler();

        var served = handler.handleRequest(Harness.event("GET /console/assets/{asset}", Map.of("asset", asset),
                Map.of("accept-encoding", "gzip, br"), new byte[0]), null);
        var unknown = handler.handleRequest(Harness.event("GET /console/assets/{asset}", Map.of("asset", "app.000000000000.js"),
                Map.of(), new byte[0]), null);

        assertThat(served.getHeaders()).containsEntry("cache-control", "public, max-age=31536000, immutable")
                .containsEntry("content-encoding", "gzip").containsEntry("content-type", "text/javascript; charset=utf-8");
        String script = new String(new GZIPInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(served.getBody()))).readAllBytes(),
                StandardCharsets.UTF_8);
        assertThat(script).contains("from './preact.");
        assertThat(unknown.getStatusCode()).isEqualTo(404);
    }

    private String ticket(String shop) {
        aftercare.registerShop(shop, "generic");
        var opened = aftercare.agentBody("POST /api/shops/{shop}/tickets", Map.of("shop", shop), """
                {"customer": {"email": "ola@example.com", "name": "Ola"}, "subject": "Scratched lid", "message": "It came scratched."}""");
        assertThat(opened.status()).isEqualTo(201);
        return opened.json().path("id").asText();
    }

    private Harness.Response reply(String shop, String id, long version, String agent, String message) {
        return aftercare.agentBody("POST /api/shops/{shop}/tickets/{ticketId}/replies", Map.of("shop", shop, "ticketId", id),
                "{\"version\": " + version + ", \"message\": \"" + message + "\", \"agent\": \"" + agent + "\"}");
    }

    private Harness.Response presence(String shop, String id, String body) {
        var event = Harness.event("PUT /api/shops/{shop}/tickets/{ticketId}/presence", Map.of("shop", shop, "ticketId", id),
                Map.of("Authorization", "Bearer " + Harness.ADMIN_TOKEN, "Content-Type", "application/json"), body.getBytes(StandardCharsets.UTF_8));
        return new Harness.Response(new AgentApiHandler(aftercare.app).handleRequest(event, null));
    }
}
