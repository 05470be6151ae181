package io.aftercare.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.Money;
import io.aftercare.domain.shop.DiscountTemplate;
import io.aftercare.domain.shop.Secret;
import io.aftercare.domain.shop.BusinessCalendar.Opening;
import io.aftercare.domain.shop.EscalationStep;
import io.aftercare.domain.shop.InboundSettings;
import io.aftercare.domain.shop.Priority;
import io.aftercare.domain.shop.SlaTargets;
import io.aftercare.domain.shop.SupportSettings;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SupportSettingsJsonTest {

    /** Written by the code before the stored form had a version (the same settings as {@link #settings()}). */
    private static final String UNVERSIONED = """
            {"aroundTheClock":false,"businessHours":{"mon":["08:00-12:00","13:00-24:00"],"tue":[],"wed":[],"thu":[],"fri":[],\
            "sat":["10:00-14:00"],"sun":[]},"holidays":["2026-12-24"],"sla":{"low":{"firstResponseMinutes":480,"nextResponseMinutes":960,\
            "resolutionMinutes":2400,"aroundTheClock":false},"normal":{"firstResponseMinutes":60,"nextResponseMinutes":240,\
            "resolutionMinutes":1440,"aroundTheClock":true},"high":{"firstResponseMinutes":60,"nextResponseMinutes":240,\
            "resolutionMinutes":960,"aroundTheClock":false},"urgent":{"firstResponseMinutes":60,"nextResponseMinutes":120,\
            "resolutionMinutes":480,"aroundTheClock":true}},"escalation":[{"level":1,"afterMinutes":30,"contacts":["team@kettle.example"]}],\
            "goodwill":{"prefix":"SORRY-","percent":15},"highValueOrder":{"amount":"500.00","currency":"PLN"},"repeatWithinDays":21,\
            "chatWebhookUrl":"https://hooks.slack.com/services/T0/B0/xyz"}""";

    @Test
    void givenADocumentStoredBeforeTheVersionField_whenRead_thenItIsTheSettingsThatWereWritten() {
        // stored before the delivery apology's goodwill, inbound mail and the satisfaction survey existed, too: none, the
        // inbound defaults, and the survey asked
        assertThat(SupportSettingsJson.read(UNVERSIONED)).usingRecursiveComparison()
                .isEqualTo(settings().withDeliveryGoodwill(Optional.empty()).withInbound(InboundSettings.DEFAULT).withCsatSurvey(true));
    }

    @Test
    void givenSettings_whenWritten_thenTheDocumentCarriesItsVersionAndTheChatUrlAndReadsBackTheSame() {
        String stored = SupportSettingsJson.write(settings());

        assertThat(stored).startsWith("{\"version\":1,").contains("\"chatWebhookUrl\":\"https://hooks.slack.com/services/T0/B0/xyz\"")
                .doesNotContain("chatWebhookConfigured");
        assertThat(SupportSettingsJson.read(stored)).usingRecursiveComparison().isEqualTo(settings());
    }

    @Test
    void givenADocumentWithOnlySomeFields_whenRead_thenTheOthersAreTheDefaults() {
        var read = SupportSettingsJson.read("{\"repeatWithinDays\": 7}");

        assertThat(read.repeatWithinDays()).isEqualTo(7);
        assertThat(read.sla()).isEqualTo(SupportSettings.defaults().sla());
        assertThat(read.week()).isEqualTo(SupportSettings.defaults().week());
    }

    @Test
    void givenADocumentHoldingNulls_whenRead_thenThoseFieldsAreTheDefaults() {
        var read = SupportSettingsJson.read("{\"version\": null, \"repeatWithinDays\": null, \"goodwill\": null, \"sla\": null, \"escalation\": null}");

        assertThat(read).usingRecursiveComparison().isEqualTo(SupportSettings.defaults());
    }

    @Test
    void givenADocumentInANewerFormat_whenRead_thenItIsRefusedRatherThanMisread() {
        assertThatThrownBy(() -> SupportSettingsJson.read("{\"version\": 2, \"repeatWithinDays\": 7}"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("format 2");
    }

    private static SupportSettings settings() {
        var defaults = SupportSettings.defaults();
        Map<DayOfWeek, List<Opening>> week = new EnumMap<>(DayOfWeek.class);
        week.put(DayOfWeek.MONDAY, List.of(new Opening(LocalTime.of(8, 0), LocalTime.of(12, 0)), new Opening(LocalTime.of(13, 0), LocalTime.MIDNIGHT)));
        week.put(DayOfWeek.SATURDAY, List.of(new Opening(LocalTime.of(10, 0), LocalTime.of(14, 0))));
        Map<Priority, SlaTargets> sla = new EnumMap<>(defaults.sla());
        sla.put(Priority.NORMAL, new SlaTargets(Duration.ofMinutes(60), Duration.ofMinutes(240), Duration.ofMinutes(1440), true));
        return new SupportSettings(false, week, Set.of(LocalDate.parse("2026-12-24")), sla,
                List.of(new EscalationStep(1, Duration.ofMinutes(30), List.of(new EmailAddress("team@kettle.example")))),
                Optional.of(new Secret("https://hooks.slack.com/services/T0/B0/xyz")), Optional.of(new DiscountTemplate("SORRY-", 15)),
                Optional.of(new DiscountTemplate("LATE-", 10, 14, 3)), Optional.of(Money.of("500.00", "PLN")), 21,
                new InboundSettings(InboundSettings.Route.FORWARDING, 7), false);
    }
}
