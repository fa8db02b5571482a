package org.ferrel.calibration.optim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The bookkeeping of one calibration, shared by the optimizers: the caller's problem checked and
 * wrapped in a {@link CountingProblem}, the {@link Scaling} around the start, the box and prior in
 * scaled coordinates ξ, evaluation of cost and gradient in ξ, the history, and the final
 * {@link FitResult} in physical units.
 */
final class FitContext {
    final String method;
    final CountingProblem counted;
    final Scaling scaling;
    final List<String> names;
    final int parameterCount;
    final int residualCount;
    /** The box in ξ. */
    final double[] lower;
    final double[] upper;
    /** The prior in ξ: mean (NaN where none), spread (+infinity where none). */
    final double[] priorMean;
    final double[] priorSpread;
    private final double[] physicalLower;
    private final double[] physicalUpper;
    private final List<Iterate> history = new ArrayList<>();
    private int backtracks;
    /** The cost at the caller's start when the history does not begin there (ensemble methods); null otherwise. */
    private Cost startCost;
    private Point lastFailedTrial;

    /** A point in ξ with its residuals and cost; {@code failure} is non-null when its run failed. */
    record Point(double[] xi, double[] residuals, Cost cost, String failure) {
        boolean failed() {
            return failure != null;
        }

        double value() {
            return cost.total();
        }
    }

    FitContext(String method, LeastSquaresProblem problem, double[] start) {
        this.method = method;
        this.counted = new CountingProblem(problem);
        this.names = List.copyOf(problem.parameterNames());
        int n = names.size();
        if (n == 0) {
            throw new IllegalArgumentException("the problem has no parameters");
        }
        this.parameterCount = n;
        this.residualCount = problem.residualCount();
        if (residualCount < 0) {
            throw new IllegalArgumentException("negative residual count " + residualCount);
        }
        double[] lo = lengthChecked("lower bounds", problem.lower(), n);
        double[] hi = lengthChecked("upper bounds", problem.upper(), n);
        double[] mean = lengthChecked("prior means", problem.priorMean(), n);
        double[] spread = lengthChecked("prior spreads", problem.priorSpread(), n);
        double[] typical = lengthChecked("typical scales", problem.typicalScale(), n);
        lengthChecked("start", start, n);
        for (int i = 0; i < n; i++) {
            String name = "'" + names.get(i) + "'";
            if (Double.isNaN(lo[i]) || Double.isNaN(hi[i]) || lo[i] > hi[i]) {
                throw new IllegalArgumentException("bounds of " + name + " are not an interval: [" + lo[i] + ", " + hi[i] + "]");
            }
            if (!(spread[i] > 0)) {
                throw new IllegalArgumentException("prior spread of " + name + " must be positive (+infinity for none), got " + spread[i]);
            }
            if (Double.isFinite(spread[i]) && !Double.isFinite(mean[i])) {
                throw new IllegalArgumentException("prior mean of " + name + " must be finite, got " + mean[i]);
            }
            if (Double.isFinite(spread[i]) && (mean[i] < lo[i] || mean[i] > hi[i])) {
                throw new IllegalArgumentException("prior of " + name + " (mean " + mean[i] + ", spread " + spread[i]
                        + ") has its mean outside the bounds [" + lo[i] + ", " + hi[i] + "]");
            }
            if (!(typical[i] > 0) || !Double.isFinite(typical[i])) {
                throw new IllegalArgumentException("typical scale of " + name + " must be positive and finite, got " + typical[i]);
            }
            if (!Double.isFinite(start[i]) || start[i] < lo[i] || start[i] > hi[i]) {
                throw new IllegalArgumentException("start value " + start[i] + " of " + name + " is outside its bounds ["
                        + lo[i] + ", " + hi[i] + "]");
            }
        }
        this.scaling = new Scaling(start, typical);
        this.physicalLower = lo;
        this.physicalUpper = hi;
        this.lower = scaling.toScaled(lo);
        this.upper = scaling.toScaled(hi);
        this.priorMean = new double[n];
        this.priorSpread = new double[n];
        for (int i = 0; i < n; i++) {
            boolean informative = Double.isFinite(spread[i]);
            priorMean[i] = informative ? (mean[i] - start[i]) / typical[i] : Double.NaN;
            priorSpread[i] = informative ? spread[i] / typical[i] : Double.POSITIVE_INFINITY;
        }
    }

    private static double[] lengthChecked(String what, double[] values, int n) {
        if (values == null || values.length != n) {
            throw new IllegalArgumentException(what + ": expected " + n + " values, got "
                    + (values == null ? "null" : String.valueOf(values.length)));
        }
        return values.clone();
    }

    /** θ of ξ, kept inside the physical box (rounding of θ₀ + Dξ at a bound). */
    double[] theta(double[] xi) {
        return Vectors.project(scaling.toPhysical(xi), physicalLower, physicalUpper);
    }

