package org.ferrel.calibration.optim;

/**
 * The affine change of variables the optimizers search in,
 * <pre>
 *   ξ_i = (θ_i - θ₀_i) / D_i,   θ_i = θ₀_i + D_i ξ_i,
 * </pre>
 * with θ₀ the start and {@code D} the problem's {@link LeastSquaresProblem#typicalScale()}.
 * Parameters of a calibration differ by ten orders of magnitude (a drag rate of 1e-6 1/s, a time
 * scale of 1e6 s, a coefficient of 100 m); in ξ each varies by about one, so gradient norms,
 * tolerances, trust regions, damping and ensemble spreads mean the same for all of them. The
 * derivatives transform as {@code ∂r/∂ξ = J D} (a JVP of {@code D v}) and {@code ∇_ξ J = D ∇_θ J}.
 *
 * @param origin θ₀, physical units
 * @param scale  D, positive and finite, physical units
 */
public record Scaling(double[] origin, double[] scale) {
    public Scaling {
        origin = origin.clone();
        scale = scale.clone();
        if (origin.length != scale.length) {
            throw new IllegalArgumentException(origin.length + " origins for " + scale.length + " scales");
        }
        for (int i = 0; i < scale.length; i++) {
            if (!(scale[i] > 0) || !Double.isFinite(scale[i])) {
                throw new IllegalArgumentException("typical scale " + i + " must be positive and finite, got " + scale[i]);
            }
        }
    }

    @Override
    public double[] origin() {
        return origin.clone();
    }

    @Override
    public double[] scale() {
        return scale.clone();
    }

    /** ξ of θ. */
    public double[] toScaled(double[] theta) {
        double[] xi = new double[theta.length];
        for (int i = 0; i < xi.length; i++) {
            xi[i] = (theta[i] - origin[i]) / scale[i];
        }
        return xi;
    }

    /** θ of ξ. */
    public double[] toPhysical(double[] xi) {
        double[] theta = new double[xi.length];
        for (int i = 0; i < xi.length; i++) {
            theta[i] = origin[i] + scale[i] * xi[i];
        }
        return theta;
    }

    /** A direction in ξ as a direction in θ: {@code D v}. */
    public double[] toPhysicalDirection(double[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = scale[i] * v[i];
        }
        return d;
    }
}
