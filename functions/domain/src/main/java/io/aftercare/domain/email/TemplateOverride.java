package io.aftercare.domain.email;

import io.aftercare.domain.InvalidInput;
import io.aftercare.domain.Limits;
import io.aftercare.domain.action.ActionKind;
import io.aftercare.domain.shop.Language;
import java.util.EnumSet;
import java.util.Set;

/**
 * A shop's own wording for one kind of email in one language: the subject and the body, as Mustache templates over
 * the values documented for that kind. The layout around the body (branding, and the unsubscribe footer every
 * non-transactional email must carry) is not replaceable.
 */
public record TemplateOverride(ActionKind kind, Language language, String subject, String html, String text) {

    /** The emails a shop can word its own way; complaint emails keep Aftercare's. */
    public static final Set<ActionKind> KINDS = Set.copyOf(EnumSet.of(ActionKind.THANK_YOU, ActionKind.CHECK_IN, ActionKind.SURVEY));

    public TemplateOverride {
        // bytes, as DynamoDB counts them: all three together stay well under its 400 KB item
        require("subject", subject, 1_200);
        require("html", html, 150_000);
        require("text", text, 150_000);
    }

    private static void require(String field, String value, int max) {
        if (value == null || value.isBlank() || !Limits.fits(value, max)) {
            throw new InvalidInput(field, field + " is required (at most " + max + " bytes, UTF-8)");
        }
    }
}
