package io.aftercare.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aftercare.devkit.Fixtures;
import io.aftercare.devkit.RepositoryRoot;
import io.aftercare.devkit.WebhookSigner;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The local runner over its real HTTP port: register a shop, send it a signed order, read the timeline back. */
class LocalRunnerEndToEndTest {

    private static final String TOKEN = "local-test-admin-token-0123456789";
    private static final String SECRET = "local-test-webhook-secret-0123";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static LocalAftercare local;

    @BeforeAll
    static void start() {
        Clock justAfterShopifysSamples = Clock.fixed(Instant.parse("2022-01-01T00:01:00Z"), ZoneOffset.UTC);
        local = LocalAftercare.start(LocalAftercare.Settings.ephemeral(TOKEN, justAfterShopifysSamples));
    }

    @AfterAll
    static void stop() {
        local.close();
    }

    @Test
    void givenTheLocalRunner_whenAShopIsRegisteredAndSentASignedOrder_thenItsTimelineCanBeReadBackOverHttp() throws Exception {
        var registered = send(HttpRequest.newBuilder(uri("/admin/shops"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"id": "e2e-shop", "platform": "shopify", "webhookSecret": "%s", "brandName": "E2E",
                         "senderEmail": "hello@e2e.example"}""".formatted(SECRET))));
        assertThat(registered.statusCode()).isEqualTo(201);

        byte[] order = Fixtures.shopify("orders-create.json");
        var webhook = HttpRequest.newBuilder(uri("/webhooks/shopify/e2e-shop")).POST(HttpRequest.BodyPublishers.ofByteArray(order));
        WebhookSigner.shopify(SECRET, order, "orders/create", "e2e-1", Instant.parse("2022-01-01T00:00:30Z")).forEach(webhook::header);
        var accepted = send(webhook);
        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(json(accepted).path("status").asText()).isEqualTo("recorded");

        var timeline = send(HttpRequest.newBuilder(uri("/api/shops/e2e-shop/orders/820982911946154508/timeline"))
                .header("Authorization", "Bearer " + TOKEN).GET());
        assertThat(timeline.statusCode()).isEqualTo(200);
        assertThat(json(timeline).path("items")).extracting(e -> e.path("kind").asText())
                .contains("order_placed", "order_cancelled", "email_scheduled");
    }

    @Test
    void givenAFormEncodedPing_whenPostedOverHttp_thenTheHandlerReceivesItAndAnswers200() throws Exception {
        var ping = send(HttpRequest.newBuilder(uri("/webhooks/woocommerce/any-shop"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("webhook_id=17")));

        assertThat(ping.statusCode()).isEqualTo(200);
    }

    @Test
    void givenAnEmailInThePath_whenPercentEncoded_thenTheHandlerGetsItDecodedAsApiGatewayWouldPassIt() throws Exception {
        var response = send(HttpRequest.newBuilder(uri("/api/shops/e2e-shop/customers/nobody%40example.com"))
                .header("Authorization", "Bearer " + TOKEN).GET());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).path("error").asText()).isEqualTo("not_found");
    }

    @Test
    void givenAPathTheTemplateDoesNotDeclare_whenRequested_thenItIsNotFound() throws Exception {
        assertThat(send(HttpRequest.newBuilder(uri("/admin/secrets")).GET()).statusCode()).isEqualTo(404);
    }

    @Test
    void givenTheDeploymentSmokeScript_whenRunAgainstTheLocalRunner_thenItRegistersAShopSendsASignedOrderAndFindsItsTimeline() throws Exception {
        var smoke = new ProcessBuilder("bash", RepositoryRoot.find().resolve("infrastructure/localstack/smoke").toString(),
                local.baseUri().toString(), TOKEN).redirectErrorStream(true).start();
        String output = new String(smoke.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);

        assertThat(smoke.waitFor()).as(output).isZero();
        assertThat(output).contains("smoke: ok");
    }

    @Test
    void givenTheDeployScripts_whenParsedByBash_thenTheyHaveNoSyntaxError() throws Exception {
        for (String script : new String[] {"infrastructure/deploy", "infrastructure/localstack/deploy"}) {
            var check = new ProcessBuilder("bash", "-n", RepositoryRoot.find().resolve(script).toString()).redirectErrorStream(true).start();
            assertThat(check.waitFor()).as(new String(check.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)).isZero();
        }
    }

    private static URI uri(String path) {
        return local.baseUri().resolve(path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

}
