package org.ferrel.gpu.opencl;
import org.ferrel.autodiff.Shape;

import org.ferrel.autodiff.loop.Cost;

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
