package io.aftercare.lambda.json;

import static io.aftercare.lambda.json.JsonViews.discount;
import static io.aftercare.lambda.json.JsonViews.emails;
import static io.aftercare.lambda.json.JsonViews.flag;
import static io.aftercare.lambda.json.JsonViews.missing;
import static io.aftercare.lambda.json.JsonViews.wholeNumber;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aftercare.domain.InvalidInput;
import io.aftercare.domain.Money;
import io.aftercare.domain.shop.DiscountTemplate;
import io.aftercare.domain.shop.Secret;
import io.aftercare.domain.shop.BusinessCalendar;
import io.aftercare.domain.ticket.ChatWebhookUrl;
import io.aftercare.domain.shop.Role;
import io.aftercare.domain.shop.EscalationStep;
import io.aftercare.domain.shop.Priority;
import io.aftercare.domain.shop.SlaTargets;
import io.aftercare.domain.shop.InboundSettings;
import io.aftercare.domain.shop.SupportSettings;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The admin API's {@code support} field: changed in part (what a body leaves out stays), shown without the chat
 * webhook URL, a secret that only shows as configured. Stored otherwise ({@code SupportSettingsJson}).
 *
 * <pre>
 * {"aroundTheClock": false, "businessHours": {"mon": ["09:00-17:00"], ...}, "holidays": ["2026-12-24"],
 *  "sla": {"normal": {"firstResponseMinutes": 120, "nextResponseMinutes": 480, "resolutionMinutes": 1440, "aroundTheClock": false}, ...},
 *  "escalation": [{"level": 1, "afterMinutes": 60, "contacts": ["team@shop.example"], "roles": ["lead"]}, ...],
 *  "chatWebhookUrl": "https://hooks.slack.com/services/...", "goodwill": {"prefix": "SORRY-", "percent": 15},
 *  "highValueOrder": {"amount": "500.00", "currency": "PLN"}, "repeatWithinDays": 30, "csatSurvey": true}
 * </pre>
 */
