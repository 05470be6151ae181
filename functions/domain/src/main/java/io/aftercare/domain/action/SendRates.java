package io.aftercare.domain.action;

/**
 * How fast bulk email may go out, in emails a second: for the whole deployment (below the SES account's sending rate,
 * so a wave is spread rather than throttled) and for each shop (so one shop's flash sale leaves room for the others).
 * Always finite: the sweep claims no more bulk work than these rates send before the claims' leases end.
 */
public record SendRates(double perDeployment, double perShop) {

    /** Part of the SES account's sending rate, and of its 24-hour quota, bulk email may take: the rest is left to urgent email. */
    public static final double BULK_SHARE = 0.8;
    /**
     * Where the SES account's own rate is not known (locally, tests): the bulk share of the 14 emails a second SES
     * gives an account when it leaves the sandbox.
     */
    public static final SendRates WITHOUT_SES_ACCOUNT = new SendRates(14 * BULK_SHARE, 14 * BULK_SHARE);

    public SendRates {
        if (!(perDeployment > 0) || !(perShop > 0) || Double.isInfinite(perDeployment) || Double.isInfinite(perShop)) {
            throw new IllegalArgumentException("send rates must be positive and finite, not " + perDeployment + " and " + perShop);
        }
    }
}
