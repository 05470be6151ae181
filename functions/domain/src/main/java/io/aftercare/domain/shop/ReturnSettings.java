package io.aftercare.domain.shop;

import io.aftercare.domain.InvalidInput;
import io.aftercare.domain.Limits;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a shop configures about returns and parcels.
 *
 * @param instructions how to send the goods back, in the shop's words: the approval email shows them (escaped, as text)
 * @param thresholds when a return waiting on the shop opens a ticket
 * @param parcelSilenceDays no tracking news for this many days is a silent parcel; empty: the shop's transit estimate
 */
public record ReturnSettings(Optional<String> instructions, ReturnThresholds thresholds, Optional<Integer> parcelSilenceDays) {

    public static final ReturnSettings DEFAULT = new ReturnSettings(Optional.empty(), ReturnThresholds.DEFAULT, Optional.empty());
    public static final int INSTRUCTIONS_BYTES = 4_000;
    public static final int MAX_SILENCE_DAYS = 60;

    public ReturnSettings {
        Objects.requireNonNull(thresholds, "thresholds");
        instructions = instructions.map(String::strip).filter(text -> !text.isEmpty());
        instructions.ifPresent(text -> Limits.atMost("returns.instructions", text, INSTRUCTIONS_BYTES));
        if (parcelSilenceDays.filter(days -> days < 1 || days > MAX_SILENCE_DAYS).isPresent()) {
            throw new InvalidInput("returns.parcelSilenceDays", "returns.parcelSilenceDays must be between 1 and " + MAX_SILENCE_DAYS
                    + " days, or null for the transit estimate");
        }
    }

    /** No tracking news for this long is a silent parcel: the shop's own threshold, else its transit estimate, at least a day. */
    public Duration silence(Duration transitEstimate) {
        Duration silence = parcelSilenceDays.map(Duration::ofDays).orElse(transitEstimate);
        return silence.compareTo(Duration.ofDays(1)) < 0 ? Duration.ofDays(1) : silence;
    }
}
