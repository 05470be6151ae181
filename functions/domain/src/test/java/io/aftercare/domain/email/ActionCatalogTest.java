package io.aftercare.domain.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aftercare.domain.action.ActionDetail;
import io.aftercare.domain.action.ActionKind;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ActionCatalogTest {

    @Test
    void givenEveryTicketKindAndEveryEmailsKind_whenLookedUpByTheirStoredSlugs_thenEachIsFound() {
        for (ActionKind kind : ActionKind.TICKET_KINDS) {
            assertThat(ActionCatalog.fromSlug(kind.slug())).as(kind.slug()).containsSame(kind);
        }
        for (EmailKind email : EmailKind.values()) {
            assertThat(ActionCatalog.fromSlug(email.slug())).as(email.slug()).contains(email.action());
        }
        for (ActionKind kind : ActionKind.CASE_KINDS) {
            assertThat(ActionCatalog.fromSlug(kind.slug())).as(kind.slug()).containsSame(kind);
        }
        for (ActionKind kind : ActionKind.PRIVACY_KINDS) {
            assertThat(ActionCatalog.fromSlug(kind.slug())).as(kind.slug()).containsSame(kind);
        }
        for (ActionKind kind : ActionKind.REPORT_KINDS) {
            assertThat(ActionCatalog.fromSlug(kind.slug())).as(kind.slug()).containsSame(kind);
        }
        assertThat(ActionCatalog.all()).hasSize(ActionKind.TICKET_KINDS.size() + ActionKind.CASE_KINDS.size() + ActionKind.PRIVACY_KINDS.size()
                + ActionKind.REPORT_KINDS.size()
                + (int) Arrays.stream(EmailKind.values()).filter(email -> !email.action().forTicket()).count());
    }

    @Test
    void givenASlugNoKindHas_whenLookedUp_thenNothingIsFound() {
        assertThat(ActionCatalog.fromSlug("a-newer-kind")).isEmpty();
        assertThat(ActionCatalog.fromSlug("THANK_YOU")).isEmpty();
    }

    @Test
    void givenAPostPurchaseKind_whenMadeWithATicketsSlugOrAnUnstorableOne_thenItIsRefused() {
        assertThatThrownBy(() -> ActionKind.postPurchase("sla-breach")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ActionKind.postPurchase("weekly-summary")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ActionKind.postPurchase("Thank You")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenTheKinds_whenAskedForTheDetailTheyNeed_thenOnlyDeadlinesAndRepliesNeedOne() {
        assertThat(ActionKind.SLA_BREACH.detail()).contains(ActionDetail.SlaDeadline.class);
        assertThat(ActionKind.ESCALATION.detail()).contains(ActionDetail.Escalation.class);
        assertThat(ActionKind.TICKET_REPLY.detail()).contains(ActionDetail.Reply.class);
        assertThat(ActionKind.TICKET_ACK.detail()).isEmpty();
        assertThat(EmailKind.SURVEY.action().detail()).isEmpty();
        assertThat(EmailKind.THANK_YOU.action().code().value()).isEqualTo("THANK_YOU");
    }
}
