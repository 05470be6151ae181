package io.aftercare.domain.action;

import io.aftercare.domain.ShopId;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One sweep's allowance of bulk email: the queue topped up to the send rates' worth of one interval, never beyond (so
 * a wave is spread over sweeps, not claimed at once and left to outlive its leases in the queue), and no more than the
 * SES account's 24-hour quota still allows bulk email. Each action is given a moment (its queue delay) after the
 * actions already queued, so that they go out at those rates instead of all at once. Whatever is over the allowance
 * stays due, unclaimed, for the next sweep.
 */
final class BulkPace {

    private final SendRates rates;
    private final long queued;
    private final long deploymentAllowance;
    private final long shopAllowance;
    private final Map<ShopId, Integer> perShop = new HashMap<>();
    private long taken;

    /**
     * @param queued bulk actions already in the queue and not done ({@link ActionQueue#bulkQueued()})
     * @param dayLeft bulk emails the 24-hour quota still allows ({@link DailyQuota#bulkLeft()})
     */
    BulkPace(SendRates rates, Duration interval, long queued, long dayLeft) {
        this.rates = rates;
        this.queued = queued;
        this.deploymentAllowance = Math.min(dayLeft, Math.max(0, allowance(rates.perDeployment(), interval) - queued));
        this.shopAllowance = allowance(rates.perShop(), interval);
    }

    /** When, from the sweep's start, the shop's next bulk action may go out; empty when over an allowance. */
    Optional<Duration> next(ShopId shop) {
        int shopTaken = perShop.getOrDefault(shop, 0);
        if (exhausted() || shopTaken >= shopAllowance) {
            return Optional.empty();
        }
        perShop.put(shop, shopTaken + 1);
        double seconds = Math.max((queued + taken++) / rates.perDeployment(), shopTaken / rates.perShop());
        return Optional.of(Duration.ofSeconds((long) seconds));
    }

    /** Nothing more may go out in this interval: reading further would only find actions to leave due. */
    boolean exhausted() {
        return taken >= deploymentAllowance;
    }

    private static long allowance(double perSecond, Duration interval) {
        return Math.max(1, (long) (perSecond * interval.toSeconds()));
    }
}
