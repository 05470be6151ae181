package io.aftercare.lambda.queue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.action.ActionRef;
import io.aftercare.domain.action.ClaimedAction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** The queue message for a claimed action: which action, and the claim that entitles the worker to run it. */
public final class ActionMessages {

    public record Message(ActionRef ref, String claimToken) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private ActionMessages() {
    }

    public static String write(ClaimedAction action) {
        try {
            return JSON.writeValueAsString(Map.of("shop", action.shop().value(), "actionId", action.actionId(), "claimToken", action.claimToken()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Message read(String body) {
        try {
            JsonNode message = JSON.readTree(body);
            return new Message(new ActionRef(new ShopId(message.path("shop").asText()), message.path("actionId").asText()),
                    message.path("claimToken").asText());
        } catch (IOException e) {
            throw new UncheckedIOException("not an action message", e);
        }
    }
}
