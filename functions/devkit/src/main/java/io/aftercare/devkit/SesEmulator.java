package io.aftercare.devkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * The {@code aws-ses-v2-local} emulator (installed by the build under {@code infrastructure/ses-emulator}) as a child
 * process (through {@code run.js}, which ties its life to this JVM's) on its own port: the real SES v2 client sends to it, and {@link #emails()} reads what it received.
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

    /**
     * Starts the emulator on {@code port}, failing if anything holds the port already (an orphan of an earlier run
     * would otherwise receive the emails). The child watches its stdin, which this JVM holds open: it exits when the
     * JVM does, however the JVM ends.
     */
    public static SesEmulator start(int port) {
        Path wrapper = RepositoryRoot.find().resolve("infrastructure/ses-emulator/run.js");
        if (!Files.exists(wrapper.resolveSibling("node_modules/aws-ses-v2-local"))) {
            throw new IllegalStateException(wrapper.resolveSibling("node_modules") + " is missing: the Maven build installs it (npm install in infrastructure/ses-emulator)");
        }
        Ports.requireFree(port, "the SES emulator");
        Process process;
        try {
            process = new ProcessBuilder("node", wrapper.toString(), "--port", Integer.toString(port))
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the SES emulator (is Node 20 installed?)", e);
        }
        var emulator = new SesEmulator(process, URI.create("http://127.0.0.1:" + port));
        emulator.awaitListening(port);
        return emulator;
    }

    public static SesEmulator start() {
        return start(Ports.free());
    }

    /** Reads the child's output until it says it listens (then keeps draining it, so that it never blocks on it). */
    private void awaitListening(int port) {
        var listening = new CompletableFuture<Void>();
        Thread.ofPlatform().daemon().name("ses-emulator-output").start(() -> {
            var said = new StringBuilder();
            try (var lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (!listening.isDone()) {
                        said.append(line).append('\n');
                        if (line.startsWith("listening on ")) {
                            listening.complete(null);
                        }
                    }
                }
            } catch (IOException closed) {
                // the child is gone
            }
            listening.completeExceptionally(new IllegalStateException("the SES emulator exited on port " + port + ": " + said.toString().trim()));
        });
        try {
            listening.get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            close();
            throw (IllegalStateException) e.getCause();
        } catch (TimeoutException | InterruptedException e) {
            close();
            throw new IllegalStateException("the SES emulator did not start listening at " + endpoint, e);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    public SesV2Client client() {
        return client(endpoint);
    }

    /**
     * A client for SES at {@code endpoint} (a {@link FaultProxy} in front of this emulator, say), its requests watched
     * by {@code interceptors} (a test acting while an email is being sent).
     */
    public static SesV2Client client(URI endpoint, ExecutionInterceptor... interceptors) {
        return LocalClients.local(SesV2Client.builder(), endpoint, interceptors).build();
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

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
        } catch (IOException alreadyGone) {
            // the child has exited
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

}
