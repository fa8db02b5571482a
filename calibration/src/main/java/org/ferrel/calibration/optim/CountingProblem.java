package org.ferrel.calibration.optim;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link LeastSquaresProblem} that counts the runs made through it and otherwise passes every call
 * on unchanged. Optimizers wrap the caller's problem in one, so the counts in a {@link FitResult}
 * are what actually ran, not what an optimizer believes it asked for. Safe to call from several
 * threads (an ensemble evaluates members in parallel).
 *
 * <p>A run counts as failed when it throws or returns a non-finite value; the exception is passed on.
 */
public final class CountingProblem implements LeastSquaresProblem {
    private final LeastSquaresProblem problem;
    private final AtomicLong forwardRuns = new AtomicLong();
    private final AtomicLong jvps = new AtomicLong();
    private final AtomicLong vjps = new AtomicLong();
    private final AtomicLong failedRuns = new AtomicLong();

    public CountingProblem(LeastSquaresProblem problem) {
        this.problem = java.util.Objects.requireNonNull(problem, "problem");
    }

    /** The counts so far. */
    public EvaluationCounts counts() {
        return new EvaluationCounts(forwardRuns.get(), jvps.get(), vjps.get(), failedRuns.get());
    }

    /**
     * Counts a forward run of this problem made elsewhere (an ensemble member run on a cluster
     * executor by an {@link EnsembleRunner}), failed or not.
     */
    public void countForwardRun(boolean failed) {
        forwardRuns.incrementAndGet();
        if (failed) {
            failedRuns.incrementAndGet();
        }
    }

    @Override
    public void ranElsewhere(double[] theta, double[] residuals) {
        problem.ranElsewhere(theta, residuals);
    }

    /** The problem being counted. */
    public LeastSquaresProblem problem() {
        return problem;
    }

    @Override
    public List<String> parameterNames() {
        return problem.parameterNames();
    }

    @Override
    public int parameterCount() {
        return problem.parameterCount();
    }

    @Override
    public int residualCount() {
        return problem.residualCount();
    }

    @Override
    public double[] lower() {
        return problem.lower();
    }

    @Override
    public double[] upper() {
        return problem.upper();
    }

    @Override
    public double[] priorMean() {
        return problem.priorMean();
    }

    @Override
    public double[] priorSpread() {
        return problem.priorSpread();
    }

    @Override
    public double[] typicalScale() {
        return problem.typicalScale();
    }

    @Override
    public double[] residuals(double[] theta) {
        forwardRuns.incrementAndGet();
        return checked(() -> problem.residuals(theta));
    }

    @Override
    public double[] jvp(double[] theta, double[] v) {
        jvps.incrementAndGet();
        return checked(() -> problem.jvp(theta, v));
    }

    @Override
    public double[] vjp(double[] theta, double[] w) {
        vjps.incrementAndGet();
        return checked(() -> problem.vjp(theta, w));
    }

    private double[] checked(java.util.function.Supplier<double[]> run) {
        double[] result;
        try {
            result = run.get();
        } catch (RuntimeException e) {
            failedRuns.incrementAndGet();
            throw e;
        }
        if (!Vectors.allFinite(result)) {
            failedRuns.incrementAndGet();
        }
        return result;
    }
}
