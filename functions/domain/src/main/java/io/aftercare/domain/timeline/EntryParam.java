package io.aftercare.domain.timeline;

import io.aftercare.domain.Limits;
import io.aftercare.domain.Money;
import java.time.Instant;
import java.time.ZoneId;

/** One typed value a timeline entry says: what it means stays here, how it reads is up to the language it is shown in. */
public sealed interface EntryParam {

    /** Free text kept as written: a name, a masked address, a platform's reason or message, an excerpt. */
    record Text(String value) implements EntryParam {
        public Text {
            value = Limits.shortened(value, Limits.SUMMARY_BYTES);
        }
    }

    /** A value from a fixed set ({@code REJECTED} of {@code Reason}), worded per language. */
    record Code(String vocabulary, String value) implements EntryParam {
    }

    record Amount(Money money) implements EntryParam {
    }

    /** A moment, shown in the zone it was said in (the shop's). */
    record Moment(Instant at, ZoneId zone) implements EntryParam {
    }

    record Count(long value) implements EntryParam {
    }

    /** A condition that holds; a false one is simply not said. */
    record Flag() implements EntryParam {
    }
}
