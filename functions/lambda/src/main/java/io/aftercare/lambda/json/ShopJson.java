package io.aftercare.lambda.json;

import static io.aftercare.lambda.json.JsonViews.email;
import static io.aftercare.lambda.json.JsonViews.missing;
import static io.aftercare.lambda.json.JsonViews.wholeNumber;

import com.fasterxml.jackson.databind.JsonNode;
import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.InvalidInput;
import io.aftercare.domain.Limits;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.shop.Branding;
import io.aftercare.domain.shop.DiscountTemplate;
import io.aftercare.domain.shop.Language;
import io.aftercare.domain.shop.Platform;
import io.aftercare.domain.shop.Secret;
import io.aftercare.domain.shop.Shop;
import io.aftercare.domain.shop.ShopAdmin;
import io.aftercare.domain.shop.ShopSettings;
import io.aftercare.domain.shop.SupportSettings;
import io.aftercare.domain.ticket.ChatWebhookUrl;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/** The admin API's shop bodies. Secrets go in, never out: a shop's view says only whether a secret is set. */
public final class ShopJson {

    public static final Set<String> SETTINGS = Set.of("brandName", "senderEmail", "replyToEmail", "defaultLanguage", "timeZone",
            "checkInDays", "surveyDelayDays", "transitEstimateDays", "thankYouDiscount", "branding", "support", "returns", "surveyCapDays");
    public static final Set<String> REGISTRATION = union(SETTINGS, Set.of("id", "platform", "webhookSecret"));
    public static final Set<String> ROTATION = Set.of("webhookSecret", "previousValidForHours");

    private ShopJson() {
    }

    public record Registration(ShopId id, ShopSettings settings, Secret webhookSecret) {
    }

    public record Rotation(Secret webhookSecret, Duration overlap) {
    }

    public static Registration registration(JsonNode body, ChatWebhookUrl.Rules chat) {
        ShopId id = new ShopId(required(body, "id"));
        Platform platform = Platform.fromSlug(required(body, "platform"))
                .orElseThrow(() -> new InvalidInput("platform", "platform must be shopify, woocommerce or generic"));
        EmailAddress sender = email(body, "senderEmail").orElseThrow(() -> missing("senderEmail"));
        var defaults = new ShopSettings(platform, required(body, "brandName"), sender, sender, Language.EN, ZoneOffset.UTC,
                ShopSettings.DEFAULT_CHECK_IN_DELAY, ShopSettings.DEFAULT_SURVEY_DELAY, ShopSettings.DEFAULT_TRANSIT_ESTIMATE,
                Optional.empty(), Branding.DEFAULT, SupportSettings.defaults());
        return new Registration(id, apply(body, defaults, chat), secret(body));
    }

    /** The fields present in {@code body} replace the current ones; {@code "thankYouDiscount": null} removes the discount. */
    public static ShopSettings apply(JsonNode body, ShopSettings current, ChatWebhookUrl.Rules chat) {
        Optional<DiscountTemplate> discount = JsonViews.discount(body, "thankYouDiscount", current.thankYouDiscount());
        return new ShopSettings(current.platform(),
                text(body, "brandName").orElse(current.brandName()),
                email(body, "senderEmail").orElse(current.senderEmail()),
                email(body, "replyToEmail").orElse(current.replyToEmail()),
                text(body, "defaultLanguage").map(l -> Language.fromLocale(l)
                        .orElseThrow(() -> new InvalidInput("defaultLanguage", "defaultLanguage must be one of en, ru, ro, pl")))
                        .orElse(current.defaultLanguage()),
                text(body, "timeZone").map(ShopJson::zone).orElse(current.timeZone()),
                wholeNumber(body, "checkInDays").map(Duration::ofDays).orElse(current.checkInDelay()),
                wholeNumber(body, "surveyDelayDays").map(Duration::ofDays).orElse(current.surveyDelay()),
                wholeNumber(body, "transitEstimateDays").map(Duration::ofDays).orElse(current.transitEstimate()),
                discount,
                body.has("branding") ? branding(body.get("branding"), current.branding()) : current.branding(),
                body.has("support") ? SupportJson.read(body.get("support"), current.support(), chat) : current.support(),
                body.has("returns") ? ReturnsJson.read(body.get("returns"), current.returns()) : current.returns(),
                wholeNumber(body, "surveyCapDays").map(Duration::ofDays).orElse(current.surveyCap()));
    }

