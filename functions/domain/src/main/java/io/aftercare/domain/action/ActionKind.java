package io.aftercare.domain.action;

/** What a due action does when its time comes. */
public enum ActionKind {
    THANK_YOU("thank-you"), CHECK_IN("check-in"), SURVEY("survey");

    private final String slug;

    ActionKind(String slug) {
        this.slug = slug;
    }

    public String slug() {
        return slug;
    }

    public static ActionKind fromSlug(String slug) {
        for (ActionKind kind : values()) {
            if (kind.slug.equals(slug)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown action kind " + slug);
    }
}
