package io.aftercare.dynamodb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.Money;
import io.aftercare.domain.shop.BusinessCalendar;
import io.aftercare.domain.shop.DiscountTemplate;
import io.aftercare.domain.shop.Role;
import io.aftercare.domain.shop.EscalationStep;
import io.aftercare.domain.shop.InboundSettings;
import io.aftercare.domain.shop.Priority;
import io.aftercare.domain.shop.Secret;
import io.aftercare.domain.shop.SlaTargets;
import io.aftercare.domain.shop.SupportSettings;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A shop's support settings as its settings item stores them: the whole document, the chat webhook URL included,
 * under a format {@code version}. Not the admin API's format ({@code SupportJson} in the lambda module), so that either
 * can change without the other. Documents written before the version field (the same layout) read as version 1; a
 * field a document lacks (written before the field existed), or holds as null, reads as its default.
 *
 * <p>Read and written as a JSON tree, not bound to classes: every webhook reads its shop's settings, and binding by
 * reflection cost a fresh Lambda about 600 ms and 300 classes on its first request.
 */
public final class SupportSettingsJson {

    /** The format this code writes, and the newest it reads. */
    static final int VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper();

    private SupportSettingsJson() {
    }

    public static String write(SupportSettings support) {
        ObjectNode document = JSON.createObjectNode().put("version", VERSION).put("aroundTheClock", support.aroundTheClock());
        ObjectNode hours = document.putObject("businessHours");
        for (DayOfWeek day : DayOfWeek.values()) {
            ArrayNode openings = hours.putArray(BusinessCalendar.dayName(day));
            support.week().getOrDefault(day, List.of()).forEach(opening -> openings.add(opening.text()));
        }
        ArrayNode holidays = document.putArray("holidays");
        support.holidays().stream().sorted().forEach(day -> holidays.add(day.toString()));
        ObjectNode sla = document.putObject("sla");
        support.sla().forEach((priority, t) -> sla.putObject(priority.slug()).put("firstResponseMinutes", t.firstResponse().toMinutes())
                .put("nextResponseMinutes", t.nextResponse().toMinutes()).put("resolutionMinutes", t.resolution().toMinutes())
                .put("aroundTheClock", t.aroundTheClock()));
        ArrayNode escalation = document.putArray("escalation");
        for (EscalationStep step : support.escalation()) {
            ObjectNode written = escalation.addObject().put("level", step.level()).put("afterMinutes", step.after().toMinutes());
            ArrayNode contacts = written.putArray("contacts");
            step.contacts().forEach(contact -> contacts.add(contact.value()));
            if (!step.roles().isEmpty()) { // absent, as in documents written before ladders named roles
                ArrayNode roles = written.putArray("roles");
                step.roles().forEach(role -> roles.add(role.slug()));
            }
        }
        support.chatWebhookUrl().ifPresent(url -> document.put("chatWebhookUrl", url.reveal()));
        support.goodwill().ifPresent(discount -> write(document.putObject("goodwill"), discount));
        support.highValueOrder().ifPresent(m -> document.putObject("highValueOrder").put("amount", m.amount().toPlainString()).put("currency", m.currency()));
        document.put("repeatWithinDays", support.repeatWithinDays());
        support.deliveryGoodwill().ifPresent(discount -> write(document.putObject("deliveryGoodwill"), discount));
        document.putObject("inbound").put("route", support.inbound().route().slug()).put("senderHourlyLimit", support.inbound().senderHourlyLimit());
        document.put("csatSurvey", support.csatSurvey());
        return document.toString();
    }

