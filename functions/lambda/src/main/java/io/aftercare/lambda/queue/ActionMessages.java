package io.aftercare.lambda.queue;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.action.ActionRef;
import io.aftercare.domain.action.ClaimedAction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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

    /** The event SQS delivers to the action function for these claims, one message each: for the local runner and tests. */
    public static SQSEvent event(List<ClaimedAction> actions) {
        List<SQSEvent.SQSMessage> messages = new ArrayList<>();
        for (ClaimedAction action : actions) {
            var message = new SQSEvent.SQSMessage();
            message.setMessageId(UUID.randomUUID().toString());
            message.setBody(write(action));
            messages.add(message);
        }
        var event = new SQSEvent();
        event.setRecords(messages);
        return event;
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
