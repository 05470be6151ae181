package io.aftercare.domain.timeline;

import java.util.List;
import java.util.Locale;

/**
 * The fixed sets a timeline entry's codes come from (reasons, email kinds, statuses, ...); each code has a text in
 * every language's messages, which the wording's test checks against the enums behind each set. The sets are named
 * here, not referenced, so that the timeline package needs none of the packages that write entries.
 */
public enum Vocabulary {
    REASON, EMAIL, CATEGORY, SUPPRESSION, FULFILMENT, SHIPMENT, RETURN, RETURN_STATE, LANGUAGE, PRIORITY, TICKET_STATUS, SLA, ROLE,
    /** A survey answer's group: not an enum of the domain. */
    NPS,
    /** A survey's kind, by its code ({@code nps}, {@code csat}, {@code ces}): what the metrics tell answers apart by. */
    SURVEY;

    public static final List<String> NPS_GROUPS = List.of("promoter", "passive", "detractor");
    public static final List<String> SURVEY_KINDS = List.of("nps", "csat", "ces");

    public String slug() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * For the sets that are not enums: a survey answer's group, a survey's kind, and the kinds of due action (their codes are their
     * {@code ActionKind}'s, the post-purchase ones defined by their {@code EmailKind}).
     */
    public EntryParam.Code code(String value) {
        boolean known = switch (this) {
            case NPS -> NPS_GROUPS.contains(value);
            case SURVEY -> SURVEY_KINDS.contains(value);
            default -> this == EMAIL;
        };
        if (!known) {
            throw new IllegalArgumentException(value + " is not a " + slug());
        }
        return new EntryParam.Code(slug(), value);
    }

    public EntryParam.Code code(Enum<?> value) {
        return new EntryParam.Code(slug(), value.name());
    }
}
