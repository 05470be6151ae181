package io.aftercare.lambda.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.aftercare.domain.webhook.ReturnLocator;
import io.aftercare.domain.webhook.WebhookOutcome.Reason;
import io.aftercare.domain.webhook.WebhookOutcome;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the platforms are told. Every accepted (applied or not), duplicate or ignored delivery is a 2xx: anything else makes
 * Shopify retry and eventually delete the subscription, and WooCommerce disable the webhook. A delivery that could
 * not be recorded is never a 2xx: a 503 with {@code Retry-After} asks for it again.
 */
public final class WebhookResponses {

    /** Seconds a platform is asked to wait before sending a delivery that could not be recorded again. */
    private static final String RETRY_AFTER_SECONDS = "5";

    private WebhookResponses() {
    }

    public static APIGatewayV2HTTPResponse of(WebhookOutcome outcome) {
        return switch (outcome) {
            case WebhookOutcome.Recorded recorded -> {
                Map<String, Object> body = recordedBody(recorded.deliveryId(), recorded.topic(), recorded.scheduled());
                recorded.ticket().ifPresent(number -> body.put("ticket", number));
                if (recorded.staleSnapshot()) {
                    body.put("note", "an older snapshot than the one stored: its state was not applied");
                }
                yield HttpResponses.json(200, body);
            }
            case WebhookOutcome.NotPlaced notPlaced -> {
                Map<String, Object> body = recordedBody(notPlaced.deliveryId(), notPlaced.topic(), List.of());
                body.put("placed", false);
                body.put("note", "the return it names cannot be located (" + why(notPlaced.why())
                        + "): recorded on the shop's audit trail, not applied to any return");
                yield HttpResponses.json(200, body);
            }
            case WebhookOutcome.Duplicate duplicate -> HttpResponses.json(200, Map.of("status", "duplicate", "deliveryId", duplicate.deliveryId()));
            case WebhookOutcome.RetryLater retry -> {
                var response = HttpResponses.error(503, "retry_later", retry.message());
                Map<String, String> headers = new LinkedHashMap<>(response.getHeaders());
                headers.put("retry-after", RETRY_AFTER_SECONDS);
                response.setHeaders(headers);
                yield response;
            }
            case WebhookOutcome.Ignored ignored -> HttpResponses.json(200, Map.of("ignored", ignored.topic()));
            case WebhookOutcome.Ping ping -> HttpResponses.json(200, Map.of("status", "ok"));
            case WebhookOutcome.Rejected rejected -> HttpResponses.error(status(rejected.reason()), rejected.reason().code(), rejected.message());
        };
    }

    /** A log line's worth: the outcome, the delivery id and topic; no content. */
    public static String describe(WebhookOutcome outcome) {
        return switch (outcome) {
            case WebhookOutcome.Recorded recorded -> "recorded delivery " + recorded.deliveryId() + " (" + recorded.topic() + "), "
                    + recorded.scheduled().size() + " action(s) scheduled" + recorded.ticket().map(t -> ", ticket " + t).orElse("");
            case WebhookOutcome.NotPlaced notPlaced -> "recorded delivery " + notPlaced.deliveryId() + " (" + notPlaced.topic()
                    + ") without applying it: its return cannot be located (" + why(notPlaced.why()) + ")";
            case WebhookOutcome.Duplicate duplicate -> "duplicate delivery " + duplicate.deliveryId();
            // the message names no content: why, in Aftercare's words (races lost, a return not located yet)
            case WebhookOutcome.RetryLater retry -> "not recorded: delivery " + retry.deliveryId() + " answered 503: " + retry.message();
            case WebhookOutcome.Ignored ignored -> "ignored topic " + ignored.topic();
            case WebhookOutcome.Ping ping -> "activation ping";
            case WebhookOutcome.Rejected rejected -> "rejected: " + rejected.reason().code();
        };
    }

    /** What every recorded delivery's answer says, applied or not: its own fields follow. */
    private static Map<String, Object> recordedBody(String deliveryId, String topic, List<String> scheduled) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "recorded");
        body.put("deliveryId", deliveryId);
        body.put("topic", topic);
        body.put("scheduled", scheduled);
        return body;
    }

    private static String why(ReturnLocator.Why why) {
        return switch (why) {
            case NO_TOKEN -> "the shop has no Admin API token set to ask its platform with";
            case REFUSED -> "the shop's platform refused its Admin API token";
            case UNKNOWN -> "neither Aftercare nor the shop's platform knows it";
        };
    }

    private static int status(Reason reason) {
        return switch (reason) {
            case UNAUTHORIZED -> 401;
            case UNKNOWN_PLATFORM -> 404;
            case PAYLOAD_TOO_LARGE -> 413;
            case MALFORMED_JSON, MISSING_HEADER, INVALID_PAYLOAD -> 400;
        };
    }
}
