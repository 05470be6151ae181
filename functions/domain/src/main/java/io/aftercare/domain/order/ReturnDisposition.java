package io.aftercare.domain.order;

import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What became of returned goods once they were received (Shopify's {@code ReverseFulfillmentOrderDispositionType}):
 * put back on sale, kept off it, never arrived, or still to be looked at.
 */
public enum ReturnDisposition {
    RESTOCKED, NOT_RESTOCKED, MISSING, PROCESSING_REQUIRED;

    /** Its parameter on a timeline entry: how many items ended this way ({@code notRestocked}). */
    public String param() {
        String[] words = name().toLowerCase(Locale.ROOT).split("_");
        StringBuilder param = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            param.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        return param.toString();
    }

    /** The platform's word for it ({@code restocked}, {@code NOT_RESTOCKED}), in either case. */
    public static Optional<ReturnDisposition> fromPlatform(String type) {
        return Stream.of(values()).filter(d -> d.name().equalsIgnoreCase(type)).findFirst();
    }
}
