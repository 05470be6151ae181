package io.aftercare.domain.discount;

/** What the shop said to a code: made (or already there from an earlier try), or refused for good. */
public sealed interface Creation {

    /**
     * @param anyBuyer the platform could not limit it to the customer (Shopify named no customer id): anyone may use
     *     it, once; the timeline says so
     */
    record Created(String code, boolean anyBuyer) implements Creation {

        /** A code for the customer only, or one of the shop's own codes from its pool. */
        public Created(String code) {
            this(code, false);
        }
    }

    /** @param why what the platform said, with no credential in it: shown on the timeline */
    record Refused(String why) implements Creation {
    }
}
