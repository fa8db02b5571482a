package org.ferrel.calibration.optim;

/**
 * What one ensemble member's forward run gave: its whitened residuals, or why it failed.
 *
 * @param residuals the residuals {@code r(θ)}, all finite; null when the run failed
 * @param failure   null when the run succeeded; otherwise what went wrong (exception, non-finite values)
 */
public record MemberOutcome(double[] residuals, String failure) {
    public MemberOutcome {
        if ((residuals == null) == (failure == null)) {
            throw new IllegalArgumentException("an outcome has either residuals or a failure");
        }
        if (residuals != null) {
            residuals = residuals.clone();
            if (!Vectors.allFinite(residuals)) {
                throw new IllegalArgumentException("residuals of a successful member must be finite");
            }
        }
    }

    public static MemberOutcome success(double[] residuals) {
        return new MemberOutcome(residuals, null);
    }

    public static MemberOutcome failed(String failure) {
        return new MemberOutcome(null, failure);
    }

    public boolean failed() {
        return failure != null;
    }

    @Override
    public double[] residuals() {
        return residuals == null ? null : residuals.clone();
    }

    /**
     * Runs one member: {@code problem.residuals(θ)}; any exception or non-finite residual is a failure
     * (the way every runner treats a member, so that runners agree).
     */
    public static MemberOutcome run(LeastSquaresProblem problem, double[] theta) {
        double[] r;
        try {
            r = problem.residuals(theta);
        } catch (RuntimeException e) {
            return failed(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        if (r == null) {
            return failed("no residuals (null)");
        }
        if (!Vectors.allFinite(r)) {
            return failed("non-finite residuals");
        }
        return success(r);
    }
}