    /** Fields present replace the current ones; {@code null} clears the logo or the signature. */
    private static Branding branding(JsonNode branding, Branding current) {
        if (!branding.isObject()) {
            throw new InvalidInput("branding", "branding must be an object with logoUrl, accentColor and signature");
        }
        return new Branding(
                branding.has("logoUrl") ? text(branding, "logoUrl") : current.logoUrl(),
                text(branding, "accentColor").orElse(current.accentColor()),
                branding.has("signature") ? text(branding, "signature") : current.signature());
    }

    public static Rotation rotation(JsonNode body) {
        int hours = wholeNumber(body, "previousValidForHours").orElse((int) ShopAdmin.DEFAULT_ROTATION_OVERLAP.toHours());
        return new Rotation(secret(body), Duration.ofHours(hours));
    }

    public record DiscountView(String prefix, int percent, int validDays, int remindDaysBefore) {
    }

    public record SecretView(boolean configured, String previousValidUntil) {
    }

    public record BrandingView(String logoUrl, String accentColor, String signature) {
    }

    public record ShopView(String id, String platform, String webhookPath, String brandName, String senderEmail, String replyToEmail,
                           String defaultLanguage, String timeZone, long checkInDays, long surveyDelayDays,
                           long transitEstimateDays, long surveyCapDays, DiscountView thankYouDiscount, BrandingView branding, JsonNode support,
                           ReturnsJson.ReturnsView returns, SecretView webhookSecret, String createdAt, String updatedAt, long version) {
    }

    public static ShopView view(Shop shop) {
        ShopSettings s = shop.settings();
        return new ShopView(shop.id().value(), s.platform().slug(), "/webhooks/" + s.platform().slug() + "/" + shop.id().value(),
                s.brandName(), s.senderEmail().value(), s.replyToEmail().value(), s.defaultLanguage().code(), s.timeZone().getId(),
                s.checkInDelay().toDays(), s.surveyDelay().toDays(), s.transitEstimate().toDays(), s.surveyCap().toDays(),
                s.thankYouDiscount().map(d -> new DiscountView(d.prefix(), d.percent(), d.validDays(), d.remindDaysBefore())).orElse(null),
                new BrandingView(s.branding().logoUrl().orElse(null), s.branding().accentColor(), s.branding().signature().orElse(null)),
                SupportJson.view(s.support()), ReturnsJson.view(s.returns()),
                new SecretView(true, shop.secrets().previousValidUntil().map(Object::toString).orElse(null)),
                shop.createdAt().toString(), shop.updatedAt().toString(), shop.version());
    }

    /**
     * Exactly as given, never trimmed: WooCommerce's generated secrets may begin or end with a space, and it signs
     * with the whole value.
     */
    private static Secret secret(JsonNode body) {
        JsonNode value = body.get("webhookSecret");
        if (value == null || value.isNull()) {
            throw missing("webhookSecret");
        }
        if (!value.isTextual()) {
            throw new InvalidInput("webhookSecret", "webhookSecret must be a string");
        }
        return new Secret(value.asText());
    }

    private static String required(JsonNode body, String field) {
        return text(body, field).orElseThrow(() -> missing(field));
    }

    /** Settings are short; {@link Limits#TEXT_BYTES} keeps the shop's item far under DynamoDB's 400 KB. */
    private static Optional<String> text(JsonNode body, String field) {
        return JsonViews.text(body, field, Limits.TEXT_BYTES);
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw new InvalidInput("timeZone", "timeZone must be an IANA zone such as Europe/Warsaw");
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
