package io.aftercare.domain.email;

import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.timeline.TimelineEntry;
import java.time.Instant;

/** Port: what decides whether a customer may be mailed, and the changes customers and mailboxes make to it. */
public interface RecipientStore {

    RecipientState state(ShopId shop, String emailHash);

    /** Records an unsubscribe and its timeline entry; unsubscribing twice changes nothing. */
    void unsubscribe(ShopId shop, String emailHash, EmailCategory category, Instant at, TimelineEntry entry);

    /** Stops all mail to the address for good (a permanent bounce, a complaint), with its timeline entry. */
    void suppress(ShopId shop, EmailAddress email, Suppression reason, Instant at, TimelineEntry entry);
}
