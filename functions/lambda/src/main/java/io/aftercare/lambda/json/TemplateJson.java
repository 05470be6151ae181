package io.aftercare.lambda.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.aftercare.domain.InvalidInput;
import io.aftercare.domain.email.EmailKind;
import io.aftercare.domain.email.TemplateOverride;
import io.aftercare.domain.shop.Language;
import java.util.List;
import java.util.Set;

/** A shop's own email template in the admin API: {@code {subject, html, text}}. */
public final class TemplateJson {

    public static final Set<String> FIELDS = Set.of("subject", "html", "text");

    public record View(String kind, String language, String subject, String html, String text) {
    }

    private TemplateJson() {
    }

    public static TemplateOverride override(String kind, String language, JsonNode body) {
        return new TemplateOverride(kind(kind), language(language), text(body, "subject"), text(body, "html"), text(body, "text"));
    }

    public static View view(TemplateOverride o) {
        return new View(o.kind().slug(), o.language().code(), o.subject(), o.html(), o.text());
    }

    public static EmailKind kind(String slug) {
        return EmailKind.fromSlug(slug).filter(EmailKind::overridable)
                .orElseThrow(() -> new InvalidInput("kind", "kind must be " + TemplateOverride.kinds()));
    }

    /** The kinds a shop may word its own way, as the API names them. */
    public static List<String> kinds() {
        return EmailKind.overridableKinds().stream().map(EmailKind::slug).toList();
    }

    public static Language language(String code) {
        return Language.fromLocale(code).filter(l -> l.code().equals(code))
                .orElseThrow(() -> new InvalidInput("language", "language must be en, ru, ro or pl"));
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual()) {
            throw new InvalidInput(field, field + " is required and must be a string");
        }
        return value.asText();
    }
}
