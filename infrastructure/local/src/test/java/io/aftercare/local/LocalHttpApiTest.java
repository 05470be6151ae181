package io.aftercare.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aftercare.devkit.LocalDynamoDb;
import io.aftercare.devkit.TemplateResources;
import io.aftercare.devkit.TemplateTable;
import io.aftercare.lambda.Aftercare;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The local runner's HTTP front against more requests than it has room for, and slow, oversized and oddly encoded ones, over real sockets. */
class LocalHttpApiTest {

    private static final Duration HEADER_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static final String SLOW_WEBHOOK_HEAD = "POST /webhooks/shopify/no-such-shop HTTP/1.1\r\nHost: localhost\r\n"
            + "Content-Type: application/json\r\nContent-Length: 2\r\n\r\n";

    private static LocalDynamoDb dynamoDb;
    private static Aftercare app;
    private static List<TemplateRoutes.Route> routes;
    private static LocalHttpApi api;

    @BeforeAll
    static void start() throws IOException {
        dynamoDb = LocalDynamoDb.inMemory();
        var dynamo = dynamoDb.client();
        TemplateTable.fromRepository().createIfAbsent(dynamo, "http-api");
        app = Aftercare.builder().dynamo(dynamo, "http-api").adminToken(() -> "http-api-admin-token-0123456789")
                .linkKey(() -> "http-api-link-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8))
                .publicUrl(() -> URI.create("http://127.0.0.1")).clock(Clock.systemUTC()).build();
        routes = Stream.concat(TemplateRoutes.of(TemplateResources.fromRepository()).stream(), Stream.of(EchoHandler.ROUTE)).toList();
        api = new LocalHttpApi(0, routes, app, new LocalHttpApi.Capacity(4, 8, HEADER_TIMEOUT, REQUEST_TIMEOUT));
    }

    @AfterAll
    static void stop() {
        api.close();
        dynamoDb.close();
    }

    @Test
    void givenTheOneThreadBusyAndTheQueueFull_whenAnotherRequestArrives_thenItGets429AtOnceAndTheWaitingOnesAreStillServed() throws Exception {
        try (var small = new LocalHttpApi(0, routes, app, new LocalHttpApi.Capacity(1, 1, Duration.ofSeconds(10), Duration.ofSeconds(30)));
             Socket busy = slowWebhook(small); Socket waiting = slowWebhook(small)) {
            HttpResponse<String> refused = firstRefusal(small);

            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("retry-after")).contains("1");
            assertThat(refused.body()).isEqualTo("{\"message\":\"Too Many Requests\"}");

            for (Socket slow : new Socket[] {busy, waiting}) {
                slow.getOutputStream().write("{}".getBytes(StandardCharsets.UTF_8));
                assertThat(statusLine(slow.getInputStream())).as("a request that was let in is answered by its handler").isEqualTo("HTTP/1.1 401 Unauthorized");
            }
        }
    }

    @Test
    void givenFortyConnectionsStalledHalfwayThroughTheirHeaders_whenANormalRequestArrives_thenItIsAnsweredAndTheStalledOnesAreClosed() throws Exception {
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 40; i++) {
                var socket = new Socket("127.0.0.1", api.baseUri().getPort());
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write("POST /echo/slow HTTP/1.1\r\nHost: localhost\r\nX-Half".getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                stalled.add(socket);
            }

            var answered = echo("/echo/normal", "{}");

            assertThat(answered.statusCode()).isEqualTo(200);
            for (Socket socket : stalled) {
                assertThat(endOfStream(socket.getInputStream())).as("closed by the server after its header timeout").isTrue();
            }
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
    }

    @Test
    void givenARequestWhoseBodyStallsAfterItsHeaders_whenTheRequestTimeoutPasses_thenItIsAnswered408AsJson() throws Exception {
        try (var socket = new Socket("127.0.0.1", api.baseUri().getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /echo/slow HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 10\r\n\r\n{\"a\"").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();

            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(answer).startsWith("HTTP/1.1 408 ").endsWith("{\"message\":\"Request Timeout\"}");
        }
    }

    @Test
    void givenABodyDeclaredLargerThanApiGatewayAccepts_whenPosted_thenItIsRefused413WithoutItsBodyBeingRead() throws Exception {
        try (var socket = new Socket("127.0.0.1", api.baseUri().getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /echo/big HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + (LocalHttpApi.MAX_PAYLOAD_BYTES + 1) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();

            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(answer).startsWith("HTTP/1.1 413 ").endsWith("{\"message\":\"Payload Too Large\"}");
        }
    }

    @Test
    void givenAChunkedBodyThatGrowsPastTheLimit_whenPosted_thenItIsRefused413AsJson() throws Exception {
        var tooBig = HttpRequest.newBuilder(api.baseUri().resolve("/echo/big")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(new byte[LocalHttpApi.MAX_PAYLOAD_BYTES + 1])))
                .build();

        var refused = HTTP.send(tooBig, HttpResponse.BodyHandlers.ofString());

        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.body()).isEqualTo("{\"message\":\"Payload Too Large\"}");
    }

