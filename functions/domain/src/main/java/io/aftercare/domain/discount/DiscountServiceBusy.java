package io.aftercare.domain.discount;

/** The shop's platform could not answer now (5xx, throttled, timed out): the action is retried, as when SES throttles. */
public final class DiscountServiceBusy extends RuntimeException {

    public DiscountServiceBusy(String message) {
        super(message);
    }

    public DiscountServiceBusy(String message, Throwable cause) {
        super(message, cause);
    }
}
