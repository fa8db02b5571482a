package org.ferrel.autodiff.loop;

/**
 * The arithmetic of binomial checkpointing (Griewank 1992; Griewank and Walther 2000, "Algorithm
 * 799: Revolve"). With s snapshots (the one holding the initial state included) and n steps, the
 * repetition number r is the smallest integer with {@code beta(s, r) = C(s + r, s) >= n}, and the
 * fewest plain forward steps any schedule needs is
 * {@code t(n, s) = r n - C(s + r, r - 1)}, on top of the n recorded steps.
 */
public final class BinomialCost {
    private BinomialCost() {
    }

    /** {@code C(s + r, s)}, saturating at {@link Long#MAX_VALUE}; 0 for negative r. */
    public static long beta(int s, int r) {
        if (r < 0 || s < 0) {
            return 0;
        }
        long value = 1;
        for (int i = 1; i <= r; i++) {
            // C(s + i, i) = C(s + i - 1, i - 1) (s + i) / i, exact in integers
            if (value > Long.MAX_VALUE / (s + i)) {
                return Long.MAX_VALUE;
            }
            value = value * (s + i) / i;
        }
        return value;
    }

    /** The repetition number: the smallest r with {@code beta(s, r) >= n}. */
    public static int repetitions(long n, int s) {
        requireSnapshots(s);
        int r = 0;
        while (beta(s, r) < n) {
            r++;
        }
        return r;
    }

    /** The optimal number of plain forward steps t(n, s) to reverse n steps with s snapshots. */
    public static long optimalForwardSteps(long n, int s) {
        if (n <= 1) {
            return 0;
        }
        int r = repetitions(n, s);
        return r * n - beta(s + 1, r - 1);
    }

    /**
     * How far to advance before placing the next snapshot, so that reversing the n steps with s
     * snapshots costs exactly t(n, s): any m with {@code max(n - beta(s-1, r), beta(s, r-2)) <= m}
     * and {@code m <= min(beta(s, r-1), n - beta(s-1, r-1))} is optimal; this takes the smallest.
     */
    public static int optimalAdvance(int n, int s) {
        if (n < 2 || s < 2) {
            throw new IllegalArgumentException("optimalAdvance needs n >= 2 and s >= 2, got n=" + n + ", s=" + s);
        }
        int r = repetitions(n, s);
        long m = Math.max(1, Math.max(n - beta(s - 1, r), beta(s, r - 2)));
        return (int) m;
    }

    static void requireSnapshots(int s) {
        if (s < 1) {
            throw new IllegalArgumentException("a binomial schedule needs at least 1 snapshot, got " + s);
        }
    }
}
