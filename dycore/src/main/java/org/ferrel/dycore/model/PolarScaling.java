package org.ferrel.dycore.model;

import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Tensor;
import org.ferrel.dycore.grid.Grid;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.dycore.operators.CGridOperators;
import org.ferrel.dycore.shallowwater.DiffusionKernel;

/**
 * The per-row weights {@code min(1, cos(phi) / cos(phi_c))} that diffusion terms apply to zonal
 * differences on a latitude-longitude grid, so that their damping rate near the poles stays at its
 * value at phi_c (as if the zonal spacing stopped shrinking there), and the fused kernel of the
 * diffusion terms that apply them.
 */
public final class PolarScaling {
    private PolarScaling() {
    }

    /** Weights as a [ny, 1] tensor, or null on a plane or when phi_c is NaN. */
    public static Tensor weights(Ops o, Grid grid, double criticalLatitude, boolean vRows) {
        double[] w = values(grid, criticalLatitude, vRows);
        return w == null ? null : grid.rows(o, w);
    }

    /** The weights per row (length ny), or null on a plane or when phi_c is NaN. */
    static double[] values(Grid grid, double criticalLatitude, boolean vRows) {
        if (!(grid instanceof LatLonGrid g) || Double.isNaN(criticalLatitude)) {
            return null;
        }
        double[] w = new double[g.ny()];
        for (int j = 0; j < g.ny(); j++) {
            double phi = vRows ? (j == g.ny() - 1 ? Math.PI / 2 : g.faceLatitude(j)) : g.latitude(j);
            w[j] = Math.min(1.0, Math.cos(phi) / Math.cos(criticalLatitude));
        }
        return w;
    }

    /**
     * The fused diffusion kernel of order m with these weights on the operators' grid, built once per
     * operators instance and (order, depth, phi_c) and shared by every caller and thread.
     */
    static DiffusionKernel kernel(CGridOperators g, int order, boolean depth, double criticalLatitude) {
        return g.derived(new KernelKey(order, depth, criticalLatitude), DiffusionKernel.class,
                ops -> new DiffusionKernel(ops, order, depth, values(ops.grid(), criticalLatitude, false),
                        values(ops.grid(), criticalLatitude, true)));
    }

    /** What a diffusion kernel depends on besides the operators (NaN equals NaN in a record). */
    private record KernelKey(int order, boolean depth, double criticalLatitude) {
    }

    /** The smallest zonal spacing the scaled operator sees [m]. */
    public static double effectiveDx(Grid grid, double effectiveMinimumDx, double criticalLatitude) {
        if (grid instanceof LatLonGrid g && !Double.isNaN(criticalLatitude)) {
            return Math.max(effectiveMinimumDx, g.radius() * Math.cos(criticalLatitude) * g.dLambda());
        }
        return effectiveMinimumDx;
    }
}
