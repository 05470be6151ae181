package io.aftercare.domain.email;

import io.aftercare.domain.InvalidInput;
import io.aftercare.domain.Limits;
import io.aftercare.domain.shop.Language;

/**
 * A shop's own wording for one kind of email in one language: the subject and the body, as Mustache templates over
 * the values documented for that kind. The layout around the body (branding, and the unsubscribe footer every
 * non-transactional email must carry) is not replaceable.
 */
public record TemplateOverride(EmailKind kind, Language language, String subject, String html, String text) {

    public TemplateOverride {
        if (!kind.overridable()) {
            throw new InvalidInput("kind", "a " + kind.slug() + " email has no template of the shop's own; kind must be " + kinds());
        }
        // bytes, as DynamoDB counts them: all three together stay well under its 400 KB item
        require("subject", subject, 1_200);
        require("html", html, 150_000);
        require("text", text, 150_000);
    }

    /** The kinds a shop may override, as the API names them: {@code thank-you, check-in or survey}. */
    public static String kinds() {
        var slugs = EmailKind.overridableKinds().stream().map(EmailKind::slug).toList();
        return slugs.size() == 1 ? slugs.get(0)
                : String.join(", ", slugs.subList(0, slugs.size() - 1)) + " or " + slugs.get(slugs.size() - 1);
    }

    private static void require(String field, String value, int max) {
        if (value == null || value.isBlank() || !Limits.fits(value, max)) {
            throw new InvalidInput(field, field + " is required (at most " + max + " bytes, UTF-8)");
        }
    }
}
