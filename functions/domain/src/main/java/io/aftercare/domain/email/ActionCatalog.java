package io.aftercare.domain.email;

import io.aftercare.domain.action.ActionKind;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Every kind of due action: the complaint tickets' ({@link ActionKind}'s constants) and the post-purchase emails'
 * (each {@link EmailKind}'s). It lives here, beside the emails, because reading a stored kind needs both and the
 * {@code action} package may not depend on this one.
 */
public final class ActionCatalog {

    private static final Map<String, ActionKind> BY_SLUG = new LinkedHashMap<>();

    static {
        Stream.of(ActionKind.TICKET_KINDS.stream(), ActionKind.CASE_KINDS.stream(), ActionKind.PRIVACY_KINDS.stream(), ActionKind.REPORT_KINDS.stream(), Arrays.stream(EmailKind.values()).map(EmailKind::action))
                .flatMap(kinds -> kinds)
                .forEach(kind -> BY_SLUG.putIfAbsent(kind.slug(), kind));
    }

    private ActionCatalog() {
    }

    /** Every kind, the tickets' first. */
    public static List<ActionKind> all() {
        return List.copyOf(BY_SLUG.values());
    }

    /** The kind a stored slug names; empty for one this version does not know (a newer version's, another sender's tag). */
    public static Optional<ActionKind> fromSlug(String slug) {
        return Optional.ofNullable(BY_SLUG.get(slug));
    }
}
