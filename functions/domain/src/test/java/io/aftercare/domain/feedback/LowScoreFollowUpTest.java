package io.aftercare.domain.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.fakes.InMemoryRecipients;
import io.aftercare.domain.fakes.InMemoryShops;
import io.aftercare.domain.fakes.InMemoryTickets;
import io.aftercare.domain.fakes.InMemoryTimelines;
import io.aftercare.domain.fakes.TestShops;
import io.aftercare.domain.order.CustomerContact;
import io.aftercare.domain.shop.Language;
import io.aftercare.domain.shop.ShopCache;
import io.aftercare.domain.shop.SupportSettings;
import io.aftercare.domain.ticket.Ticket;
import io.aftercare.domain.ticket.TicketService;
import io.aftercare.domain.ticket.TicketStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A low CSAT score about a ticket with no order still reaches a person: the survey's ticket names the customer. */
class LowScoreFollowUpTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static final ShopId KETTLE = new ShopId("kettle");
    private static final CustomerContact OLA = new CustomerContact(new EmailAddress("ola@example.pl"), Optional.of("Ola"), Optional.of("pl"));

    private final InMemoryTickets store = new InMemoryTickets();
    private final TicketService tickets;
    private final LowScoreFollowUp followUp;

    LowScoreFollowUpTest() {
        var shops = new InMemoryShops();
        shops.create(TestShops.shop("kettle", TestShops.settings(ZoneOffset.UTC, SupportSettings.defaults()), NOW));
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        var timelines = new InMemoryTimelines();
        tickets = new TicketService(store, new ShopCache(shops, clock), timelines, new InMemoryRecipients(), clock);
        followUp = new LowScoreFollowUp(tickets, timelines);
    }

    @Test
    void aCsatScoreOfOneAboutATicketWithoutAnOrderOpensATicketForThatTicketsCustomerNamingIt() {
        Ticket resolved = tickets.open(KETTLE, new TicketService.NewTicket(OLA, "Lid does not fit", "The lid wobbles.", Optional.empty(),
                Optional.empty(), false, Optional.of("lid-1")), Optional.empty());
        var survey = Survey.sent(KETTLE, "csat-" + resolved.id(), SurveyKind.CSAT, OLA.email().hash(), Language.PL, Optional.empty(),
                Optional.of(resolved.id()), Optional.of("anna@kettle.example"), Optional.empty(), NOW.minusSeconds(3600)).answered(1, NOW);

        Ticket opened = tickets.find(KETTLE, followUp.open(survey));

        assertThat(opened.id()).isNotEqualTo(resolved.id());
        assertThat(opened.customer().email()).isEqualTo(OLA.email());
        assertThat(opened.status()).isEqualTo(TicketStatus.OPEN);
        assertThat(opened.subject()).isEqualTo("CSAT 1/5 after ticket " + resolved.number());
        assertThat(opened.order()).isEmpty();
    }

    @Test
    void theSameLowScoreFollowedUpTwiceFindsTheTicketItOpenedTheFirstTime() {
        Ticket resolved = tickets.open(KETTLE, new TicketService.NewTicket(OLA, "Lid does not fit", "The lid wobbles.", Optional.empty(),
                Optional.empty(), false, Optional.of("lid-2")), Optional.empty());
        var survey = Survey.sent(KETTLE, "csat-" + resolved.id(), SurveyKind.CSAT, OLA.email().hash(), Language.PL, Optional.empty(),
                Optional.of(resolved.id()), Optional.empty(), Optional.empty(), NOW.minusSeconds(3600)).answered(2, NOW);

        assertThat(followUp.open(survey)).isEqualTo(followUp.open(survey));
    }
}
