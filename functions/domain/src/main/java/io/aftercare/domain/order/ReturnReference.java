package io.aftercare.domain.order;

import io.aftercare.domain.Limits;

/**
 * A name the platform gives a return, or a part of it, in deliveries that do not name its order: Shopify's reverse
 * delivery topics carry only the return's id or its reverse fulfilment order's. Aftercare keeps a pointer from each
 * such name to the order's return when it records the return.
 */
public record ReturnReference(Kind kind, String id) {

    public enum Kind {
        /** The return's own id (Aftercare's return id for Shopify returns). */
        RETURN("return"),
        /** A reverse fulfilment order: the work of taking back some of a return's items at one location. */
        REVERSE_FULFILMENT_ORDER("rfo");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }
    }

    public ReturnReference {
        Limits.atMost("return reference", id, Limits.ID_BYTES);
    }

    public static ReturnReference ofReturn(String returnId) {
        return new ReturnReference(Kind.RETURN, returnId);
    }

    /** Unique within a shop: {@code return:123}, {@code rfo:456}. */
    public String key() {
        return kind.prefix + ":" + id;
    }
}
