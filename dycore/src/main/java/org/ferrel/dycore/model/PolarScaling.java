package org.ferrel.dycore.model;

import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Tensor;
import org.ferrel.dycore.grid.Grid;
import org.ferrel.dycore.grid.LatLonGrid;

/**
 * The per-row weights {@code min(1, cos(phi) / cos(phi_c))} that diffusion terms apply to zonal
 * differences on a latitude-longitude grid, so that their damping rate near the poles stays at its
 * value at phi_c (as if the zonal spacing stopped shrinking there).
 */
final class PolarScaling {
    private PolarScaling() {
    }

    /** Weights as a [ny, 1] tensor, or null on a plane or when phi_c is NaN. */
    static Tensor weights(Ops o, Grid grid, double criticalLatitude, boolean vRows) {
        if (!(grid instanceof LatLonGrid g) || Double.isNaN(criticalLatitude)) {
            return null;
        }
        double[] w = new double[g.ny()];
        for (int j = 0; j < g.ny(); j++) {
            double phi = vRows ? (j == g.ny() - 1 ? Math.PI / 2 : g.faceLatitude(j)) : g.latitude(j);
            w[j] = Math.min(1.0, Math.cos(phi) / Math.cos(criticalLatitude));
        }
        return grid.rows(o, w);
    }

    /** The smallest zonal spacing the scaled operator sees [m]. */
    static double effectiveDx(Grid grid, double effectiveMinimumDx, double criticalLatitude) {
        if (grid instanceof LatLonGrid g && !Double.isNaN(criticalLatitude)) {
            return Math.max(effectiveMinimumDx, g.radius() * Math.cos(criticalLatitude) * g.dLambda());
        }
        return effectiveMinimumDx;
    }
}
