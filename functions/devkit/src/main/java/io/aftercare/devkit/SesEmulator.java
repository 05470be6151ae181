package io.aftercare.devkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * The {@code aws-ses-v2-local} emulator (installed by the build under {@code infrastructure/ses-emulator}) as a child
 * process on its own port: the real SES v2 client sends to it, and {@link #emails()} reads what it received.
 */
public final class SesEmulator implements AutoCloseable {

    /** An email as the emulator stored it. */
    public record Email(String from, List<String> replyTo, List<String> to, String subject, String html, String text,
                        List<Header> headers, String messageId) {

        public String header(String name) {
            return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value).findFirst().orElse(null);
        }
    }

    public record Header(String name, String value) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final URI endpoint;
    private final HttpClient http = HttpClient.newHttpClient();

    private SesEmulator(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    public static SesEmulator start(int port) {
        Path cli = RepositoryRoot.find().resolve("infrastructure/ses-emulator/node_modules/aws-ses-v2-local/dist/cli.js");
        if (!Files.exists(cli)) {
            throw new IllegalStateException(cli + " is missing: the Maven build installs it (npm install in infrastructure/ses-emulator)");
        }
        try {
            Process process = new ProcessBuilder("node", cli.toString(), "--host", "127.0.0.1", "--port", Integer.toString(port))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            var emulator = new SesEmulator(process, URI.create("http://127.0.0.1:" + port));
            emulator.awaitHealthy();
            return emulator;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the SES emulator (is Node 20 installed?)", e);
        }
    }

    public static SesEmulator start() {
        return start(LocalDynamoDb.freePort());
    }

    private void awaitHealthy() {
        Instant deadline = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the SES emulator exited with " + process.exitValue());
            }
            try {
                if (http.send(HttpRequest.newBuilder(endpoint.resolve("/health-check")).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            sleep(100);
        }
        close();
        throw new IllegalStateException("the SES emulator did not become healthy at " + endpoint);
    }

    public URI endpoint() {
        return endpoint;
    }

    public SesV2Client client() {
        return client(endpoint);
    }

    /** A client for SES at {@code endpoint} (a {@link FaultProxy} in front of this emulator, say). */
    public static SesV2Client client(URI endpoint) {
        return SesV2Client.builder()
                .endpointOverride(endpoint)
                .region(Region.EU_CENTRAL_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    public List<Email> emails() {
        try {
            JsonNode store = JSON.readTree(http.send(HttpRequest.newBuilder(endpoint.resolve("/store")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            List<Email> emails = new ArrayList<>();
            for (JsonNode e : store.path("emails")) {
                List<Header> headers = new ArrayList<>();
                e.path("headers").forEach(h -> headers.add(new Header(h.path("name").asText(), h.path("value").asText())));
                emails.add(new Email(e.path("from").asText(), strings(e.path("replyTo")), strings(e.path("destination").path("to")),
                        e.path("subject").asText(), e.path("body").path("html").asText(null), e.path("body").path("text").asText(null),
                        headers, e.path("messageId").asText()));
            }
            return emails;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The emails sent to {@code address}. */
    public List<Email> emailsTo(String address) {
        return emails().stream().filter(e -> e.to().contains(address)).toList();
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

}
