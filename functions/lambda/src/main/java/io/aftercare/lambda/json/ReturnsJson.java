package io.aftercare.lambda.json;

import static io.aftercare.lambda.json.JsonViews.wholeNumber;

import com.fasterxml.jackson.databind.JsonNode;
import io.aftercare.domain.InvalidInput;
import io.aftercare.domain.shop.ReturnSettings;
import io.aftercare.domain.shop.ReturnThresholds;
import java.util.Optional;
import java.util.Set;

/**
 * The admin API's {@code returns} settings:
 * <pre>
 * {"instructions": "Print the label and drop the parcel at any DPD point.", "requestUnansweredDays": 2,
 *  "approvedNotReceivedDays": 10, "receivedNotRefundedDays": 3, "parcelSilenceDays": 5}
 * </pre>
 * Fields present replace the current ones; {@code null} clears the instructions, or makes the silence threshold the
 * shop's transit estimate again.
 */
public final class ReturnsJson {

    static final Set<String> FIELDS = Set.of("instructions", "requestUnansweredDays", "approvedNotReceivedDays", "receivedNotRefundedDays",
            "parcelSilenceDays");

    private ReturnsJson() {
    }

    public record ReturnsView(String instructions, int requestUnansweredDays, int approvedNotReceivedDays, int receivedNotRefundedDays,
                              Integer parcelSilenceDays) {
    }

    public static ReturnsView view(ReturnSettings returns) {
        ReturnThresholds t = returns.thresholds();
        return new ReturnsView(returns.instructions().orElse(null), t.requestUnansweredDays(), t.approvedNotReceivedDays(),
                t.receivedNotRefundedDays(), returns.parcelSilenceDays().orElse(null));
    }

    static ReturnSettings read(JsonNode node, ReturnSettings current) {
        if (!node.isObject()) {
            throw new InvalidInput("returns", "returns must be an object with " + String.join(", ", FIELDS.stream().sorted().toList()));
        }
        JsonViews.onlyFields(node, "returns.", FIELDS);
        ReturnThresholds was = current.thresholds();
        var thresholds = new ReturnThresholds(
                wholeNumber(node, "returns.requestUnansweredDays").orElse(was.requestUnansweredDays()),
                wholeNumber(node, "returns.approvedNotReceivedDays").orElse(was.approvedNotReceivedDays()),
                wholeNumber(node, "returns.receivedNotRefundedDays").orElse(was.receivedNotRefundedDays()));
        Optional<String> instructions = node.has("instructions")
                ? JsonViews.text(node, "returns.instructions", ReturnSettings.INSTRUCTIONS_BYTES) : current.instructions();
        Optional<Integer> silence = node.has("parcelSilenceDays") ? wholeNumber(node, "returns.parcelSilenceDays") : current.parcelSilenceDays();
        return new ReturnSettings(instructions, thresholds, silence);
    }
}
