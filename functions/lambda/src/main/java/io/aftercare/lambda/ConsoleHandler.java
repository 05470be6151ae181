package io.aftercare.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.aftercare.lambda.http.HttpRequest;
import io.aftercare.lambda.http.HttpResponses;
import io.aftercare.lambda.http.RoutedHandler;
import io.aftercare.lambda.http.Routes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

/**
 * The agents' console on the API's origin (so the session cookie stays {@code SameSite=Strict}): its page for every
 * view, never cached, under a Content-Security-Policy that allows only its own scripts and styles; and its
 * fingerprinted assets (the module {@code functions/console} builds them), cached for a year and gzipped when the
 * browser takes it.
 */
public final class ConsoleHandler extends RoutedHandler {

    /** The views the page routes to itself besides the queue and a ticket. */
    private static final Set<String> VIEWS = Set.of("search", "settings", "metrics");
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    private static final Map<String, String> PAGE_HEADERS = Map.of(
            "content-type", "text/html; charset=utf-8",
            "cache-control", "no-store",
            "content-security-policy", CONTENT_SECURITY_POLICY,
            "x-content-type-options", "nosniff",
            "x-frame-options", "DENY",
            "referrer-policy", "no-referrer");
    private static final Map<String, String> TYPES = Map.of("js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8");

    private record Asset(String type, byte[] plain, byte[] gzipped) {
    }

    public ConsoleHandler() {
        super(routes());
    }

    /** The local runner's constructor: the console needs nothing of Aftercare's wiring. */
    public ConsoleHandler(Aftercare app) {
        this();
    }

    private static Routes routes() {
        String page = new String(resource("index.html"), StandardCharsets.UTF_8);
        Map<String, Asset> assets = new LinkedHashMap<>();
        for (String name : new String(resource("assets.txt"), StandardCharsets.UTF_8).strip().split("\n")) {
            byte[] plain = resource("assets/" + name);
            assets.put(name, new Asset(TYPES.get(name.substring(name.lastIndexOf('.') + 1)), plain, gzip(plain)));
        }
        return Routes.open()
                .on("GET /console", request -> page(page, request))
                .on("GET /console/tickets/{ticketId}", request -> page(page, request))
                .on("GET /console/{view}", request -> VIEWS.contains(request.path("view")) ? page(page, request)
                        : HttpResponses.error(404, "not_found", "No such view of the console."))
                .on("GET /console/assets/{asset}", request -> {
                    Asset asset = assets.get(request.path("asset"));
                    return asset == null ? HttpResponses.error(404, "not_found", "No such asset.") : asset(asset, request);
                });
    }

    /** The stage's path, when API Gateway serves the API under one, goes before the page's links. */
    private static APIGatewayV2HTTPResponse page(String page, HttpRequest request) {
        String base = request.origin().map(URI::getPath).filter(path -> path.matches("[A-Za-z0-9/_-]*")).orElse("");
        return APIGatewayV2HTTPResponse.builder().withStatusCode(200).withHeaders(PAGE_HEADERS)
                .withBody(page.replace("%BASE%", base)).build();
    }

    private static APIGatewayV2HTTPResponse asset(Asset asset, HttpRequest request) {
        boolean gzip = request.header("accept-encoding").filter(accepted -> accepted.contains("gzip")).isPresent();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", asset.type());
        headers.put("cache-control", "public, max-age=31536000, immutable");
        headers.put("x-content-type-options", "nosniff");
        headers.put("vary", "accept-encoding");
        if (gzip) {
            headers.put("content-encoding", "gzip");
        }
        return APIGatewayV2HTTPResponse.builder().withStatusCode(200).withHeaders(headers).withIsBase64Encoded(true)
                .withBody(Base64.getEncoder().encodeToString(gzip ? asset.gzipped() : asset.plain())).build();
    }

    /** A file of the built console ({@code console/} on the classpath); the browser tests measure what is served from it. */
    public static byte[] resource(String name) {
        try (InputStream in = ConsoleHandler.class.getResourceAsStream("/console/" + name)) {
            if (in == null) {
                throw new IllegalStateException("console/" + name + " is not on the classpath: build functions/console");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** As the console's files are served to a browser that takes gzip. */
    public static byte[] gzip(byte[] plain) {
        var out = new ByteArrayOutputStream();
        try (var zip = new GZIPOutputStream(out)) {
            zip.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
