package io.aftercare.domain.ticket;

import io.aftercare.domain.InvalidInput;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Who has a ticket open in the console, and whether they are writing a reply: a hint against two agents answering
 * at once, sent as a heartbeat and live for {@link #LIVE} after the last one.
 *
 * @param holder who beat, by a name no two callers share (two masked addresses can be alike); never shown
 * @param who how the audit trail names the member (a masked address), never the whole address
 */
public record Presence(String ticketId, String holder, String who, Activity activity, Instant at) {

    /** The console beats every ~10 s: three missed beats and the member is gone. */
    public static final Duration LIVE = Duration.ofSeconds(30);
    /** Kept a little longer than it is read, then removed by the table's TTL. */
    public static final Duration KEPT = Duration.ofMinutes(5);

    public enum Activity {
        VIEWING, REPLYING;

        public String slug() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Activity fromSlug(String slug) {
            for (Activity a : values()) {
                if (a.slug().equals(slug)) {
                    return a;
                }
            }
            throw new InvalidInput("activity", "activity must be viewing or replying");
        }
    }
}
