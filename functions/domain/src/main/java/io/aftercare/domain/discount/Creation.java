package io.aftercare.domain.discount;

/** What the shop said to a code: made (or already there from an earlier try), or refused for good. */
public sealed interface Creation {

    record Created(String code) implements Creation {
    }

    /** @param why what the platform said, with no credential in it: shown on the timeline */
    record Refused(String why) implements Creation {
    }
}
