package io.aftercare.domain.fakes;

import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.HmacSha256;
import io.aftercare.domain.event.ComplaintEvent;
import io.aftercare.domain.event.OrderUpdate;
import io.aftercare.domain.event.ReturnProgress;
import io.aftercare.domain.order.CustomerContact;
import io.aftercare.domain.order.OrderFact;
import io.aftercare.domain.order.OrderId;
import io.aftercare.domain.order.ReturnEvent;
import io.aftercare.domain.order.ReturnReference;
import io.aftercare.domain.shop.Platform;
import io.aftercare.domain.shop.Secret;
import io.aftercare.domain.ticket.TicketService;
import io.aftercare.domain.webhook.MalformedDelivery;
import io.aftercare.domain.webhook.ParsedDelivery;
import io.aftercare.domain.webhook.PlatformAdapter;
import io.aftercare.domain.webhook.WebhookDelivery;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A platform dialect small enough to read in a test: {@code key=value} lines ({@code id}, {@code topic}, then
 * {@code order} and {@code at} for an order, {@code complaint}, {@code email} and {@code message} for a complaint,
 * {@code rfo} (or {@code return}) and {@code at} for a return's goods received, named by a reverse fulfilment order
 * (or the return's own id) only),
 * signed with the hex HMAC-SHA256 of the body in {@code X-Signature}. It speaks for {@link Platform#GENERIC}.
 */
public final class LinePlatform implements PlatformAdapter {

    public static String sign(Secret secret, String body) {
        return HexFormat.of().formatHex(HmacSha256.sign(secret.bytes(), body.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public Platform platform() {
        return Platform.GENERIC;
    }

    @Override
    public boolean signatureMatches(WebhookDelivery delivery, Secret secret) {
        byte[] expected = HmacSha256.sign(secret.bytes(), delivery.body());
        return delivery.header("x-signature").map(sent -> {
            try {
                return HmacSha256.sameBytes(expected, HexFormat.of().parseHex(sent));
            } catch (IllegalArgumentException notHex) {
                return false;
            }
        }).orElse(false);
    }

    @Override
    public ParsedDelivery parse(WebhookDelivery delivery, ZoneId shopZone) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : new String(delivery.body(), StandardCharsets.UTF_8).split("\n")) {
            int eq = line.indexOf('=');
            if (eq < 1) {
                throw new MalformedDelivery(MalformedDelivery.Problem.MALFORMED_JSON, "Line \"" + line + "\" is not key=value.");
            }
            fields.put(line.substring(0, eq), line.substring(eq + 1));
        }
        String id = field(fields, "id");
        String topic = field(fields, "topic");
        return switch (topic) {
            case "order.created" -> {
                Instant at = Instant.parse(field(fields, "at"));
                yield new ParsedDelivery(id, topic, Optional.of(new OrderUpdate(new OrderId(field(fields, "order")), at, Optional.empty(),
                        List.of(new OrderFact.Placed(at)), Optional.empty(), true)));
            }
            case "complaint.created" -> new ParsedDelivery(id, topic, Optional.of(new ComplaintEvent.Opened(new TicketService.NewTicket(
                    new CustomerContact(new EmailAddress(field(fields, "email")), Optional.empty(), Optional.empty()),
                    field(fields, "subject"), field(fields, "message"), Optional.empty(), Optional.empty(), false,
                    Optional.of(field(fields, "complaint"))))));
            case "complaint.message" -> new ParsedDelivery(id, topic, Optional.of(
                    new ComplaintEvent.CustomerMessage(field(fields, "complaint"), field(fields, "message"))));
            case "return.received" -> new ParsedDelivery(id, topic, Optional.of(new ReturnProgress(
                    fields.containsKey("return") ? ReturnReference.ofReturn(field(fields, "return"))
                            : new ReturnReference(ReturnReference.Kind.REVERSE_FULFILMENT_ORDER, field(fields, "rfo")), ReturnEvent.RECEIVED,
                    Instant.parse(field(fields, "at")), Optional.empty(), Map.of())));
            default -> ParsedDelivery.ignored(id, topic);
        };
    }

    private static String field(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null) {
            throw new MalformedDelivery(MalformedDelivery.Problem.INVALID_PAYLOAD, "The " + name + " is missing.");
        }
        return value;
    }
}
