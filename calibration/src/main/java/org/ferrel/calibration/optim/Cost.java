package org.ferrel.calibration.optim;

/**
 * The two parts of the calibration cost at a point,
 * <pre>
 *   J(θ) = misfit + prior,   misfit = ½ |r(θ)|²,   prior = ½ Σ_i ((θ_i - μ_i) / s_i)²
 * </pre>
 * (prior terms only where the spread {@code s_i} is finite). A failed run has an infinite misfit.
 *
 * @param misfit ½ |r|², the whitened observation misfit (dimensionless); +infinity for a failed run
 * @param prior  ½ Σ ((θ - μ) / s)², the prior penalty (dimensionless)
 */
public record Cost(double misfit, double prior) {
    /** The cost of a run that failed (blew up, NaN): +infinity. */
    public static final Cost FAILED = new Cost(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);

    public Cost {
        if (Double.isNaN(misfit) || Double.isNaN(prior) || misfit < 0 || prior < 0) {
            throw new IllegalArgumentException("cost parts must be non-negative, got misfit " + misfit
                    + " and prior " + prior);
        }
    }

    /** {@code misfit + prior}. */
    public double total() {
        return misfit + prior;
    }

    /** Whether the run behind this cost succeeded (a finite cost). */
    public boolean isFinite() {
        return Double.isFinite(misfit) && Double.isFinite(prior);
    }

    /**
     * The cost of residuals {@code r} at θ for a problem's prior.
     *
     * @param residuals whitened residuals; any non-finite entry gives {@link #FAILED}
     */
    public static Cost of(double[] residuals, double[] theta, double[] priorMean, double[] priorSpread) {
        double misfit = 0;
        for (double r : residuals) {
            if (!Double.isFinite(r)) {
                return FAILED;
            }
            misfit += r * r;
        }
        double prior = 0;
        for (int i = 0; i < theta.length; i++) {
            if (Double.isFinite(priorSpread[i])) {
                double z = (theta[i] - priorMean[i]) / priorSpread[i];
                prior += z * z;
            }
        }
        return new Cost(0.5 * misfit, 0.5 * prior);
    }
}
