package io.aftercare.email;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.Limits;
import io.aftercare.domain.action.ActionKind;
import io.aftercare.domain.email.ActionCatalog;
import io.aftercare.domain.email.EmailTags;
import io.aftercare.domain.email.MailboxEvent;
import io.aftercare.domain.order.OrderId;
import io.aftercare.domain.timeline.Subject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the SES event record an SNS notification carries. Event publishing names its type {@code eventType},
 * identity notifications {@code notificationType}: both are read, and unknown fields are ignored, as SES may add some.
 */
public final class SesEventParser {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SesEventParser() {
    }

    public static MailboxEvent parse(String record) {
        JsonNode event;
        try {
            event = JSON.readTree(record);
        } catch (IOException e) {
            throw new UncheckedIOException("not an SES event record", e);
        }
        String type = event.path("eventType").asText(event.path("notificationType").asText(""));
        JsonNode mail = event.path("mail");
        Optional<String> shop = firstTag(mail, EmailTags.SHOP);
        Optional<String> action = firstTag(mail, EmailTags.ACTION);
        Optional<ActionKind> kind = firstTag(mail, EmailTags.KIND).flatMap(ActionCatalog::fromSlug);
        Optional<Subject> about = firstTag(mail, EmailTags.ORDER).map(id -> Subject.order(new OrderId(id)))
                .or(() -> firstTag(mail, EmailTags.TICKET).map(Subject::ticket));
        return switch (type) {
            case "Bounce" -> {
                JsonNode bounce = event.path("bounce");
                List<EmailAddress> recipients = addresses(bounce.path("bouncedRecipients"), "emailAddress");
                // SES often sends no diagnostic (or an empty one), e.g. for an address on its suppression list: the subtype then says why
                Optional<String> detail = text(bounce.path("bouncedRecipients").path(0), "diagnosticCode")
                        .or(() -> text(bounce, "bounceSubType").map(subType -> text(bounce, "bounceType").map(t -> t + ": ").orElse("") + subType));
                yield new MailboxEvent("Permanent".equals(bounce.path("bounceType").asText()) ? MailboxEvent.Type.HARD_BOUNCE : MailboxEvent.Type.SOFT_BOUNCE,
                        shop, action, kind, about, recipients, time(bounce, mail), detail);
            }
            case "Complaint" -> {
                JsonNode complaint = event.path("complaint");
                yield new MailboxEvent(MailboxEvent.Type.COMPLAINT, shop, action, kind, about, addresses(complaint.path("complainedRecipients"), "emailAddress"),
                        time(complaint, mail), text(complaint, "complaintFeedbackType"));
            }
            case "Delivery" -> {
                JsonNode delivery = event.path("delivery");
                yield new MailboxEvent(MailboxEvent.Type.DELIVERED, shop, action, kind, about, addresses(delivery.path("recipients"), null),
                        time(delivery, mail), Optional.empty());
            }
            case "Reject" -> new MailboxEvent(MailboxEvent.Type.REJECTED, shop, action, kind, about, addresses(mail.path("destination"), null),
                    time(event.path("reject"), mail), text(event.path("reject"), "reason"));
            case "DeliveryDelay" -> {
                JsonNode delay = event.path("deliveryDelay");
                yield new MailboxEvent(MailboxEvent.Type.DELAYED, shop, action, kind, about, addresses(delay.path("delayedRecipients"), "emailAddress"),
                        time(delay, mail), text(delay, "delayType"));
            }
            default -> new MailboxEvent(MailboxEvent.Type.OTHER, shop, action, kind, about, addresses(mail.path("destination"), null), time(mail, mail),
                    Optional.of(type));
        };
    }

    private static Optional<String> text(JsonNode node, String field) {
        return Limits.textValue(node.path(field).asText(""));
    }

    /** A tag's value as the sender gave it (the sender spelled it in SES's alphabet). */
    private static Optional<String> firstTag(JsonNode mail, String name) {
        JsonNode values = mail.path("tags").path(name);
        return values.isArray() && values.size() > 0 ? Optional.of(SesTags.decode(values.get(0).asText())) : Optional.empty();
    }

    private static List<EmailAddress> addresses(JsonNode array, String field) {
        List<EmailAddress> addresses = new ArrayList<>();
        for (JsonNode element : array) {
            String address = field == null ? element.asText() : element.path(field).asText();
            if (EmailAddress.isValid(address)) {
                addresses.add(new EmailAddress(address));
            }
        }
        return addresses;
    }

    private static Instant time(JsonNode event, JsonNode mail) {
        String timestamp = event.path("timestamp").asText(mail.path("timestamp").asText(""));
        return timestamp.isEmpty() ? Instant.EPOCH : Instant.parse(timestamp);
    }
}
