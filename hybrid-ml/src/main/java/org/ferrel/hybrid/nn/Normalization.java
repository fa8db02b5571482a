package org.ferrel.hybrid.nn;

import java.util.Arrays;
import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.Tensor;

/**
 * A fixed affine map per feature, {@code z = (x - mean) / scale}, fitted once from training
 * statistics and then held constant (it is part of the architecture, not a trained weight).
 *
 * @param mean  per-feature mean
 * @param scale per-feature scale (a standard deviation), positive
 */
public record Normalization(double[] mean, double[] scale) {
    public Normalization {
        if (mean.length != scale.length) {
            throw new IllegalArgumentException("normalization: " + mean.length + " means but " + scale.length + " scales");
        }
        for (int i = 0; i < scale.length; i++) {
            if (!(scale[i] > 0) || !Double.isFinite(scale[i]) || !Double.isFinite(mean[i])) {
                throw new IllegalArgumentException("normalization: feature " + i + " has mean " + mean[i] + " and scale "
                        + scale[i] + "; the scale must be positive and both finite");
            }
        }
        mean = mean.clone();
        scale = scale.clone();
    }

    /** No change: mean 0, scale 1 for {@code n} features. */
    public static Normalization identity(int n) {
        double[] ones = new double[n];
        Arrays.fill(ones, 1.0);
        return new Normalization(new double[n], ones);
    }

    /**
     * Mean and standard deviation of each feature over samples {@code [sample][feature]}. A feature
     * that never varies (all samples equal) gets scale 1, so it is only shifted: its standard
     * deviation would otherwise be the rounding error of the mean (about 1e-17 of its size), and
     * dividing by that would turn any later perturbation of the input into a huge feature value.
     *
     * @throws IllegalArgumentException for no samples, rows of different lengths, or a non-finite
     *                                  value (naming the sample and the feature)
     */
    public static Normalization fit(double[][] samples) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("normalization: no samples to fit");
        }
        int n = samples[0].length;
        double[] mean = new double[n];
        double[] scale = new double[n];
        double[] low = new double[n];
        double[] high = new double[n];
        Arrays.fill(low, Double.POSITIVE_INFINITY);
        Arrays.fill(high, Double.NEGATIVE_INFINITY);
        for (int b = 0; b < samples.length; b++) {
            double[] s = samples[b];
            if (s.length != n) {
                throw new IllegalArgumentException("normalization: sample 0 has " + n + " features, sample " + b + " has "
                        + s.length);
            }
            for (int i = 0; i < n; i++) {
                if (!Double.isFinite(s[i])) {
                    throw new IllegalArgumentException("normalization: sample " + b + ", feature " + i + " is " + s[i]);
                }
                mean[i] += s[i];
                low[i] = Math.min(low[i], s[i]);
                high[i] = Math.max(high[i], s[i]);
            }
        }
        for (int i = 0; i < n; i++) {
            mean[i] /= samples.length;
        }
        for (double[] s : samples) {
            for (int i = 0; i < n; i++) {
                double d = s[i] - mean[i];
                scale[i] += d * d;
            }
        }
        for (int i = 0; i < n; i++) {
            if (low[i] == high[i]) {
                mean[i] = low[i];
                scale[i] = 1.0;
            } else {
                double sd = Math.sqrt(scale[i] / samples.length);
                scale[i] = sd > 0 ? sd : 1.0;
            }
        }
        return new Normalization(mean, scale);
    }

    public int size() {
        return mean.length;
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] scale() {
        return scale.clone();
    }

    /** Whether this is the identity map. */
    public boolean isIdentity() {
        for (int i = 0; i < mean.length; i++) {
            if (mean[i] != 0 || scale[i] != 1) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code (x - mean) / scale} row-wise for x of shape [batch, size], computed as
     * {@code x (1 / scale) + (-mean / scale)}.
     */
    public Tensor normalize(Ops o, Tensor x) {
        if (isIdentity()) {
            return x;
        }
        double[] inverse = inverseScale();
        double[] shift = shift();
        return o.add(o.mul(x, o.constant(Shape.of(inverse.length), inverse)), o.constant(Shape.of(shift.length), shift));
    }

    /**
     * One row normalised into {@code out[offset ..]} with the same arithmetic as
     * {@link #normalize(Ops, Tensor)}, so that training data prepared with it and inputs normalised
     * by the network agree to the bit.
     */
    public void normalize(double[] row, double[] out, int offset) {
        if (row.length != mean.length) {
            throw new IllegalArgumentException("normalization of " + mean.length + " features given a row of " + row.length);
        }
        for (int i = 0; i < row.length; i++) {
            out[offset + i] = isIdentity() ? row[i] : row[i] * (1.0 / scale[i]) + -mean[i] / scale[i];
        }
    }

    private double[] inverseScale() {
        double[] inverse = new double[scale.length];
        for (int i = 0; i < inverse.length; i++) {
            inverse[i] = 1.0 / scale[i];
        }
        return inverse;
    }

    private double[] shift() {
        double[] shift = new double[scale.length];
        for (int i = 0; i < shift.length; i++) {
            shift[i] = -mean[i] / scale[i];
        }
        return shift;
    }

    /** {@code z scale + mean} row-wise for z of shape [batch, size]. */
    public Tensor denormalize(Ops o, Tensor z) {
        if (isIdentity()) {
            return z;
        }
        return o.add(o.mul(z, o.constant(Shape.of(scale.length), scale)), o.constant(Shape.of(mean.length), mean));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Normalization n && Arrays.equals(mean, n.mean) && Arrays.equals(scale, n.scale);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(scale);
    }

    @Override
    public String toString() {
        return "Normalization[mean=" + Arrays.toString(mean) + ", scale=" + Arrays.toString(scale) + "]";
    }
}
