package io.aftercare.domain.replies;

import io.aftercare.domain.InvalidInput;
import io.aftercare.domain.Limits;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A shop's canned answer. Its body may hold {@code {{name}}} and {@code {{order}}}, which the console fills in with the
 * ticket's customer and order before the agent sends it; any other placeholder would reach the customer as written,
 * so it is refused.
 */
public record SavedReply(String id, String title, String body) {

    public static final int TITLE_BYTES = Limits.SUBJECT_BYTES;
    public static final int BODY_BYTES = Limits.SUMMARY_BYTES;
    /** A shop's saved replies are listed in one answer. */
    public static final int MAX_PER_SHOP = 200;
    public static final Set<String> PLACEHOLDERS = Set.of("name", "order");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^}]*?)\\s*}}");

    public SavedReply {
        Limits.atMost("title", title, TITLE_BYTES);
        Limits.atMost("body", body, BODY_BYTES);
        if (title.isBlank()) {
            throw new InvalidInput("title", "the title is empty");
        }
        if (body.isBlank()) {
            throw new InvalidInput("body", "the body is empty");
        }
        Matcher placeholder = PLACEHOLDER.matcher(body);
        while (placeholder.find()) {
            if (!PLACEHOLDERS.contains(placeholder.group(1))) {
                throw new InvalidInput("body", "{{" + placeholder.group(1) + "}} is not a placeholder: use {{name}} or {{order}}");
            }
        }
    }
}
