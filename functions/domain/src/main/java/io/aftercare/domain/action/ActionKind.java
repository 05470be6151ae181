package io.aftercare.domain.action;

import io.aftercare.domain.email.EmailCategory;

/** What a due action does when its time comes. */
public enum ActionKind {
    THANK_YOU("thank-you", EmailCategory.TRANSACTIONAL),
    CHECK_IN("check-in", EmailCategory.FOLLOW_UPS),
    SURVEY("survey", EmailCategory.SURVEYS);

    private final String slug;
    private final EmailCategory category;

    ActionKind(String slug, EmailCategory category) {
        this.slug = slug;
        this.category = category;
    }

    /** The category of the email this action sends: what a customer can unsubscribe from. */
    public EmailCategory category() {
        return category;
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
