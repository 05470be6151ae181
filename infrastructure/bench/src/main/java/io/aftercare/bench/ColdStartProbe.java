package io.aftercare.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.aftercare.lambda.WebhookHandler;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Runs in a fresh JVM on the shaded Lambda jar, as a Lambda container would, and prints how long the JVM had been
 * up when its first request was done. {@code webhook}: the real handler, built from the environment, handling one
 * signed webhook. {@code webhook-primed}: the same after SnapStart's priming, as a restored snapshot would handle it
 * (its request's own time is what counts). {@code client}: the baseline, a handler that only builds the same DynamoDB client.
 */
public final class ColdStartProbe {

    private ColdStartProbe() {
    }

    public static void main(String[] args) {
        String status;
        long requestMs = 0;
        if (args[0].startsWith("webhook")) {
            var event = APIGatewayV2HTTPEvent.builder()
                    .withRouteKey("POST /webhooks/{platform}/{shop}")
                    .withPathParameters(Map.of("platform", "generic", "shop", args[1]))
                    .withHeaders(Map.of("content-type", "application/json", "x-aftercare-signature", args[2]))
                    .withBody(new String(Base64.getDecoder().decode(args[3]), StandardCharsets.UTF_8))
                    .withIsBase64Encoded(false)
                    .build();
            var handler = new WebhookHandler();
            if (args[0].equals("webhook-primed")) {
                WebhookHandler.prime(); // what SnapStart's checkpoint hook runs before the snapshot
            }
            System.out.println("REQUEST_START_MS=" + ManagementFactory.getRuntimeMXBean().getUptime());
            long start = System.nanoTime();
            status = Integer.toString(handler.handleRequest(event, null).getStatusCode());
            requestMs = (System.nanoTime() - start) / 1_000_000;
        } else {
            try (DynamoDbClient client = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build()) {
                status = client.serviceName();
            }
        }
        System.out.println("COLD_START_MS=" + ManagementFactory.getRuntimeMXBean().getUptime() + " REQUEST_MS=" + requestMs + " RESULT=" + status);
    }
}
