package io.aftercare.lambda.queue;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.action.ActionDetail;
import io.aftercare.domain.action.ActionRef;
import io.aftercare.domain.action.ClaimedAction;
import io.aftercare.domain.email.ActionCatalog;
import io.aftercare.domain.shop.SlaTarget;
import io.aftercare.domain.timeline.Subject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The queue message for a claimed action: the action as its claim took it (kind, subject, typed detail, lease,
 * attempts), so the worker need not read it back. It is safe to carry: nothing in it changes while the claim holds,
 * and whether the claim still holds is checked by the writes themselves (the sending mark, the completion). What may
 * change (the order, the customer's mailing state) is read when the action runs.
 */
public final class ActionMessages {

    /** @param action the claimed action, absent in a message queued before actions were carried: the worker reads it */
    public record Message(ActionRef ref, String claimToken, Optional<ClaimedAction> action) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private ActionMessages() {
    }

    public static String write(ClaimedAction action) {
        ObjectNode message = JSON.createObjectNode()
                .put("shop", action.shop().value())
                .put("actionId", action.actionId())
                .put("claimToken", action.claimToken())
                .put("kind", action.kind().slug())
                .put("subjectType", action.subject().type().name())
                .put("subjectId", action.subject().id())
                .put("dueAt", action.dueAt().toString())
                .put("leaseUntil", action.leaseUntil().toString())
                .put("attempt", action.attempt())
                .put("tries", action.tries())
                .put("sendingBegun", action.sendingBegun());
        action.detail().ifPresent(detail -> {
            ObjectNode written = message.putObject("detail");
            switch (detail) {
                case ActionDetail.SlaDeadline deadline -> written.put("slaTarget", deadline.target().slug()).put("plan", deadline.plan());
                case ActionDetail.Escalation escalation -> written.put("escalationLevel", escalation.level()).put("plan", escalation.plan());
                case ActionDetail.Reply reply -> written.put("replyTo", reply.version());
                case ActionDetail.Resolution resolution -> written.put("resolvedVersion", resolution.version())
                        .put("resolvedAt", resolution.at().toString());
                case ActionDetail.OfReturn ofReturn -> written.put("ofReturn", ofReturn.returnId());
                case ActionDetail.OfRefund ofRefund -> written.put("ofRefund", ofRefund.refundId());
                case ActionDetail.Mention mention -> {
                    written.put("noteOf", mention.version()).put("notedBy", mention.by());
                    mention.members().forEach(written.putArray("mentioned")::add);
                }
                case ActionDetail.Privacy privacy -> {
                    written.put("privacyRequest", privacy.request());
                    privacy.customer().ifPresent(customer -> written.put("privacyCustomer", customer));
                    privacy.orders().forEach(written.putArray("privacyOrders")::add);
                }
                case ActionDetail.Week week -> written.put("weekOf", week.monday().toString());
            }
        });
        return message.toString();
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
        JsonNode message;
        try {
            message = JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("not an action message", e);
        }
        var ref = new ActionRef(new ShopId(message.path("shop").asText()), message.path("actionId").asText());
        String claimToken = message.path("claimToken").asText();
        if (!message.has("kind")) {
            return new Message(ref, claimToken, Optional.empty());
        }
        String slug = message.path("kind").asText();
        var kind = ActionCatalog.fromSlug(slug).orElseThrow(() -> new IllegalStateException("unknown action kind " + slug));
        var action = new ClaimedAction(ref.shop(), ref.actionId(), kind,
                new Subject(Subject.Type.valueOf(message.path("subjectType").asText()), message.path("subjectId").asText()),
                detail(message.path("detail")), Instant.parse(message.path("dueAt").asText()), claimToken,
                Instant.parse(message.path("leaseUntil").asText()), message.path("attempt").asInt(), message.path("tries").asInt(),
                message.path("sendingBegun").asBoolean());
        return new Message(ref, claimToken, Optional.of(action));
    }

    private static Optional<ActionDetail> detail(JsonNode detail) {
        if (detail.has("slaTarget")) {
            return Optional.of(new ActionDetail.SlaDeadline(SlaTarget.fromSlug(detail.path("slaTarget").asText()), detail.path("plan").asInt()));
        }
        if (detail.has("escalationLevel")) {
            return Optional.of(new ActionDetail.Escalation(detail.path("escalationLevel").asInt(), detail.path("plan").asInt()));
        }
        if (detail.has("resolvedVersion")) {
            return Optional.of(new ActionDetail.Resolution(detail.path("resolvedVersion").asLong(), Instant.parse(detail.path("resolvedAt").asText())));
        }
        if (detail.has("ofReturn")) {
            return Optional.of(new ActionDetail.OfReturn(detail.path("ofReturn").asText()));
        }
        if (detail.has("ofRefund")) {
            return Optional.of(new ActionDetail.OfRefund(detail.path("ofRefund").asText()));
        }
        if (detail.has("privacyRequest")) {
            Set<String> orders = new HashSet<>();
            detail.path("privacyOrders").forEach(order -> orders.add(order.asText()));
            return Optional.of(new ActionDetail.Privacy(detail.path("privacyRequest").asText(),
                    Optional.ofNullable(detail.get("privacyCustomer")).map(JsonNode::asText), orders));
        }
        if (detail.has("weekOf")) {
            return Optional.of(new ActionDetail.Week(LocalDate.parse(detail.path("weekOf").asText())));
        }
        if (detail.has("noteOf")) {
            Set<String> members = new HashSet<>();
            detail.path("mentioned").forEach(member -> members.add(member.asText()));
            return Optional.of(new ActionDetail.Mention(detail.path("noteOf").asLong(), detail.path("notedBy").asText(), members));
        }
        return detail.has("replyTo") ? Optional.of(new ActionDetail.Reply(detail.path("replyTo").asLong())) : Optional.empty();
    }
}
