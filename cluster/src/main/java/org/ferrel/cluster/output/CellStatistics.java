package org.ferrel.cluster.output;

import java.util.Arrays;

/**
 * The per-cell statistics over ensemble members: mean, spread (sample standard deviation, divisor
 * n - 1; 0 for one member) and the quantiles {@link #QUANTILES} (linear interpolation between order
 * statistics, Hyndman &amp; Fan's type 7). Each cell's values depend only on that cell's member values,
 * summed in member order, so cells can be computed in any grouping and on any machine to the same bits.
 */
public final class CellStatistics {
    /** The quantiles written, as fractions. */
    static final double[] QUANTILES = {0.05, 0.5, 0.95};
    /** How many statistics each cell has: mean, spread and the quantiles. */
    public static final int COUNT = 2 + QUANTILES.length;

    private CellStatistics() {
    }

    /**
     * Mean, spread and the quantiles of each cell over members, in that order.
     *
     * @param members [member][cell] values, in member-id order
     * @param cells   cells per member
     * @return [statistic][cell]
     */
    public static double[][] of(double[][] members, int cells) {
        int n = members.length;
        double[][] out = new double[COUNT][cells];
        double[] column = new double[n];
        for (int k = 0; k < cells; k++) {
            double sum = 0;
            for (int m = 0; m < n; m++) {
                column[m] = members[m][k];
                sum += column[m];
            }
            double mean = sum / n;
            double squares = 0;
            for (int m = 0; m < n; m++) {
                squares += (column[m] - mean) * (column[m] - mean);
            }
            out[0][k] = mean;
            out[1][k] = n > 1 ? Math.sqrt(squares / (n - 1)) : 0;
            Arrays.sort(column);
            for (int q = 0; q < QUANTILES.length; q++) {
                out[2 + q][k] = quantile(column, QUANTILES[q]);
            }
        }
        return out;
    }

    /** The quantile p of sorted values (linear interpolation, type 7). */
    static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