    double[] project(double[] xi) {
        return Vectors.project(xi, lower, upper);
    }

    boolean hasPrior(int i) {
        return Double.isFinite(priorSpread[i]);
    }

    /**
     * One forward run at ξ. A run that throws ({@link LeastSquaresProblem.ModelFailure} or any other
     * runtime exception of the model, e.g. a solver's) or gives non-finite residuals is a failed point,
     * whose {@code failure} says why.
     */
    Point evaluate(double[] xi) {
        double[] r;
        try {
            r = counted.residuals(theta(xi));
        } catch (LeastSquaresProblem.ModelFailure e) {
            return new Point(xi.clone(), null, Cost.FAILED, "model failure: " + e.getMessage());
        } catch (RuntimeException e) {
            return new Point(xi.clone(), null, Cost.FAILED, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        if (r == null || r.length != residualCount) {
            throw new IllegalStateException("the problem returned " + (r == null ? "null" : r.length + " residuals")
                    + ", it declares " + residualCount);
        }
        if (!Vectors.allFinite(r)) {
            return new Point(xi.clone(), r.clone(), Cost.FAILED, "non-finite residuals");
        }
        return new Point(xi.clone(), r.clone(), Cost.of(r, xi, priorMean, priorSpread), null);
    }

    /**
     * {@code J(from) - J(to)}, computed as {@code ½ Σ (r - r')(r + r')} (and likewise for the prior
     * terms) rather than as a difference of two costs: near a minimum, where the two costs agree to
     * most of their digits, this keeps the decrease accurate to rounding of {@code r - r'} instead of
     * rounding of {@code |r|²}, so steps keep being judged correctly down to parameter changes of
     * order ε instead of √ε. -infinity when {@code to} failed.
     */
    double decrease(Point from, Point to) {
        if (to.failed()) {
            return Double.NEGATIVE_INFINITY;
        }
        double sum = 0;
        double[] r = from.residuals();
        double[] rt = to.residuals();
        for (int i = 0; i < r.length; i++) {
            sum += (r[i] - rt[i]) * (r[i] + rt[i]);
        }
        for (int i = 0; i < parameterCount; i++) {
            if (hasPrior(i)) {
                double z = (from.xi()[i] - priorMean[i]) / priorSpread[i];
                double zt = (to.xi()[i] - priorMean[i]) / priorSpread[i];
                sum += (z - zt) * (z + zt);
            }
        }
        return 0.5 * sum;
    }

    /** The start's run; a failure there ends the calibration before it begins. */
    Point evaluateStart(double[] xi) {
        Point p = evaluate(xi);
        if (p.failed()) {
            throw new CalibrationFailure(method + ": the run at the start point " + Arrays.toString(theta(xi))
                    + " failed (" + p.failure() + ")");
        }
        return p;
    }

    /**
     * The gradient of J in ξ at an evaluated point, one adjoint run:
     * {@code ∇_ξ J = D Jᵀ r + (ξ - μ_ξ) / s_ξ²}. Null when the adjoint run fails (throws, or gives
     * non-finite values).
     */
    double[] gradient(Point p) {
        double[] g;
        double[] jtw;
        try {
            jtw = counted.vjp(theta(p.xi()), p.residuals());
        } catch (RuntimeException e) {
            return null;
        }
        g = checkedVjp(jtw);
        if (!Vectors.allFinite(g)) {
            return null;
        }
        for (int i = 0; i < parameterCount; i++) {
            if (hasPrior(i)) {
                g[i] += (p.xi()[i] - priorMean[i]) / (priorSpread[i] * priorSpread[i]);
            }
        }
        return g;
    }

    /** The gradient at the start, which must exist. */
    double[] gradientAtStart(Point p) {
        double[] g = gradient(p);
        if (g == null) {
            throw new CalibrationFailure(method + ": the adjoint run at the start point " + Arrays.toString(theta(p.xi()))
                    + " failed (threw or gave non-finite values)");
        }
        return g;
    }

    /** {@code (∂r/∂ξ) v = J D v}, one tangent-linear run. */
    double[] jvp(double[] xi, double[] v) {
        double[] jv = counted.jvp(theta(xi), scaling.toPhysicalDirection(v));
        if (jv == null || jv.length != residualCount) {
            throw new IllegalStateException("the problem's JVP returned " + (jv == null ? "null" : jv.length + " values")
                    + ", it declares " + residualCount + " residuals");
        }
        return jv;
    }

    /** {@code (∂r/∂ξ)ᵀ w = D Jᵀ w}, one adjoint run. */
    double[] vjp(double[] xi, double[] w) {
        return checkedVjp(counted.vjp(theta(xi), w));
    }

    private double[] checkedVjp(double[] jtw) {
        if (jtw == null || jtw.length != parameterCount) {
            throw new IllegalStateException("the problem's VJP returned " + (jtw == null ? "null" : jtw.length + " values")
                    + ", it has " + parameterCount + " parameters");
        }
        return scaling.toPhysicalDirection(jtw);
    }

    /** A JVP that must succeed (inside a linear solve at an accepted point). */
    double[] jvpRequired(double[] xi, double[] v) {
        double[] jv = jvp(xi, v);
        if (!Vectors.allFinite(jv)) {
            throw new CalibrationFailure(method + ": the tangent-linear run at " + Arrays.toString(theta(xi))
                    + " gave non-finite values although the forward run there succeeded");
        }
        return jv;
    }

    /** A VJP that must succeed (inside a linear solve at an accepted point). */
    double[] vjpRequired(double[] xi, double[] w) {
        double[] g = vjp(xi, w);
        if (!Vectors.allFinite(g)) {
            throw new CalibrationFailure(method + ": the adjoint run at " + Arrays.toString(theta(xi))
                    + " gave non-finite values although the forward run there succeeded");
        }
        return g;
    }

    /** Adds an entry to the history (iteration 0 is the start). */
    void record(int iteration, double[] xi, Cost cost) {
        history.add(new Iterate(iteration, theta(xi), cost, counted.counts()));
    }

    EvaluationCounts counts() {
        return counted.counts();
    }

    /**
     * The result when a gradient method should stop at the start of an iteration — projected gradient
     * small enough, iterations or forward runs used up — or null to go on.
     */
    FitResult stopIfDone(double[] xi, Cost cost, int iteration, double projectedGradient, double tolerance, int maxIterations,
                         int maxEvaluations) {
        if (projectedGradient <= tolerance) {
            return finish(xi, cost, iteration, StopReason.PROJECTED_GRADIENT, String.format(java.util.Locale.ROOT,
                    "projected gradient %.3e <= %.3e after %d iterations", projectedGradient, tolerance, iteration));
        }
        if (iteration >= maxIterations) {
            return finish(xi, cost, iteration, StopReason.MAX_ITERATIONS, String.format(java.util.Locale.ROOT,
                    "%d iterations done, projected gradient %.3e", iteration, projectedGradient));
        }
        if (counts().forwardRuns() >= maxEvaluations) {
            return finish(xi, cost, iteration, StopReason.MAX_EVALUATIONS, String.format(java.util.Locale.ROOT,
                    "%d forward runs done, projected gradient %.3e", counts().forwardRuns(), projectedGradient));
        }
        return null;
    }

    /**
     * The cost at the caller's start point, for methods whose history does not begin there (the
     * ensemble's mean is not the start): a final cost above it is warned about as well.
     */
    void startCost(Cost cost) {
        this.startCost = cost;
    }

    /** Notes that a line search shortened its step because the trial at {@code failed} did not run. */
    void backtracked(Point failed) {
        backtracks++;
        lastFailedTrial = failed;
    }

    int backtracks() {
        return backtracks;
    }

    /** The last trial point whose run failed (null when none). */
    Point lastFailedTrial() {
        return lastFailedTrial;
    }

    /** {@code name=value} of every parameter at ξ, for messages. */
    String describe(double[] xi) {
        double[] t = theta(xi);
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < t.length; i++) {
            b.append(i > 0 ? ", " : "").append(names.get(i)).append('=').append(t[i]);
        }
        return b.append(']').toString();
    }

    /**
     * The result. A cost above the first history entry's (or a failed one) adds a warning to the
     * result ({@link FitResult#endedWorseThanStart()}).
     */
    FitResult finish(double[] xi, Cost cost, int iterations, StopReason reason, String message) {
        List<String> warnings = new ArrayList<>();
        boolean worse = true;
        if (!history.isEmpty() && !(cost.total() <= history.get(0).cost().total())) {
            warnings.add(String.format(java.util.Locale.ROOT,
                    "%s ended with cost %.6g, worse than its start's %.6g (iteration 0): the fit did not improve on its start",
                    method, cost.total(), history.get(0).cost().total()));
        } else if (startCost != null && !(cost.total() <= startCost.total())) {
            warnings.add(String.format(java.util.Locale.ROOT,
                    "%s ended with cost %.6g, worse than %.6g at the start point %s: the fit did not improve on its start",
                    method, cost.total(), startCost.total(), Arrays.toString(scaling.toPhysical(new double[parameterCount]))));
        } else {
            worse = false;
        }
        String full = backtracks == 0 ? message : message + String.format(java.util.Locale.ROOT,
                "; %d trial steps shortened after failed runs (the last: %s at %s)", backtracks,
                lastFailedTrial.failure(), describe(lastFailedTrial.xi()));
        return new FitResult(method, names, theta(xi), cost, iterations, counted.counts(), reason, full, history,
                backtracks, worse, warnings);
    }
}
