package io.aftercare.domain.order;

import io.aftercare.domain.InvalidInput;
import java.util.regex.Pattern;

/** The platform's id of an order, as text (Shopify's ids do not fit a JavaScript number, so never a double). */
public record OrderId(String value) {

    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

    public OrderId {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new InvalidInput("order id must be 1-64 letters, digits or _ . : -");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
