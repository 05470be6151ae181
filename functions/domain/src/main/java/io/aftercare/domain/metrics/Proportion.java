package io.aftercare.domain.metrics;

/**
 * A share with its 95% Wilson score interval, and the difference of two with Newcombe's hybrid interval (method 10 of
 * Newcombe 1998, built from the two Wilson intervals): honest for a small shop's small counts, unlike p ± 1.96 se.
 */
public record Proportion(long successes, long trials, double rate, double low, double high) {

    static final double Z = 1.959963984540054;

    /** @throws IllegalArgumentException without trials: there is no share of nothing */
    public static Proportion of(long successes, long trials) {
        if (trials <= 0 || successes < 0 || successes > trials) {
            throw new IllegalArgumentException(successes + " of " + trials);
        }
        double n = trials;
        double p = successes / n;
        double z2 = Z * Z;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = Z * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n);
        return new Proportion(successes, trials, p, Math.max(0, centre - half), Math.min(1, centre + half));
    }

    /** This share minus {@code other}, with its 95% interval. */
    public Difference minus(Proportion other) {
        double d = rate - other.rate;
        double low = d - Math.sqrt(Math.pow(rate - this.low, 2) + Math.pow(other.high - other.rate, 2));
        double high = d + Math.sqrt(Math.pow(this.high - rate, 2) + Math.pow(other.rate - other.low, 2));
        return new Difference(d, low, high);
    }

    public record Difference(double value, double low, double high) {

        /** The interval leaves out 0: the groups differ beyond what noise explains. */
        public boolean clear() {
            return low > 0 || high < 0;
        }
    }
}