    /** As stored: a chat URL saved before URLs were checked stays readable (the notice says it is malformed). */
    public static SupportSettings read(String json) {
        JsonNode d;
        try {
            d = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored support settings are not JSON", e);
        }
        if (d == null || !d.isObject()) {
            throw new IllegalStateException("stored support settings are not a JSON object");
        }
        int version = field(d, "version").map(JsonNode::asInt).orElse(VERSION);
        if (version > VERSION) {
            throw new IllegalStateException("support settings stored in format " + version + "; this code reads up to " + VERSION);
        }
        SupportSettings defaults = SupportSettings.defaults();
        Map<Priority, SlaTargets> sla = new EnumMap<>(defaults.sla());
        field(d, "sla").ifPresent(targets -> targets.properties().forEach(entry -> {
            JsonNode t = entry.getValue();
            sla.put(Priority.fromSlug(entry.getKey()), new SlaTargets(Duration.ofMinutes(t.path("firstResponseMinutes").asLong()),
                    Duration.ofMinutes(t.path("nextResponseMinutes").asLong()), Duration.ofMinutes(t.path("resolutionMinutes").asLong()),
                    t.path("aroundTheClock").asBoolean()));
        }));
        return new SupportSettings(
                field(d, "aroundTheClock").map(JsonNode::asBoolean).orElse(defaults.aroundTheClock()),
                field(d, "businessHours").map(SupportSettingsJson::week).orElse(defaults.week()),
                field(d, "holidays").map(days -> texts(days).stream().map(LocalDate::parse).collect(Collectors.toSet())).orElse(defaults.holidays()),
                sla,
                field(d, "escalation").map(steps -> list(steps, s -> new EscalationStep(s.path("level").asInt(),
                        Duration.ofMinutes(s.path("afterMinutes").asLong()), texts(s.path("contacts")).stream().map(EmailAddress::new).toList(),
                        texts(s.path("roles")).stream().map(r -> Role.of("support.escalation", r)).toList()))).orElse(defaults.escalation()),
                field(d, "chatWebhookUrl").map(url -> new Secret(url.asText())),
                field(d, "goodwill").map(SupportSettingsJson::discount),
                field(d, "deliveryGoodwill").map(SupportSettingsJson::discount),
                field(d, "highValueOrder").map(m -> Money.of(m.path("amount").asText(), m.path("currency").asText())),
                field(d, "repeatWithinDays").map(JsonNode::asInt).orElse(defaults.repeatWithinDays()),
                field(d, "inbound").map(inbound -> new InboundSettings(InboundSettings.Route.fromSlug("support.inbound.route", inbound.path("route").asText()),
                        inbound.path("senderHourlyLimit").asInt())).orElse(defaults.inbound()),
                field(d, "csatSurvey").map(JsonNode::asBoolean).orElse(defaults.csatSurvey()));
    }

    private static void write(ObjectNode written, DiscountTemplate discount) {
        written.put("prefix", discount.prefix()).put("percent", discount.percent()).put("validDays", discount.validDays())
                .put("remindDaysBefore", discount.remindDaysBefore());
    }

    /** {@code validDays} is absent in settings saved before it was a setting (and {@code remindDaysBefore} with it). */
    private static DiscountTemplate discount(JsonNode d) {
        return new DiscountTemplate(d.path("prefix").asText(), d.path("percent").asInt(),
                field(d, "validDays").map(JsonNode::asInt).orElse(DiscountTemplate.DEFAULT_VALID_DAYS),
                field(d, "remindDaysBefore").map(JsonNode::asInt).orElse(0));
    }

    private static Map<DayOfWeek, List<BusinessCalendar.Opening>> week(JsonNode hours) {
        Map<DayOfWeek, List<BusinessCalendar.Opening>> week = new EnumMap<>(DayOfWeek.class);
        hours.properties().forEach(entry -> week.put(BusinessCalendar.day(entry.getKey()).orElseThrow(() -> new IllegalStateException("stored day " + entry.getKey())),
                texts(entry.getValue()).stream().map(BusinessCalendar.Opening::parse).toList()));
        return week;
    }

    /** A field's value; absent when the document lacks it or holds null. */
    private static Optional<JsonNode> field(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    /** An array's text elements; none when it is absent. */
    private static List<String> texts(JsonNode array) {
        return list(array, JsonNode::asText);
    }

    private static <T> List<T> list(JsonNode array, Function<JsonNode, T> element) {
        List<T> values = new ArrayList<>();
        array.forEach(value -> values.add(element.apply(value)));
        return List.copyOf(values);
    }
}
