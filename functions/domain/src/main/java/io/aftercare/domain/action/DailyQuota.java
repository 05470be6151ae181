package io.aftercare.domain.action;

/**
 * The SES account's quota for any 24 hours, as its {@code GetAccount} reports it now: bulk email stops taking from it
 * at {@link SendRates#BULK_SHARE} of it, so that urgent email still goes out for the rest of the day.
 *
 * @param max24HourSend emails the account may send in 24 hours; negative for no limit (as SES reports it)
 * @param sentLast24Hours emails it sent in the last 24 hours
 */
public record DailyQuota(double max24HourSend, double sentLast24Hours) {

    /** How many more bulk emails the quota allows now: none once the last 24 hours reached the bulk share of it. */
    public long bulkLeft() {
        if (max24HourSend < 0) {
            return Long.MAX_VALUE;
        }
        return Math.max(0, (long) Math.floor(max24HourSend * SendRates.BULK_SHARE - sentLast24Hours));
    }
}
