package org.ferrel.gpu.opencl;

import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.loop.Cost;
import org.ferrel.dycore.cases.InitialCondition;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.dycore.grid.Location;

/**
 * A cost of the final depth: the weighted mean square anomaly
 * {@code J = sum_k w_k (h_k - reference)^2 / sum_k w_k} [m^2], in the form the Java time loop
 * records ({@link #finalCost}) and in host arrays for a device run ({@link #value}, {@link #gradient}).
 *
 * @param weight    w at the centres [ny * nx] (e.g. 1 over a region, 0 elsewhere)
 * @param reference the reference depth [m]
 */
public record DepthMisfit(Shape shape, double[] weight, double reference) {
    public DepthMisfit {
        if (weight.length != shape.size()) {
            throw new IllegalArgumentException("misfit weight has " + weight.length + " values, the grid " + shape
                    + " needs " + shape.size());
        }
        weight = weight.clone();
        if (!(weightSum(weight) > 0)) {
            throw new IllegalArgumentException("misfit weights must have a positive sum, got " + weightSum(weight));
        }
    }

    private static double weightSum(double[] w) {
        double s = 0;
        for (double x : w) {
            s += x;
        }
        return s;
    }

    /**
     * Case 5's mean square depth anomaly over the mountain's quadrant (longitude 180..360, latitude
     * 0..60 degrees) against 5000 m, as the dycore's case 5 gradient tests.
     */
    public static DepthMisfit mountainQuadrant(LatLonGrid grid) {
        double[] weight = InitialCondition.sample(grid, Location.CENTER,
                (lon, lat) -> lon >= Math.PI && lat >= 0 && lat <= Math.PI / 3 ? 1.0 : 0.0);
        return new DepthMisfit(grid.shape(), weight, 5000.0);
    }

    /** The sum of the weights. */
    public double count() {
        return weightSum(weight);
    }

    /** The cost as the Java time loop evaluates it: the state is (h, u, v). */
    public Cost.FinalCost finalCost() {
        double inverseCount = 1.0 / count();
        return (q, s, p) -> q.mul(q.sum(q.mul(q.constant(shape, weight), q.square(q.sub(s[0], q.scalar(reference))))),
                inverseCount);
    }

    /** J at the depth h. */
    public double value(double[] h) {
        double s = 0;
        for (int k = 0; k < h.length; k++) {
            double d = h[k] - reference;
            s += weight[k] * (d * d);
        }
        return s * (1.0 / count());
    }

    /** dJ/dh at the depth h, into {@code out}: {@code 2 (h - reference) w / sum w}. */
    public void gradient(double[] h, double[] out) {
        double inverseCount = 1.0 / count();
        for (int k = 0; k < h.length; k++) {
            out[k] = 2.0 * (h[k] - reference) * (weight[k] * inverseCount);
        }
    }
}
