package io.aftercare.dynamodb;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
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
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A shop's support settings as its settings item stores them: the whole document, the chat webhook URL included,
 * under a format {@code version}. Not the admin API's format ({@code SupportJson} in the lambda module), so that either
 * can change without the other. Documents written before the version field (the same layout) read as version 1; a
 * field a document lacks (written before the field existed) reads as its default.
 */
public final class SupportSettingsJson {

    /** The format this code writes, and the newest it reads. */
    static final int VERSION = 1;

    private static final ObjectMapper JSON = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Document(Integer version, Boolean aroundTheClock, Map<String, List<String>> businessHours, List<String> holidays,
                    Map<String, Targets> sla, List<Step> escalation, String chatWebhookUrl, Discount goodwill, Amount highValueOrder,
                    Integer repeatWithinDays, Discount deliveryGoodwill, Inbound inbound, Boolean csatSurvey) {
    }

    /** Absent in documents written before mail was received: the defaults. */
    record Inbound(String route, int senderHourlyLimit) {
    }

    record Targets(long firstResponseMinutes, long nextResponseMinutes, long resolutionMinutes, boolean aroundTheClock) {
    }

    /** @param roles absent in documents written before ladders named roles */
    record Step(int level, long afterMinutes, List<String> contacts, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> roles) {
    }

    /** @param validDays null in settings saved before it was a setting (and {@code remindDaysBefore} with it) */
    record Discount(String prefix, int percent, Integer validDays, Integer remindDaysBefore) {

        static Discount of(DiscountTemplate template) {
            return new Discount(template.prefix(), template.percent(), template.validDays(), template.remindDaysBefore());
        }

        DiscountTemplate template() {
            return new DiscountTemplate(prefix, percent, Optional.ofNullable(validDays).orElse(DiscountTemplate.DEFAULT_VALID_DAYS),
                    Optional.ofNullable(remindDaysBefore).orElse(0));
        }
    }

    record Amount(String amount, String currency) {
    }

    private SupportSettingsJson() {
    }

    public static String write(SupportSettings support) {
        Map<String, List<String>> hours = new LinkedHashMap<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            hours.put(BusinessCalendar.dayName(day), support.week().getOrDefault(day, List.of()).stream().map(BusinessCalendar.Opening::text).toList());
        }
        Map<String, Targets> sla = new LinkedHashMap<>();
        support.sla().forEach((priority, t) -> sla.put(priority.slug(), new Targets(t.firstResponse().toMinutes(), t.nextResponse().toMinutes(),
                t.resolution().toMinutes(), t.aroundTheClock())));
        var document = new Document(VERSION, support.aroundTheClock(), hours, support.holidays().stream().sorted().map(LocalDate::toString).toList(),
                sla, support.escalation().stream().map(s -> new Step(s.level(), s.after().toMinutes(), s.contacts().stream().map(EmailAddress::value).toList(),
                        s.roles().stream().map(Role::slug).toList())).toList(),
                support.chatWebhookUrl().map(Secret::reveal).orElse(null),
                support.goodwill().map(Discount::of).orElse(null),
                support.highValueOrder().map(m -> new Amount(m.amount().toPlainString(), m.currency())).orElse(null),
                support.repeatWithinDays(),
                support.deliveryGoodwill().map(Discount::of).orElse(null),
                new Inbound(support.inbound().route().slug(), support.inbound().senderHourlyLimit()),
                support.csatSurvey());
        try {
            return JSON.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write support settings", e);
        }
    }

    /** As stored: a chat URL saved before URLs were checked stays readable (the notice says it is malformed). */
    public static SupportSettings read(String json) {
        Document d;
        try {
            d = JSON.readValue(json, Document.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored support settings are not JSON", e);
        }
        if (d.version() != null && d.version() > VERSION) {
            throw new IllegalStateException("support settings stored in format " + d.version() + "; this code reads up to " + VERSION);
        }
        SupportSettings defaults = SupportSettings.defaults();
        var week = d.businessHours() == null ? defaults.week() : week(d.businessHours());
        Map<Priority, SlaTargets> sla = new EnumMap<>(defaults.sla());
        if (d.sla() != null) {
            d.sla().forEach((priority, t) -> sla.put(Priority.fromSlug(priority), new SlaTargets(Duration.ofMinutes(t.firstResponseMinutes()),
                    Duration.ofMinutes(t.nextResponseMinutes()), Duration.ofMinutes(t.resolutionMinutes()), t.aroundTheClock())));
        }
        return new SupportSettings(
                Optional.ofNullable(d.aroundTheClock()).orElse(defaults.aroundTheClock()),
                week,
                d.holidays() == null ? defaults.holidays() : d.holidays().stream().map(LocalDate::parse).collect(Collectors.toSet()),
                sla,
                d.escalation() == null ? defaults.escalation() : d.escalation().stream().map(s -> new EscalationStep(s.level(),
                        Duration.ofMinutes(s.afterMinutes()), s.contacts().stream().map(EmailAddress::new).toList(),
                        s.roles() == null ? List.of() : s.roles().stream().map(r -> Role.of("support.escalation", r)).toList())).toList(),
                Optional.ofNullable(d.chatWebhookUrl()).map(Secret::new),
                Optional.ofNullable(d.goodwill()).map(Discount::template),
                Optional.ofNullable(d.deliveryGoodwill()).map(Discount::template),
                Optional.ofNullable(d.highValueOrder()).map(m -> Money.of(m.amount(), m.currency())),
                Optional.ofNullable(d.repeatWithinDays()).orElse(defaults.repeatWithinDays()),
                d.inbound() == null ? defaults.inbound()
                        : new InboundSettings(InboundSettings.Route.fromSlug("support.inbound.route", d.inbound().route()), d.inbound().senderHourlyLimit()),
                Optional.ofNullable(d.csatSurvey()).orElse(defaults.csatSurvey()));
    }

    private static Map<DayOfWeek, List<BusinessCalendar.Opening>> week(Map<String, List<String>> hours) {
        Map<DayOfWeek, List<BusinessCalendar.Opening>> week = new EnumMap<>(DayOfWeek.class);
        hours.forEach((name, openings) -> week.put(BusinessCalendar.day(name).orElseThrow(() -> new IllegalStateException("stored day " + name)),
                openings.stream().map(BusinessCalendar.Opening::parse).toList()));
        return week;
    }
}
