package io.aftercare.domain.access;

import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.shop.Language;
import java.time.ZoneId;
import java.util.Optional;

/**
 * How a person wants the console: its language and the zone times are shown in, and whether they get the weekly
 * summary of the shops they own or manage. A person's, not a membership's: the same in every shop.
 */
public record Preferences(Language language, ZoneId zone, boolean weeklySummary) {

    /** Whether a person who never saved preferences gets the weekly summary. */
    public static final boolean WEEKLY_SUMMARY_BY_DEFAULT = true;

    /** Port. */
    public interface Store {

        Optional<Preferences> find(EmailAddress person);

        void save(EmailAddress person, Preferences preferences);
    }
}
