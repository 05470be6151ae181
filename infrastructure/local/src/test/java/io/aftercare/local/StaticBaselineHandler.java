package io.aftercare.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.aftercare.lambda.Aftercare;
import io.aftercare.lambda.ConsoleHandler;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The baseline for the console's first render: one static page exactly as large as the console's page and assets
 * together (their own text, inside a comment, so it compresses as they do), served as the console's files are
 * (gzipped when the browser takes it) and read by the browser with nothing to run.
 */
public final class StaticBaselineHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    static final TemplateRoutes.Route ROUTE = new TemplateRoutes.Route("StaticBaselineFunction", StaticBaselineHandler.class.getName(), "GET", "/baseline");
    private static final String HEAD = "<!doctype html><html lang=\"en\"><title>Static baseline</title><p>A static page the size of the console.</p><!--";
    private static final String TAIL = "--></html>";

    private final byte[] plain;
    private final byte[] gzipped;

    public StaticBaselineHandler(Aftercare app) {
        StringBuilder console = new StringBuilder(text("index.html"));
        for (String asset : text("assets.txt").strip().split("\n")) {
            console.append(text("assets/" + asset));
        }
        int size = console.toString().getBytes(StandardCharsets.UTF_8).length;
        // "--" would end the comment early; a space in its place keeps the size
        byte[] body = console.toString().replace("--", "- ").getBytes(StandardCharsets.UTF_8);
        byte[] head = HEAD.getBytes(StandardCharsets.UTF_8);
        byte[] tail = TAIL.getBytes(StandardCharsets.UTF_8);
        var page = new ByteArrayOutputStream();
        page.writeBytes(head);
        page.write(body, 0, size - head.length - tail.length);
        page.writeBytes(tail);
        this.plain = page.toByteArray();
        this.gzipped = ConsoleHandler.gzip(plain);
    }

    /** The console's page and assets together, in bytes: the size the baseline page has. */
    int size() {
        return plain.length;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        boolean gzip = event.getHeaders() != null && event.getHeaders().getOrDefault("accept-encoding", "").contains("gzip");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "text/html; charset=utf-8");
        headers.put("cache-control", "no-store");
        if (gzip) {
            headers.put("content-encoding", "gzip");
        }
        return APIGatewayV2HTTPResponse.builder().withStatusCode(200).withHeaders(headers).withIsBase64Encoded(true)
                .withBody(Base64.getEncoder().encodeToString(gzip ? gzipped : plain)).build();
    }

    private static String text(String name) {
        return new String(ConsoleHandler.resource(name), StandardCharsets.UTF_8);
    }
}