public final class SupportJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SupportJson() {
    }

    public static ObjectNode view(SupportSettings support) {
        ObjectNode node = JSON.createObjectNode();
        node.put("aroundTheClock", support.aroundTheClock());
        ObjectNode hours = node.putObject("businessHours");
        for (DayOfWeek day : DayOfWeek.values()) {
            ArrayNode openings = hours.putArray(BusinessCalendar.dayName(day));
            support.week().getOrDefault(day, List.of()).forEach(o -> openings.add(o.text()));
        }
        ArrayNode holidays = node.putArray("holidays");
        support.holidays().stream().sorted().forEach(d -> holidays.add(d.toString()));
        ObjectNode sla = node.putObject("sla");
        support.sla().forEach((priority, t) -> sla.putObject(priority.slug())
                .put("firstResponseMinutes", t.firstResponse().toMinutes())
                .put("nextResponseMinutes", t.nextResponse().toMinutes())
                .put("resolutionMinutes", t.resolution().toMinutes())
                .put("aroundTheClock", t.aroundTheClock()));
        ArrayNode ladder = node.putArray("escalation");
        support.escalation().forEach(step -> {
            ObjectNode s = ladder.addObject().put("level", step.level()).put("afterMinutes", step.after().toMinutes());
            ArrayNode contacts = s.putArray("contacts");
            step.contacts().forEach(c -> contacts.add(c.value()));
            if (!step.roles().isEmpty()) {
                ArrayNode roles = s.putArray("roles");
                step.roles().forEach(r -> roles.add(r.slug()));
            }
        });
        node.put("chatWebhookConfigured", support.chatWebhookUrl().isPresent());
        support.goodwill().ifPresent(g -> putDiscount(node.putObject("goodwill"), g));
        support.deliveryGoodwill().ifPresent(g -> putDiscount(node.putObject("deliveryGoodwill"), g));
        support.highValueOrder().ifPresent(m -> node.putObject("highValueOrder").put("amount", m.amount().toPlainString()).put("currency", m.currency()));
        node.put("repeatWithinDays", support.repeatWithinDays());
        node.putObject("inbound").put("route", support.inbound().route().slug()).put("senderHourlyLimit", support.inbound().senderHourlyLimit());
        node.put("csatSurvey", support.csatSurvey());
        return node;
    }

    /**
     * Settings from JSON; what the JSON leaves out is kept from {@code current} ({@code "chatWebhookUrl": null} removes it).
     * A chat URL must pass {@code chat}, and is kept exactly as given, as secrets are.
     */
    public static SupportSettings read(JsonNode node, SupportSettings current, ChatWebhookUrl.Rules chat) {
        if (node == null || !node.isObject()) {
            throw new InvalidInput("support", "support must be an object");
        }
        boolean aroundTheClock = flag(node, "support.aroundTheClock").orElse(current.aroundTheClock());
        var week = node.has("businessHours") ? week(node.get("businessHours")) : current.week();
        Set<LocalDate> holidays = node.has("holidays") ? holidays(node.get("holidays")) : current.holidays();
        Map<Priority, SlaTargets> sla = new EnumMap<>(current.sla());
        if (node.has("sla")) {
            node.get("sla").fields().forEachRemaining(e -> sla.put(Priority.fromSlug(e.getKey()), targets(e.getValue(), sla.get(Priority.fromSlug(e.getKey())))));
        }
        List<EscalationStep> escalation = node.has("escalation") ? escalation(node.get("escalation")) : current.escalation();
        Optional<Secret> chatUrl = !node.has("chatWebhookUrl") ? current.chatWebhookUrl()
                : node.get("chatWebhookUrl").isNull() ? Optional.empty() : Optional.of(chatUrl(node.get("chatWebhookUrl").asText(), chat));
        Optional<DiscountTemplate> goodwill = discount(node, "support.goodwill", current.goodwill());
        Optional<DiscountTemplate> deliveryGoodwill = discount(node, "support.deliveryGoodwill", current.deliveryGoodwill());
        Optional<Money> highValue = !node.has("highValueOrder") ? current.highValueOrder() : node.get("highValueOrder").isNull() ? Optional.empty()
                : Optional.of(Money.of(node.get("highValueOrder").path("amount").asText(), node.get("highValueOrder").path("currency").asText()));
        int repeat = wholeNumber(node, "support.repeatWithinDays").orElse(current.repeatWithinDays());
        InboundSettings inbound = node.has("inbound") ? inbound(node.get("inbound"), current.inbound()) : current.inbound();
        boolean csat = flag(node, "support.csatSurvey").orElse(current.csatSurvey());
        return new SupportSettings(aroundTheClock, week, holidays, sla, escalation, chatUrl, goodwill, deliveryGoodwill, highValue, repeat, inbound, csat);
    }

    /** {@code {"route": "reply-to" | "forwarding", "senderHourlyLimit": 20}}, either left out to keep it. */
    private static InboundSettings inbound(JsonNode node, InboundSettings current) {
        if (!node.isObject()) {
            throw new InvalidInput("support.inbound", "support.inbound must be an object");
        }
        var route = JsonViews.text(node, "support.inbound.route", 40).map(slug -> InboundSettings.Route.fromSlug("support.inbound.route", slug))
                .orElse(current.route());
        return new InboundSettings(route, wholeNumber(node, "support.inbound.senderHourlyLimit").orElse(current.senderHourlyLimit()));
    }

    private static void putDiscount(ObjectNode node, DiscountTemplate template) {
        node.put("prefix", template.prefix()).put("percent", template.percent()).put("validDays", template.validDays())
                .put("remindDaysBefore", template.remindDaysBefore());
    }

    private static Secret chatUrl(String url, ChatWebhookUrl.Rules chat) {
        chat.check(url);
        return new Secret(url);
    }

    private static Map<DayOfWeek, List<BusinessCalendar.Opening>> week(JsonNode node) {
        Map<DayOfWeek, List<BusinessCalendar.Opening>> week = new EnumMap<>(DayOfWeek.class);
        node.fields().forEachRemaining(e -> {
            DayOfWeek day = BusinessCalendar.day(e.getKey())
                    .orElseThrow(() -> new InvalidInput("support.businessHours", "days are mon, tue, wed, thu, fri, sat and sun"));
            List<BusinessCalendar.Opening> openings = new ArrayList<>();
            e.getValue().forEach(range -> openings.add(BusinessCalendar.Opening.parse(range.asText())));
            week.put(day, openings);
        });
        return week;
    }

    private static Set<LocalDate> holidays(JsonNode node) {
        Set<LocalDate> days = new HashSet<>();
        node.forEach(d -> {
            try {
                days.add(LocalDate.parse(d.asText()));
            } catch (DateTimeException e) {
                throw new InvalidInput("support.holidays", "holidays are dates like 2026-12-24");
            }
        });
        return days;
    }

    private static SlaTargets targets(JsonNode node, SlaTargets current) {
        if (!node.isObject()) {
            throw new InvalidInput("support.sla", "each SLA policy must be an object");
        }
        return new SlaTargets(
                minutes(node, "support.sla.firstResponseMinutes").orElse(current.firstResponse()),
                minutes(node, "support.sla.nextResponseMinutes").orElse(current.nextResponse()),
                minutes(node, "support.sla.resolutionMinutes").orElse(current.resolution()),
                flag(node, "support.sla.aroundTheClock").orElse(current.aroundTheClock()));
    }

    private static List<EscalationStep> escalation(JsonNode node) {
        if (!node.isArray()) {
            throw new InvalidInput("support.escalation", "support.escalation must be a list of steps");
        }
        List<EscalationStep> steps = new ArrayList<>();
        node.forEach(step -> {
            if (!step.isObject()) {
                throw new InvalidInput("support.escalation", "each escalation step must be an object with level, afterMinutes, and contacts or roles");
            }
            JsonNode listed = step.path("roles");
            if (!listed.isMissingNode() && !listed.isArray()) {
                throw new InvalidInput("support.escalation.roles", "support.escalation.roles must be a list of roles");
            }
            List<Role> roles = new ArrayList<>();
            listed.forEach(r -> roles.add(Role.of("support.escalation.roles", r.isTextual() ? r.asText() : r.toString())));
            steps.add(new EscalationStep(wholeNumber(step, "support.escalation.level").orElseThrow(() -> missing("support.escalation.level")),
                    minutes(step, "support.escalation.afterMinutes").orElseThrow(() -> missing("support.escalation.afterMinutes")),
                    emails(step, "support.escalation.contacts"), roles));
        });
        return steps;
    }

    private static Optional<Duration> minutes(JsonNode node, String field) {
        return wholeNumber(node, field).map(Duration::ofMinutes);
    }
}
