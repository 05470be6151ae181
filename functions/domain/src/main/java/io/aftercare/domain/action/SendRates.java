package io.aftercare.domain.action;

/**
 * How fast bulk email may go out, in emails a second: for the whole deployment (below the SES account's sending rate,
 * so a wave is spread rather than throttled) and for each shop (so one shop's flash sale leaves room for the others).
 */
public record SendRates(double perDeployment, double perShop) {

    public static final SendRates UNLIMITED = new SendRates(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
    /** Part of the SES account's sending rate, and of its 24-hour quota, bulk email may take: the rest is left to urgent email. */
    public static final double BULK_SHARE = 0.8;

    public SendRates {
        if (!(perDeployment > 0) || !(perShop > 0)) {
            throw new IllegalArgumentException("send rates must be positive, not " + perDeployment + " and " + perShop);
        }
    }
}
