package io.aftercare.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.devkit.DynamoDbExtension;
import io.aftercare.devkit.SesEmulatorExtension;
import io.aftercare.devkit.SesMailbox;
import io.aftercare.devkit.TestTable;
import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.access.Caller;
import io.aftercare.domain.shop.Role;
import io.aftercare.domain.shop.Language;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A ladder naming roles: each level reaches the members holding its role when it goes out, with a link to the ticket. */
@ExtendWith({DynamoDbExtension.class, SesEmulatorExtension.class})
class EscalationByRoleTest {

    private static final Instant MONDAY_NINE = LocalDateTime.parse("2026-11-23T09:00").atZone(ZoneId.of("Europe/Warsaw")).toInstant();

    @Test
    void givenALadderNamingTheLeadRole_whenLevelTwoIsReached_thenTheShopsLeadsAreEmailedWithTheTicketsConsoleLink(TestTable table, SesMailbox ses) {
        var aftercare = new Harness(table, MONDAY_NINE, ses);
        String shop = "roles-desk";
        aftercare.registerShop(shop, "generic");
        var patched = aftercare.admin("PATCH /admin/shops/{shop}", Map.of("shop", shop), """
                {"support": {"escalation": [
                   {"level": 1, "afterMinutes": 60, "contacts": ["team@roles-desk.example"]},
                   {"level": 2, "afterMinutes": 120, "contacts": [], "roles": ["lead"]}]}}""");
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().path("support").path("escalation").get(1).path("roles").get(0).asText()).isEqualTo("lead");
        var access = aftercare.app.access();
        access.invite(new ShopId(shop), new Caller.BreakGlass(), new EmailAddress("lead-one@roles-desk.example"), Role.LEAD, Language.EN);
        access.invite(new ShopId(shop), new Caller.BreakGlass(), new EmailAddress("agent@roles-desk.example"), Role.AGENT, Language.EN);
        aftercare.generic(shop, aftercare.genericEvent("complaint.created", "evt-r-1", """
                {"id": "r-1", "subject": "Lid scratched", "message": "What now?", "customer": {"email": "ola@example.pl", "name": "Ola"}}"""));
        aftercare.sweepAndWork();
        // a lead added after the ticket opened is reached too: roles are expanded when the notice goes out
        access.invite(new ShopId(shop), new Caller.BreakGlass(), new EmailAddress("lead-two@roles-desk.example"), Role.LEAD, Language.EN);

        for (int minutes : new int[] {61, 121}) {
            aftercare.clock.set(MONDAY_NINE.plus(Duration.ofMinutes(minutes)));
            aftercare.sweepAndWork();
        }

        for (String lead : new String[] {"lead-one@roles-desk.example", "lead-two@roles-desk.example"}) {
            assertThat(ses.emailsTo(lead)).as(lead).anySatisfy(email -> {
                assertThat(email.subject()).contains("Escalation level 2");
                assertThat(email.text()).contains(Harness.PUBLIC_URL + "/console/tickets/c-r-1");
            });
        }
        assertThat(ses.emailsTo("agent@roles-desk.example")).as("not a lead").isEmpty();
    }
}
