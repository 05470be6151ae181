package io.aftercare.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The local runner's HTTP API as a member's browser or an integration calls it: signed in through the emailed link, or with a bearer token. */
final class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern LINK = Pattern.compile("https?://[^\\s\"<]+/auth/link/[A-Za-z0-9_-]+");

    /** A signed-in person: their cookie and the CSRF token their session gave. */
    record Signed(String cookie, String csrf) {
    }

    private final LocalAftercare local;

    ApiClient(LocalAftercare local) {
        this.local = local;
    }

    /** Signs in through the link taken from the SES emulator. */
    Signed signIn(String address) throws Exception {
        var opened = HTTP.send(HttpRequest.newBuilder(URI.create(requestLink(address))).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(opened.statusCode()).isEqualTo(303);
        String cookie = opened.headers().firstValue("set-cookie").orElseThrow().split(";")[0];
        var session = HTTP.send(HttpRequest.newBuilder(uri("/auth/session")).header("Cookie", cookie).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(session.statusCode()).isEqualTo(200);
        return new Signed(cookie, json(session).path("csrfToken").asText());
    }

    /** Asks for a sign-in link and takes it from the email. */
    String requestLink(String address) throws Exception {
        int before = local.ses().emailsTo(address).size();
        assertThat(send("POST", "/auth/link", null, "{\"email\": \"" + address + "\"}").statusCode()).isEqualTo(202);
        var emails = local.ses().emailsTo(address);
        assertThat(emails).hasSize(before + 1);
        Matcher link = LINK.matcher(emails.getLast().text());
        assertThat(link.find()).isTrue();
        return link.group();
    }

    HttpResponse<String> admin(String method, String path, String body) throws Exception {
        return bearer(method, path, local.adminToken(), body);
    }

    HttpResponse<String> bearer(String method, String path, String token, String body) throws Exception {
        return HTTP.send(request(method, path, body).header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** With the session's cookie and CSRF token; none without a session. */
    HttpResponse<String> send(String method, String path, Signed session, String body) throws Exception {
        var request = request(method, path, body);
        if (session != null) {
            request.header("Cookie", session.cookie());
            Optional.ofNullable(session.csrf()).ifPresent(csrf -> request.header("X-CSRF-Token", csrf));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String method, String path, String body) {
        var publisher = body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body);
        return HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json").method(method, publisher);
    }

    URI uri(String path) {
        return local.baseUri().resolve(path);
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
