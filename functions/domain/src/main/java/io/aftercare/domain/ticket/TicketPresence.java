package io.aftercare.domain.ticket;

import io.aftercare.domain.ShopId;
import java.time.Clock;
import java.util.List;

/** Presence on a shop's tickets: a heartbeat on a ticket that exists, and who is live in the shop now. */
public final class TicketPresence {

    private final PresenceStore store;
    private final TicketService tickets;
    private final Clock clock;

    public TicketPresence(PresenceStore store, TicketService tickets, Clock clock) {
        this.store = store;
        this.tickets = tickets;
        this.clock = clock;
    }

    /** @throws io.aftercare.domain.NotFound when the shop has no such ticket: nothing is written */
    public Presence beat(ShopId shop, String ticketId, String holder, String who, Presence.Activity activity) {
        tickets.find(shop, ticketId);
        var now = clock.instant();
        var presence = new Presence(ticketId, holder, who, activity, now);
        store.put(shop, presence, now.plus(Presence.KEPT));
        return presence;
    }

    public List<Presence> live(ShopId shop) {
        return store.since(shop, clock.instant().minus(Presence.LIVE));
    }
}
