package io.aftercare.devkit;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * SES's part in receiving mail, for the local runner, the tests and the benchmark: the event its receipt rule's Lambda
 * action sends once its S3 action has written the raw message, shaped as AWS's sample
 * ({@code infrastructure/fixtures/ses/receipt-lambda-action.json}) with what the function reads of it.
 */
public final class SesInbound {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ID_CHARACTERS = "abcdefghijklmnopqrstuvwxyz0123456789";

    private SesInbound() {
    }

    /** A message id as SES gives one (lowercase letters and digits): the raw message's key after the rule's prefix. */
    public static String messageId() {
        var id = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            id.append(ID_CHARACTERS.charAt(RANDOM.nextInt(ID_CHARACTERS.length())));
        }
        return id.toString();
    }

    /**
     * The event for one message.
     *
     * @param verdict every check's status: {@code DISABLED} where no check ran (locally), {@code PASS} or {@code FAIL}
     */
    public static Map<String, Object> event(String messageId, Instant receivedAt, List<String> recipients, String verdict) {
        Map<String, Object> status = Map.of("status", verdict.toUpperCase(Locale.ROOT));
        Map<String, Object> mail = Map.of("timestamp", receivedAt.toString(), "messageId", messageId, "destination", recipients,
                "headersTruncated", false);
        Map<String, Object> receipt = Map.of("timestamp", receivedAt.toString(), "recipients", recipients,
                "spamVerdict", status, "virusVerdict", status, "spfVerdict", status, "dkimVerdict", status, "dmarcVerdict", status,
                "action", Map.of("type", "Lambda", "functionArn", "arn:aws:lambda:us-east-1:000000000000:function:aftercare-local-inbound-email",
                        "invocationType", "Event"));
        return Map.of("Records", List.of(Map.of("eventSource", "aws:ses", "eventVersion", "1.0", "ses", Map.of("mail", mail, "receipt", receipt))));
    }
}
