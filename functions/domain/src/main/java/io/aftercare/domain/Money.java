package io.aftercare.domain;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.regex.Pattern;

/** An amount in an ISO 4217 currency ({@code XXX} when the platform did not say). */
public record Money(BigDecimal amount, String currency) {

    public static final String UNKNOWN_CURRENCY = "XXX";
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    public Money {
        Objects.requireNonNull(amount, "amount");
        if (currency == null || !CURRENCY.matcher(currency).matches()) {
            throw new InvalidInput("currency must be a three-letter ISO 4217 code");
        }
    }

    public static Money of(String amount, String currency) {
        try {
            return new Money(new BigDecimal(amount.trim()), currency);
        } catch (NumberFormatException | NullPointerException e) {
            throw new InvalidInput("not an amount: " + amount);
        }
    }

    public Money plus(Money other) {
        return new Money(amount.add(other.amount), currency);
    }

    public boolean isZero() {
        return amount.signum() == 0;
    }

    @Override
    public String toString() {
        return amount.toPlainString() + " " + currency;
    }
}
