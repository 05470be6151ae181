package io.aftercare.domain.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aftercare.domain.ChangedMeanwhile;
import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.fakes.InMemoryRecipients;
import io.aftercare.domain.fakes.InMemoryShops;
import io.aftercare.domain.fakes.InMemoryTickets;
import io.aftercare.domain.fakes.InMemoryTimelines;
import io.aftercare.domain.fakes.TestShops;
import io.aftercare.domain.order.CustomerContact;
import io.aftercare.domain.shop.ShopCache;
import io.aftercare.domain.shop.SupportSettings;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Aftercare's own note on a ticket it has just read: one read, and the version it read still guards the write. */
class TicketServiceNoteTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final ShopId KETTLE = new ShopId("kettle");

    private final InMemoryTickets store = new InMemoryTickets();
    private final TicketService tickets;

    TicketServiceNoteTest() {
        var shops = new InMemoryShops();
        shops.create(TestShops.shop("kettle", TestShops.settings(ZoneOffset.UTC, SupportSettings.defaults()), NOW));
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        tickets = new TicketService(store, new ShopCache(shops, clock), new InMemoryTimelines(), new InMemoryRecipients(), clock);
    }

    @Test
    void givenATicketJustRead_whenAftercareNotesIt_thenTheNoteIsWrittenOnTheNextVersion() {
        Ticket read = tickets.find(KETTLE, opened().id());

        Ticket noted = tickets.note(read, "Aftercare", "The parcel was delivered.");

        assertThat(noted.version()).isEqualTo(read.version() + 1);
        assertThat(tickets.find(KETTLE, read.id()).version()).isEqualTo(noted.version());
    }

    @Test
    void givenATicketChangedAfterItWasRead_whenAftercareNotesTheCopyItRead_thenTheNoteIsRefusedAndTheChangeKept() {
        Ticket read = tickets.find(KETTLE, opened().id());
        Ticket changed = tickets.change(KETTLE, read.id(), read.version(),
                new TicketService.Changes(Optional.of(TicketStatus.PENDING), Optional.empty(), Optional.empty()), "agent");

        assertThatThrownBy(() -> tickets.note(read, "Aftercare", "The parcel was delivered.")).isInstanceOf(ChangedMeanwhile.class);
        assertThat(tickets.find(KETTLE, read.id())).isEqualTo(changed);
    }

    private Ticket opened() {
        return tickets.open(KETTLE, new TicketService.NewTicket(new CustomerContact(new EmailAddress("ola@example.pl"), Optional.of("Ola"),
                Optional.empty()), "Parcel late", "Where is it?", Optional.empty(), Optional.empty(), true, Optional.of("late-1")), Optional.empty());
    }
}
