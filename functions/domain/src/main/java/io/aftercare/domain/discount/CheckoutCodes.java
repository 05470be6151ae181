package io.aftercare.domain.discount;

import io.aftercare.domain.InvalidInput;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Discount codes as a checkout tells them apart: regardless of case, so two codes that differ only in case are one
 * code, which a pool would hand out twice. A set of codes as given, refusing such a pair.
 */
public final class CheckoutCodes {

    private final Map<String, String> byCheckoutForm = new LinkedHashMap<>();

    /** The form a checkout compares: what identifies a code wherever Aftercare keys or looks one up. */
    public static String checkoutForm(String code) {
        return code.toUpperCase(Locale.ROOT);
    }

    /**
     * @return false for a repeat of a code here already
     * @throws InvalidInput for a code that differs only in case from one here
     */
    public boolean add(String code) {
        String before = byCheckoutForm.putIfAbsent(checkoutForm(code), code);
        requireSameCase(code, before);
        return before == null;
    }

    /**
     * Whether the code is here, as it is written.
     *
     * @throws InvalidInput when it is here in another case (the message names the one here first)
     */
    public boolean contains(String code) {
        String here = byCheckoutForm.get(checkoutForm(code));
        if (here == null) {
            return false;
        }
        requireSameCase(here, code);
        return true;
    }

    /** The codes in the order they were first added. */
    public List<String> codes() {
        return List.copyOf(byCheckoutForm.values());
    }

    private static void requireSameCase(String code, String other) {
        if (other != null && !other.equals(code)) {
            throw new InvalidInput("codes", code + " differs only in case from " + other + ": checkouts take them for one code");
        }
    }
}
