package io.aftercare.lambda.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.InvalidInput;
import io.aftercare.domain.Limits;
import io.aftercare.domain.access.Member;
import io.aftercare.domain.order.CustomerContact;
import io.aftercare.domain.order.OrderId;
import io.aftercare.domain.shop.BusinessCalendar;
import io.aftercare.domain.shop.Priority;
import io.aftercare.domain.ticket.SlaClock;
import io.aftercare.domain.ticket.Ticket;
import io.aftercare.domain.ticket.TicketService;
import io.aftercare.domain.ticket.TicketStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/** Tickets in the agent API. */
public final class TicketJson {

    public static final Set<String> NEW = Set.of("customer", "subject", "message", "orderId", "priority", "category");
    public static final Set<String> CHANGES = Set.of("version", "status", "priority", "assignee", "agent");
    public static final Set<String> REPLY = Set.of("version", "message", "agent");
    public static final Set<String> NOTE = Set.of("version", "note", "agent", "mentions");
    /** What {@code assignee} may say instead of an address: the signed-in person calling. */
    public static final String ME = "me";
    /** A note mentions at most this many members. */
    public static final int MENTIONS = 20;

    public record ClockView(String target, int cycle, long budgetMinutes, long usedMinutes, boolean running, String dueAt, String metAt,
                            boolean breached) {
    }

    /** Figures kept for reporting: wall-clock minutes to the first answer and to resolution. */
    public record Figures(Long firstResponseMinutes, Long resolutionMinutes, int escalationLevel, boolean breached) {
    }

    /** @param lastMessage absent on a ticket with no message since it was stored before they were kept */
    public record View(String id, String number, String subject, String priority, String status, TimelineJson.ContactView customer,
                       String orderId, String assignee, String createdAt, String nextBreachAt, List<ClockView> clocks, Figures figures,
                       long version, String customerName, MessageView lastMessage) {
    }

    public record MessageView(String at, String by, String excerpt) {
    }

    private TicketJson() {
    }

    public static View view(Ticket t, BusinessCalendar sla) {
        return new View(t.id(), t.number(), t.subject(), t.priority().slug(), t.status().slug(), TimelineJson.contact(t.customer()),
                t.order().map(OrderId::value).orElse(null), t.assignee().map(EmailAddress::value).orElse(null), t.createdAt().toString(),
                t.nextBreach(sla).map(Instant::toString).orElse(null),
                t.clocks().stream().map(c -> clock(c, sla)).toList(),
                new Figures(t.firstResponseAt().map(at -> Duration.between(t.createdAt(), at).toMinutes()).orElse(null),
                        t.resolvedAt().map(at -> Duration.between(t.createdAt(), at).toMinutes()).orElse(null),
                        t.escalationLevel(), t.breachedAny()),
                t.version(), t.customer().name().orElse(null),
                t.lastMessage().map(m -> new MessageView(m.at().toString(), m.by(), m.excerpt())).orElse(null));
    }

    private static ClockView clock(SlaClock c, BusinessCalendar sla) {
        return new ClockView(c.target().slug(), c.cycle(), c.budget().toMinutes(), c.consumed().toMinutes(), c.isRunning(),
                c.dueAt(sla).map(Instant::toString).orElse(null), c.metAt().map(Instant::toString).orElse(null), c.breached());
    }

    public static TicketService.NewTicket newTicket(JsonNode body) {
        JsonNode customer = body.get("customer");
        if (customer == null || !customer.isObject() || !EmailAddress.isValid(customer.path("email").asText())) {
            throw new InvalidInput("customer", "customer must be an object with an email address");
        }
        var contact = new CustomerContact(new EmailAddress(customer.path("email").asText()), text(customer, "name"), text(customer, "locale"));
        return new TicketService.NewTicket(contact, JsonViews.requiredText(body, "subject", Limits.SUBJECT_BYTES), JsonViews.requiredText(body, "message", Limits.MESSAGE_BYTES),
                text(body, "orderId").map(OrderId::new), text(body, "priority").map(Priority::fromSlug),
                "delivery".equals(text(body, "category").orElse("")), Optional.empty());
    }

    /** @param me the caller's own address, for {@code "assignee": "me"} (refused when the caller is no person) */
    public static TicketService.Changes changes(JsonNode body, Supplier<EmailAddress> me) {
        Optional<Optional<EmailAddress>> assignee = !body.has("assignee") ? Optional.empty()
                : Optional.of(body.get("assignee").isNull() ? Optional.empty()
                : Optional.of(ME.equals(body.get("assignee").asText()) ? me.get() : email(body.get("assignee").asText())));
        return new TicketService.Changes(text(body, "status").map(TicketStatus::fromSlug), text(body, "priority").map(Priority::fromSlug), assignee);
    }

    /** The ids of the members a note mentions ({@code "mentions": ["<member id>", ...]}), each once. */
    public static Set<String> mentions(JsonNode body) {
        JsonNode mentions = body.path("mentions");
        if (mentions.isMissingNode() || mentions.isNull()) {
            return Set.of();
        }
        if (!mentions.isArray() || mentions.size() > MENTIONS) {
            throw new InvalidInput("mentions", "a list of at most " + MENTIONS + " member ids");
        }
        Set<String> ids = new LinkedHashSet<>();
        for (JsonNode id : mentions) {
            if (!id.isTextual() || !Member.isId(id.asText())) {
                throw new InvalidInput("mentions", "each mention is a member's id, as the members list gives it");
            }
            ids.add(id.asText());
        }
        return ids;
    }

    public static long version(JsonNode body) {
        JsonNode version = body.get("version");
        if (version == null || !version.canConvertToLong()) {
            throw new InvalidInput("version", "version is required: the ticket's version you read, so no change is lost");
        }
        return version.asLong();
    }

    public static String agent(JsonNode body) {
        return text(body, "agent").orElse("an agent");
    }


    private static EmailAddress email(String value) {
        if (!EmailAddress.isValid(value)) {
            throw new InvalidInput("assignee", "the assignee is an email address");
        }
        return new EmailAddress(value);
    }

    /** Names, locales, the agent's name: bounded by {@link Limits#TEXT_BYTES}. */
    private static Optional<String> text(JsonNode node, String field) {
        return JsonViews.text(node, field, Limits.TEXT_BYTES);
    }
}
