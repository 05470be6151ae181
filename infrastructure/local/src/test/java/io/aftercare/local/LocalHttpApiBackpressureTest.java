package io.aftercare.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.devkit.LocalDynamoDb;
import io.aftercare.devkit.RepositoryRoot;
import io.aftercare.devkit.TemplateTable;
import io.aftercare.lambda.Aftercare;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The local runner's HTTP API under more requests than it has threads and queue for: refused with 429, never dropped. */
class LocalHttpApiBackpressureTest {

    private static final String SLOW_REQUEST_HEAD = "POST /webhooks/shopify/no-such-shop HTTP/1.1\r\nHost: localhost\r\n"
            + "Content-Type: application/json\r\nContent-Length: 2\r\n\r\n";

    private LocalDynamoDb dynamoDb;
    private LocalHttpApi api;

    @BeforeEach
    void start() throws IOException {
        dynamoDb = LocalDynamoDb.inMemory();
        var dynamo = dynamoDb.client();
        TemplateTable.fromRepository().createIfAbsent(dynamo, "backpressure");
        var app = Aftercare.builder().dynamo(dynamo, "backpressure").adminToken(() -> "backpressure-admin-token-0123456789")
                .linkKey(() -> "backpressure-link-key-0123456789".getBytes(StandardCharsets.UTF_8))
                .publicUrl(() -> URI.create("http://127.0.0.1")).clock(Clock.systemUTC()).build();
        api = new LocalHttpApi(0, TemplateRoutes.read(RepositoryRoot.find().resolve("template.yaml")), app, new LocalHttpApi.Capacity(1, 1, Duration.ofSeconds(10), Duration.ofSeconds(30)));
    }

    @AfterEach
    void stop() {
        api.close();
        dynamoDb.close();
    }

    @Test
    void givenTheOneThreadBusyAndTheQueueFull_whenAnotherRequestArrives_thenItGets429AtOnceAndTheWaitingOnesAreStillServed() throws Exception {
        try (Socket busy = slowRequest(); Socket waiting = slowRequest()) {
            HttpResponse<String> refused = firstRefusal();

            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("retry-after")).contains("1");
            assertThat(refused.body()).isEqualTo("{\"message\":\"Too Many Requests\"}");

            for (Socket slow : new Socket[] {busy, waiting}) {
                slow.getOutputStream().write("{}".getBytes(StandardCharsets.UTF_8));
                assertThat(statusLine(slow.getInputStream())).as("a request that was let in is answered by its handler").isEqualTo("HTTP/1.1 401 Unauthorized");
            }
        }
    }

    /** Headers sent, body held back: the request occupies a thread (or a queue place) until the body comes. */
    private Socket slowRequest() throws IOException, InterruptedException {
        var socket = new Socket("127.0.0.1", api.baseUri().getPort());
        socket.setSoTimeout(10_000);
        OutputStream out = socket.getOutputStream();
        out.write(SLOW_REQUEST_HEAD.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        Thread.sleep(300); // lets the server take this request in before the next one arrives, so their order is known
        return socket;
    }

    /** Should a quick request get through before the server has taken in both slow ones, the next is asked. */
    private HttpResponse<String> firstRefusal() throws Exception {
        var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Instant giveUp = Instant.now().plus(Duration.ofSeconds(10));
        HttpResponse<String> response;
        do {
            response = http.send(HttpRequest.newBuilder(URI.create(api.baseUri() + "/webhooks/shopify/no-such-shop"))
                    .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        } while (response.statusCode() != 429 && Instant.now().isBefore(giveUp));
        return response;
    }

    private static String statusLine(InputStream in) throws IOException {
        var line = new StringBuilder();
        for (int c = in.read(); c != -1 && c != '\r'; c = in.read()) {
            line.append((char) c);
        }
        return line.toString();
    }
}
