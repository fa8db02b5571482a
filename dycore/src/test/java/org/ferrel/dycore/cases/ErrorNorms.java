package org.ferrel.dycore.cases;

import org.ferrel.dycore.grid.Grid;

/** The normalised error measures of Williamson et al. (1992), eqs. (82)-(84), area-weighted. */
public record ErrorNorms(double l1, double l2, double lInf) {
    public static ErrorNorms of(Grid grid, double[] h, double[] exact) {
        double[] area = grid.cellArea();
        double n1 = 0;
        double d1 = 0;
        double n2 = 0;
        double d2 = 0;
        double nInf = 0;
        double dInf = 0;
        for (int j = 0; j < grid.ny(); j++) {
            for (int i = 0; i < grid.nx(); i++) {
                int idx = j * grid.nx() + i;
                double e = h[idx] - exact[idx];
                n1 += area[j] * Math.abs(e);
                d1 += area[j] * Math.abs(exact[idx]);
                n2 += area[j] * e * e;
                d2 += area[j] * exact[idx] * exact[idx];
                nInf = Math.max(nInf, Math.abs(e));
                dInf = Math.max(dInf, Math.abs(exact[idx]));
            }
        }
        return new ErrorNorms(n1 / d1, Math.sqrt(n2 / d2), nInf / dInf);
    }

    /** The largest absolute error of each row [m]: where on the globe the error sits. */
    public static double[] largestPerRow(Grid grid, double[] h, double[] exact) {
        double[] r = new double[grid.ny()];
        for (int j = 0; j < grid.ny(); j++) {
            for (int i = 0; i < grid.nx(); i++) {
                int idx = j * grid.nx() + i;
                r[j] = Math.max(r[j], Math.abs(h[idx] - exact[idx]));
            }
        }
        return r;
    }

    /**
     * The larger of the two pole rows' largest errors over the largest error in the three rows next to
     * each pole: above 1 when the pole rows are worse than their neighbours.
     */
    public static double poleRowRatio(double[] perRow) {
        int ny = perRow.length;
        double south = perRow[0] / Math.max(perRow[1], Math.max(perRow[2], perRow[3]));
        double north = perRow[ny - 1] / Math.max(perRow[ny - 2], Math.max(perRow[ny - 3], perRow[ny - 4]));
        return Math.max(south, north);
    }
}
