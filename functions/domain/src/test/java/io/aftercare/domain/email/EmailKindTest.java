package io.aftercare.domain.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.domain.action.ActionKind;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EmailKindTest {

    @Test
    void givenEveryActionKind_whenItsSlugIsRead_thenItIsTheOneStoredInActionsTagsAndTemplateKeys() {
        // a new kind adds its slug; none of these may change
        assertThat(ActionCatalog.all().stream().map(ActionKind::slug)).contains("thank-you", "check-in", "survey",
                "ticket-ack", "sla-warning", "sla-breach", "escalation", "goodwill", "ticket-reply");
        assertThat(Arrays.stream(EmailKind.values()).map(EmailKind::slug)).contains("thank-you", "check-in", "survey",
                "ticket-ack", "ticket-reply", "goodwill");
        assertThat(EmailKind.CHECK_IN.slug()).isEqualTo("check-in");
    }

    @Test
    void givenEveryPostPurchaseAction_whenItsEmailIsLookedUp_thenThereIsOneAndItCarriesItsOrderOrItsTicket() {
        for (ActionKind action : ActionCatalog.all()) {
            if (!action.forTicket() && !action.forCase() && !action.forPrivacy() && !action.forReport()) {
                assertThat(EmailKind.of(action)).as(action.slug()).hasValueSatisfying(kind -> {
                    assertThat(kind.carries(EmailKind.Carried.ORDER) != kind.carries(EmailKind.Carried.TICKET)).isTrue();
                    assertThat(kind.action()).isEqualTo(action);
                });
            }
        }
        assertThat(EmailKind.of(ActionKind.SLA_WARNING)).isEmpty();
        assertThat(EmailKind.of(ActionKind.WEEKLY_SUMMARY)).as("a report to the shop's people, not a customer's email").isEmpty();
    }

    @Test
    void givenTheDescriptors_whenRead_thenComplaintEmailsAreNotOverridableAndTheThankYouIsTransactional() {
        assertThat(EmailKind.overridableKinds()).startsWith(EmailKind.THANK_YOU, EmailKind.CHECK_IN, EmailKind.SURVEY)
                .noneMatch(kind -> kind.action().forTicket());
        assertThat(EmailKind.THANK_YOU.transactional()).isTrue();
        assertThat(EmailKind.CHECK_IN.category()).isEqualTo(EmailCategory.FOLLOW_UPS);
        assertThat(EmailKind.SURVEY.category()).isEqualTo(EmailCategory.SURVEYS);
        assertThat(EmailKind.GOODWILL.transactional()).isTrue();
    }

    @Test
    void givenTheThankYou_whenItsValuesAreRead_thenTheyAreTheOrdersAndTheDiscountsAndNotTheSurveyLink() {
        assertThat(EmailKind.THANK_YOU.variables()).containsExactlyInAnyOrder("name", "order", "date", "product", "total", "replyTo",
                "brand", "percent");
        assertThat(EmailKind.THANK_YOU.sections()).isEqualTo(Map.of("lines", Set.of("title", "quantity", "price"), "name", Set.of(),
                "discount", Set.of("code")));
        assertThat(EmailKind.CHECK_IN.variables()).contains("surveyUrl").doesNotContain("percent");
    }
}
