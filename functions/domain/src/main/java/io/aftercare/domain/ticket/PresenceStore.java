package io.aftercare.domain.ticket;

import io.aftercare.domain.ShopId;
import java.time.Instant;
import java.util.List;

/** The shop's presence heartbeats: one per member and ticket, the latest kept. */
public interface PresenceStore {

    void put(ShopId shop, Presence presence, Instant expiresAt);

    /** The shop's heartbeats since {@code since}, and no other shop's. */
    List<Presence> since(ShopId shop, Instant since);
}
