package io.aftercare.domain.shop;

import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.InvalidInput;
import io.aftercare.domain.Limits;
import io.aftercare.domain.HeaderText;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * What a shop owner configures. Delays are whole days because that is how shops think about them; the domain
 * works with {@link Duration}s.
 *
 * @param transitEstimate how long a parcel usually travels, used to time the survey when a fulfilment has no tracking
 * @param returns the shop's return instructions and its thresholds for stuck returns and silent parcels
 * @param surveyCap a customer gets at most one survey (of any kind) in this long; zero: no cap beyond the frequency rule
 */
public record ShopSettings(
        Platform platform,
        String brandName,
        EmailAddress senderEmail,
        EmailAddress replyToEmail,
        Language defaultLanguage,
        ZoneId timeZone,
        Duration checkInDelay,
        Duration surveyDelay,
        Duration transitEstimate,
        Optional<DiscountTemplate> thankYouDiscount,
        Branding branding,
        SupportSettings support,
        ReturnSettings returns,
        Duration surveyCap) {

    public static final Duration DEFAULT_CHECK_IN_DELAY = Duration.ofDays(60);
    public static final Duration DEFAULT_SURVEY_DELAY = Duration.ofDays(7);
    public static final Duration DEFAULT_TRANSIT_ESTIMATE = Duration.ofDays(5);
    public static final Duration DEFAULT_SURVEY_CAP = Duration.ofDays(30);

    public ShopSettings {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(senderEmail, "senderEmail");
        Objects.requireNonNull(replyToEmail, "replyToEmail");
        Objects.requireNonNull(defaultLanguage, "defaultLanguage");
        Objects.requireNonNull(timeZone, "timeZone");
        if (brandName == null || brandName.isBlank() || !Limits.fits(brandName, 400)) {
            throw new InvalidInput("brandName", "the brand name is required (at most 400 bytes, UTF-8)");
        }
        if (HeaderText.hasControls(brandName)) {
            throw new InvalidInput("brandName", "brandName must not contain control characters or line breaks: it is the From name of every email");
        }
        requireDays("checkInDays", checkInDelay, 1, 365);
        requireDays("surveyDelayDays", surveyDelay, 0, 90);
        requireDays("transitEstimateDays", transitEstimate, 0, 60);
        requireDays("surveyCapDays", surveyCap, 0, 365);
        Objects.requireNonNull(thankYouDiscount, "thankYouDiscount");
        Objects.requireNonNull(branding, "branding");
        Objects.requireNonNull(support, "support");
        Objects.requireNonNull(returns, "returns");
    }

    /** A shop that says nothing about returns or the survey cap: Aftercare's defaults. */
    public ShopSettings(Platform platform, String brandName, EmailAddress senderEmail, EmailAddress replyToEmail, Language defaultLanguage,
                        ZoneId timeZone, Duration checkInDelay, Duration surveyDelay, Duration transitEstimate,
                        Optional<DiscountTemplate> thankYouDiscount, Branding branding, SupportSettings support) {
        this(platform, brandName, senderEmail, replyToEmail, defaultLanguage, timeZone, checkInDelay, surveyDelay, transitEstimate,
                thankYouDiscount, branding, support, ReturnSettings.DEFAULT, DEFAULT_SURVEY_CAP);
    }

    private static void requireDays(String field, Duration value, int min, int max) {
        if (value == null || value.toDays() < min || value.toDays() > max) {
            throw new InvalidInput(field, field + " must be between " + min + " and " + max + " days");
        }
    }
}
