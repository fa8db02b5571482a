package org.ferrel.calibration.optim;

/**
 * How many model runs of each kind a calibration used, as counted by a {@link CountingProblem}
 * around the problem (never by the optimizer itself).
 *
 * <p>What a run costs depends on the model: a tangent-linear (JVP) run typically costs 1.5-3
 * forward runs, an adjoint (VJP) run 2-5 plus its checkpointing recomputations. Callers turn these
 * counts into forward-run equivalents with their own measured ratios, {@link #forwardRunEquivalents}.
 *
 * @param forwardRuns calls of {@link LeastSquaresProblem#residuals}, failed ones included
 * @param jvps        calls of {@link LeastSquaresProblem#jvp} (tangent-linear runs)
 * @param vjps        calls of {@link LeastSquaresProblem#vjp} (adjoint runs)
 * @param failedRuns  calls of any of the three that failed: threw, or returned a non-finite value
 */
public record EvaluationCounts(long forwardRuns, long jvps, long vjps, long failedRuns) {
    public static final EvaluationCounts ZERO = new EvaluationCounts(0, 0, 0, 0);

    public EvaluationCounts {
        if (forwardRuns < 0 || jvps < 0 || vjps < 0 || failedRuns < 0) {
            throw new IllegalArgumentException("counts must be non-negative");
        }
    }

    /**
     * {@code forwardRuns + jvpCost · jvps + vjpCost · vjps}.
     *
     * @param jvpCost the cost of one JVP in forward runs (measured for the model at hand)
     * @param vjpCost the cost of one VJP in forward runs, checkpointing recomputation included
     */
    public double forwardRunEquivalents(double jvpCost, double vjpCost) {
        return forwardRuns + jvpCost * jvps + vjpCost * vjps;
    }

    /** The runs done since {@code earlier} (an earlier snapshot of the same counter). */
    public EvaluationCounts minus(EvaluationCounts earlier) {
        return new EvaluationCounts(forwardRuns - earlier.forwardRuns, jvps - earlier.jvps,
                vjps - earlier.vjps, failedRuns - earlier.failedRuns);
    }
}
