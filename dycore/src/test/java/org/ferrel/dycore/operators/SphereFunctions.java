package org.ferrel.dycore.operators;

import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Tensor;
import org.ferrel.dycore.cases.InitialCondition;
import org.ferrel.dycore.grid.Grid;
import org.ferrel.dycore.grid.Location;

/** Smooth test functions sampled on grids, and area-weighted error norms. */
final class SphereFunctions {
    private SphereFunctions() {
    }

    static Tensor sample(Eager o, Grid g, Location loc, java.util.function.DoubleBinaryOperator f) {
        return o.constant(g.shape(), InitialCondition.sample(g, loc, f));
    }

    /** Relative l2 error weighted by the rows' cell areas, over rows [rowFrom, rowTo). */
    static double relativeL2(Grid g, Tensor computed, Tensor exact, int rowFrom, int rowTo) {
        double[] a = g.cellArea();
        double[] c = computed.values();
        double[] e = exact.values();
        double num = 0;
        double den = 0;
        for (int j = rowFrom; j < rowTo; j++) {
            for (int i = 0; i < g.nx(); i++) {
                int k = j * g.nx() + i;
                num += a[j] * (c[k] - e[k]) * (c[k] - e[k]);
                den += a[j] * e[k] * e[k];
            }
        }
        return Math.sqrt(num / den);
    }

    static double order(double coarseError, double fineError) {
        return Math.log(coarseError / fineError) / Math.log(2.0);
    }
}