    @Test
    void givenABodyJustAtTheLimit_whenPosted_thenTheHandlerReceivesAllOfIt() throws Exception {
        var response = echo("/echo/full", "x".repeat(LocalHttpApi.MAX_PAYLOAD_BYTES));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("bodyLength").asInt()).isEqualTo(LocalHttpApi.MAX_PAYLOAD_BYTES);
    }

    @Test
    void givenHeadersLargerThanApiGatewayAccepts_whenSent_thenTheyAreRefused431AsJson() throws Exception {
        var oversized = HttpRequest.newBuilder(api.baseUri().resolve("/echo/headers")).header("X-Padding", "p".repeat(LocalHttpApi.MAX_HEADER_BYTES))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build();

        var refused = sentDespiteReset(oversized);

        assertThat(refused.statusCode()).isEqualTo(431);
        assertThat(refused.body()).isEqualTo("{\"message\":\"Request Header Fields Too Large\"}");
    }

    /**
     * The server answers before it has read the whole request and then closes; the bytes it never read make its
     * kernel reset the connection, and a reset that overtakes the answer loses it on the client's side (TCP, not the
     * runner: a busy machine makes it likely). A few attempts see the answer the runner gives.
     */
    private static HttpResponse<String> sentDespiteReset(HttpRequest request) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException reset) {
                if (attempt == 5) {
                    throw reset;
                }
            }
        }
    }

    @Test
    void givenAPlusAnEncodedPlusAndAnEncodedSpaceInAPathParameter_whenRouted_thenTheParameterIsDecodedAsApiGatewayPassesIt() throws Exception {
        JsonNode echoed = JSON.readTree(echo("/echo/ola+shop%2Btag%20x%40example.pl", "{}").body());

        assertThat(echoed.path("value").asText()).isEqualTo("ola+shop+tag x@example.pl");
        assertThat(echoed.path("rawPath").asText()).isEqualTo("/echo/ola+shop%2Btag%20x%40example.pl");
    }

    @Test
    void givenAnEncodedSlashAndUtf8InAPathParameter_whenRouted_thenTheyStayInsideTheOneParameter() throws Exception {
        JsonNode echoed = JSON.readTree(echo("/echo/a%2Fb%C5%BC", "{}").body());

        assertThat(echoed.path("value").asText()).isEqualTo("a/bż");
    }

    @Test
    void givenAnEncodedEmojiInAPathParameter_whenRouted_thenTheParameterHoldsTheEmoji() throws Exception {
        JsonNode echoed = JSON.readTree(echo("/echo/a%F0%9F%98%80b%C5%BC%E2%82%AC", "{}").body());

        assertThat(echoed.path("value").asText()).isEqualTo("a\uD83D\uDE00bż€");
    }

    @Test
    void givenCharactersOutsideTheBasicPlaneLeftUnencodedInAPath_whenDecoded_thenTheyAreKeptWholeNotTurnedIntoQuestionMarks() {
        // Jetty refuses raw non-ASCII in a request line, so this is the decoder alone: what it keeps must be the characters
        assertThat(LocalHttpApi.pathSegments("/echo/a\uD83D\uDE00%20b%F0%9F%98%80")).contains(List.of("echo", "a\uD83D\uDE00 b\uD83D\uDE00"));
    }

    @Test
    void givenAMalformedPercentEscapeInThePath_whenRequested_thenItIsRefused400AsJsonNot500() throws Exception {
        for (String path : List.of("/echo/a%zz", "/echo/a%", "/echo/a%C5", "/echo/a%2")) {
            assertThat(rawRequest(path)).as(path).startsWith("HTTP/1.1 400 ").endsWith("{\"message\":\"Bad Request\"}");
        }
    }

    @Test
    void givenPercentEscapesThatAreNotUtf8_whenRequested_thenTheyAreRefused400AsJson() throws Exception {
        // a cut-off emoji, a lone continuation byte, an overlong "/", an encoded surrogate, a byte UTF-8 never uses
        for (String path : List.of("/echo/a%F0%9F%98", "/echo/a%80", "/echo/a%C0%AF", "/echo/a%ED%A0%80", "/echo/a%FF", "/echo/%F0%9F%98b%80")) {
            assertThat(rawRequest(path)).as(path).startsWith("HTTP/1.1 400 ").endsWith("{\"message\":\"Bad Request\"}");
        }
    }

    @Test
    void givenItsPortTaken_whenTheApiStarts_thenItFailsNamingThePortAndWhatHoldsIt() throws Exception {
        try (var other = new ServerSocket()) {
            other.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = other.getLocalPort();

            assertThatThrownBy(() -> new LocalHttpApi(port, List.of(EchoHandler.ROUTE), null, LocalHttpApi.Capacity.DEFAULT).close())
                    .hasMessageContaining("Port " + port + " (for the HTTP API) is in use: held by pid " + ProcessHandle.current().pid() + " (java ");
        }
    }

    /** One request written as it is (its path unchecked by any client), answered and closed. */
    private static String rawRequest(String path) throws IOException {
        try (var socket = new Socket("127.0.0.1", api.baseUri().getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 2\r\nConnection: close\r\n\r\n{}").getBytes(StandardCharsets.UTF_8));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Headers sent, body held back: the request holds a thread (or a place to wait) until the body comes. */
    private static Socket slowWebhook(LocalHttpApi to) throws IOException, InterruptedException {
        var socket = new Socket("127.0.0.1", to.baseUri().getPort());
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write(SLOW_WEBHOOK_HEAD.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        Thread.sleep(300); // lets the server take this request in before the next one arrives, so their order is known
        return socket;
    }

    /** Should a quick request get through before the server has taken in both slow ones, the next is asked. */
    private static HttpResponse<String> firstRefusal(LocalHttpApi to) throws Exception {
        Instant giveUp = Instant.now().plus(Duration.ofSeconds(10));
        HttpResponse<String> response;
        do {
            response = HTTP.send(HttpRequest.newBuilder(URI.create(to.baseUri() + "/webhooks/shopify/no-such-shop"))
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

    private static HttpResponse<String> echo(String path, String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(api.baseUri() + path)).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** True once the server closed the connection without answering; false if it answered or kept it open past the socket's timeout. */
    private static boolean endOfStream(InputStream in) throws IOException {
        try {
            return in.read() == -1;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (SocketException reset) {
            return true;
        }
    }
}
