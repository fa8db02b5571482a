package org.ferrel.calibration.optim;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.hipparchus.exception.LocalizedCoreFormats;
import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.exception.MathRuntimeException;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.hipparchus.optim.ConvergenceChecker;
import org.hipparchus.optim.LocalizedOptimFormats;
import org.hipparchus.optim.nonlinear.vector.leastsquares.GaussNewtonOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresProblem.Evaluation;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.ValueAndJacobianFunction;
import org.hipparchus.util.Pair;

/**
 * Gauss-Newton or Levenberg-Marquardt from Hipparchus on the augmented residual vector
 * <pre>
 *   ρ(ξ) = [ r(θ(ξ)) ; (ξ_i - μ_i) / s_i for parameters with a prior ],   J(θ) = ½|ρ|²
 * </pre>
 * in scaled coordinates ξ ({@link Scaling}), with the Jacobian formed column by column from n JVPs
 * ({@code ∂ρ/∂ξ_j = J D e_j}, prior rows {@code 1/s_j} on the diagonal). Each Gauss-Newton step
 * solves {@code min |ρ + (∂ρ/∂ξ) δ|} (QR of the Jacobian); Levenberg-Marquardt is MINPACK's
 * trust-region variant (Moré 1978, "The Levenberg-Marquardt algorithm: implementation and theory",
 * Lecture Notes in Mathematics 630). The problem is built with Hipparchus' {@link LeastSquaresBuilder}
 * with lazy evaluation (the Jacobian is only formed at accepted points) and a cache so that a point
 * is run once however often Hipparchus asks for it.
 *
 * <p><b>Bounds</b> are handled by projection with active-set restarts. Within a run, a
 * {@code ParameterValidator} maps each trial point to the nearest point of the box before it is
 * evaluated, and Hipparchus continues from the projected point. Projection alone stalls short of a
 * constrained minimum (the trust-region model and the Gauss-Newton step assume the unprojected
 * step, so the free parameters are solved for a move of the bounded ones that does not happen).
 * So when a run ends, the parameters on a bound whose gradient component
 * {@code g_i = (∂ρ/∂ξ_i)ᵀρ} points out of the box (one JVP each) are fixed there, and Hipparchus is
 * restarted on the remaining ones; this repeats until the set of fixed parameters no longer changes
 * (a parameter whose gradient points back into the box is released), at most n + 2 runs. A run is
 * ended early, for this check, when the same parameters have stayed on bounds for two accepted
 * iterations; if the check then fixes no new parameter, the run is repeated to convergence. The result
 * then satisfies the first-order (KKT) conditions to the tolerances of the last run. With many
 * active bounds, prefer {@link BoundedLbfgs} or {@link MatrixFreeGaussNewton}, which move the
 * active set every iteration.
 *
 * <p><b>Failed runs</b> (non-finite residuals, {@link LeastSquaresProblem.ModelFailure}) give a residual
 * vector of NaN: Levenberg-Marquardt rejects the step and shrinks its trust region; plain
 * Gauss-Newton has no safeguard and stops with a {@link CalibrationFailure}.
 *
 * <p><b>Cost per iteration</b>: one forward run per trial step and n JVPs per accepted point (no VJP),
 * plus one JVP per parameter on a bound each time a run ends (the active-set check).
 *
 * @param method                     {@link Method#LEVENBERG_MARQUARDT} or {@link Method#GAUSS_NEWTON}
 * @param maxIterations              Hipparchus iterations at most
 * @param maxEvaluations             forward runs at most
 * @param costRelativeTolerance      LM: MINPACK's {@code ftol} (relative reduction of |ρ|, actual and
 *                                   predicted); GN: stop when {@code |J_k - J_{k+1}| ≤ tol · J_k}
 * @param parameterRelativeTolerance LM: MINPACK's {@code xtol} (trust region relative to |ξ| scaled
 *                                   by column norms); GN: stop when {@code max|Δξ| ≤ tol} (ξ in typical scales)
 */
public record HipparchusLeastSquares(Method method, int maxIterations, int maxEvaluations,
                                     double costRelativeTolerance, double parameterRelativeTolerance)
        implements Optimizer {

    /** Which Hipparchus optimizer. */
    public enum Method {
        /** {@code LevenbergMarquardtOptimizer} (MINPACK lmder). */
        LEVENBERG_MARQUARDT,
        /** {@code GaussNewtonOptimizer} with a QR decomposition of the Jacobian, no damping. */
        GAUSS_NEWTON
    }

    public HipparchusLeastSquares {
        java.util.Objects.requireNonNull(method, "method");
        if (maxIterations < 1 || maxEvaluations < 1) {
            throw new IllegalArgumentException("maxIterations and maxEvaluations must be >= 1");
        }
        if (!(costRelativeTolerance > 0) || !(parameterRelativeTolerance > 0)) {
            throw new IllegalArgumentException("tolerances must be positive");
        }
    }

    /** Levenberg-Marquardt, 100 iterations, 1000 forward runs, tolerances 1e-10 (Hipparchus' defaults). */
    public static HipparchusLeastSquares levenbergMarquardt() {
        return new HipparchusLeastSquares(Method.LEVENBERG_MARQUARDT, 100, 1000, 1e-10, 1e-10);
    }

    /** Gauss-Newton, 100 iterations, 1000 forward runs, tolerances 1e-10. */
    public static HipparchusLeastSquares gaussNewton() {
        return new HipparchusLeastSquares(Method.GAUSS_NEWTON, 100, 1000, 1e-10, 1e-10);
    }

    public HipparchusLeastSquares withMaxIterations(int n) {
        return new HipparchusLeastSquares(method, n, maxEvaluations, costRelativeTolerance, parameterRelativeTolerance);
    }

    public HipparchusLeastSquares withMaxEvaluations(int n) {
        return new HipparchusLeastSquares(method, maxIterations, n, costRelativeTolerance, parameterRelativeTolerance);
    }

    public HipparchusLeastSquares withCostRelativeTolerance(double tol) {
        return new HipparchusLeastSquares(method, maxIterations, maxEvaluations, tol, parameterRelativeTolerance);
    }

    public HipparchusLeastSquares withParameterRelativeTolerance(double tol) {
        return new HipparchusLeastSquares(method, maxIterations, maxEvaluations, costRelativeTolerance, tol);
    }

    @Override
    public FitResult minimize(LeastSquaresProblem problem, double[] start) {
        String name = method == Method.LEVENBERG_MARQUARDT ? "Levenberg-Marquardt (Hipparchus)" : "Gauss-Newton (Hipparchus)";
        FitContext ctx = new FitContext(name, problem, start);
        int n = ctx.parameterCount;
        Points points = new Points(ctx);
        double[] x = new double[n];
        FitContext.Point startPoint = ctx.evaluateStart(x);
        points.remember(startPoint);
        ctx.record(0, x, startPoint.cost());
        Progress progress = new Progress(ctx, points, startPoint);
        boolean[] fixed = new boolean[n];
        boolean allowEarlyEnd = true;
        Round round = null;
        for (int k = 0; k <= n + 1; k++) {
            round = runRound(ctx, points, progress, fixed, round == null ? x : round.point().xi(), allowEarlyEnd);
            if (round.terminal()) {
                break;
            }
            boolean[] active = activeBounds(ctx, round.point());
            if (!Arrays.equals(active, fixed)) {
                fixed = active;
                allowEarlyEnd = true;
                boolean allFixed = true;
                for (boolean b : active) {
                    allFixed &= b;
                }
                if (allFixed) {
                    round = new Round(round.point(), StopReason.PROJECTED_GRADIENT,
                            "every parameter is on a bound with its gradient pointing out of the box", false, false);
                    break;
                }
                continue;
            }
            if (round.provisional()) {
                allowEarlyEnd = false; // same active set: finish this one to Hipparchus' tolerances
                continue;
            }
            break;
        }
        FitContext.Point p = round.point();
        if (round.provisional()) {
            return ctx.finish(p.xi(), p.cost(), progress.accepted, StopReason.MAX_ITERATIONS,
                    "the set of parameters on bounds did not settle within " + (n + 2) + " runs");
        }
        return ctx.finish(p.xi(), p.cost(), progress.accepted, round.reason(), round.message());
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }

    /**
     * How a Hipparchus run ended: terminal when a budget is spent (no restart then), provisional when
     * it was ended early because the same parameters stayed on bounds for two accepted iterations.
     */
    private record Round(FitContext.Point point, StopReason reason, String message, boolean terminal, boolean provisional) {
    }

    /** One Hipparchus run over the parameters not fixed, from x. */
    private Round runRound(FitContext ctx, Points points, Progress progress, boolean[] fixed, double[] x,
                           boolean allowEarlyEnd) {
        long remainingEvaluations = maxEvaluations - ctx.counts().forwardRuns();
        int remainingIterations = maxIterations - progress.accepted;
        if (remainingEvaluations <= 0 || remainingIterations <= 0) {
            return new Round(progress.lastPoint, remainingEvaluations <= 0 ? StopReason.MAX_EVALUATIONS : StopReason.MAX_ITERATIONS,
                    remainingEvaluations <= 0 ? "forward-run budget " + maxEvaluations + " spent"
                            : "iteration budget " + maxIterations + " spent", true, false);
        }
        Model model = new Model(ctx, points, fixed, x);
        progress.startRound(model, allowEarlyEnd);
        double[] lo = model.restrict(ctx.lower);
        double[] hi = model.restrict(ctx.upper);
        LeastSquaresBuilder builder = new LeastSquaresBuilder()
                .start(model.restrict(x))
                .model(model)
                .target(new double[model.rows])
                .lazyEvaluation(true)
                .maxIterations(remainingIterations)
                .maxEvaluations((int) Math.min(Integer.MAX_VALUE, remainingEvaluations))
                .parameterValidator(z -> new ArrayRealVector(Vectors.project(z.toArray(), lo, hi)))
                .checker(progress);
        LeastSquaresOptimizer optimizer = method == Method.LEVENBERG_MARQUARDT
                ? new LevenbergMarquardtOptimizer()
                        .withCostRelativeTolerance(costRelativeTolerance)
                        .withParameterRelativeTolerance(parameterRelativeTolerance)
                : new GaussNewtonOptimizer();
        String name = ctx.method;
        try {
            LeastSquaresOptimizer.Optimum optimum = optimizer.optimize(builder.build());
            FitContext.Point p = points.point(model.expand(optimum.getPoint().toArray()));
            if (p.failed()) {
                throw new CalibrationFailure(name + ": ended at a point whose run failed (" + p.failure() + ")");
            }
            if (!Arrays.equals(progress.lastPoint.xi(), p.xi())) {
                progress.accept(p);
            }
            if (progress.endedEarly) {
                return new Round(p, StopReason.SOLVER_TOLERANCE, "parameters on bounds identified", false, true);
            }
            if (progress.converged) {
                return new Round(p, progress.reason, progress.message, false, false);
            }
            return new Round(p, StopReason.SOLVER_TOLERANCE, format(
                    "Hipparchus' convergence test met after %d iterations (cost tolerance %.1e, parameter tolerance %.1e)%s",
                    progress.accepted, costRelativeTolerance, parameterRelativeTolerance, model.fixedNote()), false, false);
        } catch (MathIllegalStateException e) {
            FitContext.Point last = progress.lastPoint;
            if (e.getSpecifier() == LocalizedCoreFormats.MAX_COUNT_EXCEEDED) {
                boolean evaluations = ctx.counts().forwardRuns() >= maxEvaluations;
                return new Round(last, evaluations ? StopReason.MAX_EVALUATIONS : StopReason.MAX_ITERATIONS,
                        evaluations ? "forward-run budget " + maxEvaluations + " spent" : "iteration budget " + maxIterations + " spent",
                        true, false);
            }
            if (e.getSpecifier() == LocalizedOptimFormats.TOO_SMALL_COST_RELATIVE_TOLERANCE
                    || e.getSpecifier() == LocalizedOptimFormats.TOO_SMALL_PARAMETERS_RELATIVE_TOLERANCE
                    || e.getSpecifier() == LocalizedOptimFormats.TOO_SMALL_ORTHOGONALITY_TOLERANCE) {
                return new Round(last, StopReason.SOLVER_TOLERANCE,
                        "no further reduction possible at machine precision (" + e.getMessage() + ")" + model.fixedNote(), false, false);
            }
            throw new CalibrationFailure(name + " failed after " + progress.accepted + " iterations: " + e.getMessage(), e);
        } catch (MathRuntimeException e) {
            throw new CalibrationFailure(name + " failed after " + progress.accepted + " iterations: " + e.getMessage(), e);
        } catch (RoundFailure e) {
            throw new CalibrationFailure(name + ": " + e.getMessage(), e);
        }
    }

    /**
     * The parameters on a bound whose gradient component {@code (∂ρ/∂ξ_i)ᵀρ} points out of the box
     * (one JVP for each parameter on a bound).
     */
    private static boolean[] activeBounds(FitContext ctx, FitContext.Point p) {
        double[] x = p.xi();
        boolean[] active = new boolean[x.length];
        for (int i = 0; i < x.length; i++) {
            boolean atLower = x[i] <= ctx.lower[i];
            boolean atUpper = x[i] >= ctx.upper[i];
            if (!atLower && !atUpper) {
                continue;
            }
            double[] e = new double[x.length];
            e[i] = 1;
            double g;
            try {
                g = Vectors.dot(ctx.jvpRequired(x, e), p.residuals());
            } catch (LeastSquaresProblem.ModelFailure failure) {
                throw new CalibrationFailure(ctx.method + ": the tangent-linear run for '" + ctx.names.get(i)
                        + "' failed at an accepted point: " + failure.getMessage(), failure);
            }
            if (ctx.hasPrior(i)) {
                g += (x[i] - ctx.priorMean[i]) / (ctx.priorSpread[i] * ctx.priorSpread[i]);
            }
            active[i] = (atLower && g > 0) || (atUpper && g < 0);
        }
        return active;
    }

    /** Records each accepted iterate and, for Gauss-Newton, tests convergence. */
    private final class Progress implements ConvergenceChecker<Evaluation> {
        private final FitContext ctx;
        private final Points points;
        private Model model;
        FitContext.Point lastPoint;
        int accepted;
        boolean converged;
        StopReason reason;
        String message;
        private boolean allowEarlyEnd;
        boolean endedEarly;
        private boolean[] boundMask;
        private int boundStreak;

        Progress(FitContext ctx, Points points, FitContext.Point start) {
            this.ctx = ctx;
            this.points = points;
            this.lastPoint = start;
        }

        void startRound(Model m, boolean allowEarly) {
            model = m;
            allowEarlyEnd = allowEarly;
            endedEarly = false;
            boundMask = null;
            boundStreak = 0;
            converged = false;
            reason = null;
            message = null;
        }

        void accept(FitContext.Point p) {
            accepted++;
            lastPoint = p;
            ctx.record(accepted, p.xi(), p.cost());
        }

        /**
         * Whether the same non-empty set of this run's free parameters is on bounds for the second
         * accepted iteration in a row.
         */
        private boolean onSameBounds(double[] xi) {
            boolean[] mask = new boolean[xi.length];
            boolean any = false;
            for (int i : model.free) {
                mask[i] = xi[i] <= ctx.lower[i] || xi[i] >= ctx.upper[i];
                any |= mask[i];
            }
            boundStreak = any && Arrays.equals(mask, boundMask) ? boundStreak + 1 : (any ? 1 : 0);
            boundMask = mask;
            return boundStreak >= 2;
        }

        @Override
        public boolean converged(int iteration, Evaluation previous, Evaluation current) {
            FitContext.Point p = points.point(model.expand(current.getPoint().toArray()));
            if (p.failed()) {
                throw new RoundFailure("Gauss-Newton stepped to a point whose run failed (" + p.failure()
                        + "); use Levenberg-Marquardt, which shrinks such steps");
            }
            double before = lastPoint.value();
            double[] step = Vectors.subtract(p.xi(), lastPoint.xi());
            if (Arrays.equals(p.xi(), lastPoint.xi())) {
                step = new double[step.length];
            } else {
                accept(p);
                if (allowEarlyEnd && onSameBounds(p.xi())) {
                    endedEarly = true;
                    return true;
                }
            }
            if (method == Method.LEVENBERG_MARQUARDT) {
                return false; // MINPACK's own tests decide
            }
            double change = Math.abs(before - p.value());
            if (change <= costRelativeTolerance * before) {
                converged = true;
                reason = StopReason.COST_DECREASE;
                message = format("relative cost change %.3e <= %.1e after %d iterations%s", before > 0 ? change / before : 0.0,
                        costRelativeTolerance, accepted, model.fixedNote());
            } else if (Vectors.maxAbs(step) <= parameterRelativeTolerance) {
                converged = true;
                reason = StopReason.STEP_SIZE;
                message = format("step %.3e <= %.1e typical scales after %d iterations%s", Vectors.maxAbs(step),
                        parameterRelativeTolerance, accepted, model.fixedNote());
            }
            return converged;
        }
    }

    /** An error inside Hipparchus' loop that must end the fit. */
    private static final class RoundFailure extends RuntimeException {
        RoundFailure(String message) {
            super(message);
        }
    }

    /** The runs made so far, by point (exact bitwise equality), so each point runs once. */
    private static final class Points {
        private static final int CACHE = 16;
        private final FitContext ctx;
        private final Map<PointKey, FitContext.Point> cache = new LinkedHashMap<>(32, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<PointKey, FitContext.Point> eldest) {
                return size() > CACHE;
            }
        };

        Points(FitContext ctx) {
            this.ctx = ctx;
        }

        void remember(FitContext.Point p) {
            cache.put(new PointKey(p.xi()), p);
        }

        FitContext.Point point(double[] xi) {
            PointKey key = new PointKey(xi);
            FitContext.Point p = cache.get(key);
            if (p == null) {
                p = ctx.evaluate(xi);
                cache.put(key, p);
            }
            return p;
        }
    }

    /**
     * Hipparchus' view of the problem: the free parameters z (the others held at their values in
     * {@code base}), the augmented residuals ρ as the "value" (target 0), and the Jacobian's free
     * columns from one JVP each.
     */
    private static final class Model implements ValueAndJacobianFunction {
        private static final int CACHE = 4;
        private final FitContext ctx;
        private final Points points;
        final int[] free;
        private final double[] base;
        private final int[] priorRows;
        final int rows;
        private final Map<PointKey, RealMatrix> jacobians = new LinkedHashMap<>(8, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<PointKey, RealMatrix> eldest) {
                return size() > CACHE;
            }
        };

        Model(FitContext ctx, Points points, boolean[] fixed, double[] base) {
            this.ctx = ctx;
            this.points = points;
            this.base = base.clone();
            int n = ctx.parameterCount;
            int nFree = 0;
            int nPrior = 0;
            for (int i = 0; i < n; i++) {
                nFree += fixed[i] ? 0 : 1;
                nPrior += ctx.hasPrior(i) ? 1 : 0;
            }
            free = new int[nFree];
            priorRows = new int[nPrior];
            for (int i = 0, k = 0, l = 0; i < n; i++) {
                if (!fixed[i]) {
                    free[k++] = i;
                }
                if (ctx.hasPrior(i)) {
                    priorRows[l++] = i;
                }
            }
            rows = ctx.residualCount + nPrior;
        }

        double[] restrict(double[] full) {
            double[] z = new double[free.length];
            for (int k = 0; k < free.length; k++) {
                z[k] = full[free[k]];
            }
            return z;
        }

        double[] expand(double[] z) {
            double[] xi = base.clone();
            for (int k = 0; k < free.length; k++) {
                xi[free[k]] = z[k];
            }
            return xi;
        }

        String fixedNote() {
            if (free.length == ctx.parameterCount) {
                return "";
            }
            java.util.List<String> held = new java.util.ArrayList<>();
            for (int i = 0, k = 0; i < ctx.parameterCount; i++) {
                if (k < free.length && free[k] == i) {
                    k++;
                } else {
                    held.add(ctx.names.get(i));
                }
            }
            return ", with " + held + " held on their bounds";
        }

        @Override
        public RealVector computeValue(double[] z) {
            double[] xi = expand(z);
            FitContext.Point p = points.point(xi);
            double[] value = new double[rows];
            if (p.failed()) {
                Arrays.fill(value, Double.NaN);
                return new ArrayRealVector(value, false);
            }
            System.arraycopy(p.residuals(), 0, value, 0, ctx.residualCount);
            for (int k = 0; k < priorRows.length; k++) {
                int i = priorRows[k];
                value[ctx.residualCount + k] = (xi[i] - ctx.priorMean[i]) / ctx.priorSpread[i];
            }
            return new ArrayRealVector(value, false);
        }

        @Override
        public RealMatrix computeJacobian(double[] z) {
            PointKey key = new PointKey(z);
            RealMatrix cached = jacobians.get(key);
            if (cached != null) {
                return cached;
            }
            double[] xi = expand(z);
            FitContext.Point p = points.point(xi);
            if (p.failed()) {
                throw new RoundFailure("Gauss-Newton stepped to a point whose run failed (" + p.failure()
                        + "); use Levenberg-Marquardt, which shrinks such steps");
            }
            int n = ctx.parameterCount;
            double[][] jac = new double[rows][free.length];
            for (int k = 0; k < free.length; k++) {
                int j = free[k];
                double[] e = new double[n];
                e[j] = 1;
                double[] column;
                try {
                    column = ctx.jvp(xi, e);
                } catch (LeastSquaresProblem.ModelFailure failure) {
                    throw new RoundFailure("the tangent-linear run for column '" + ctx.names.get(j)
                            + "' failed at an accepted point: " + failure.getMessage());
                }
                if (!Vectors.allFinite(column)) {
                    throw new RoundFailure("the tangent-linear run for column '" + ctx.names.get(j)
                            + "' gave non-finite values at an accepted point");
                }
                for (int i = 0; i < ctx.residualCount; i++) {
                    jac[i][k] = column[i];
                }
            }
            for (int l = 0; l < priorRows.length; l++) {
                int i = priorRows[l];
                for (int k = 0; k < free.length; k++) {
                    if (free[k] == i) {
                        jac[ctx.residualCount + l][k] = 1 / ctx.priorSpread[i];
                    }
                }
            }
            RealMatrix m = MatrixUtils.createRealMatrix(jac);
            jacobians.put(key, m);
            return m;
        }

        @Override
        public Pair<RealVector, RealMatrix> value(RealVector point) {
            double[] z = point.toArray();
            return new Pair<>(computeValue(z), computeJacobian(z));
        }
    }

    /** A point as a map key (exact bitwise equality). */
    private record PointKey(double[] xi) {
        @Override
        public boolean equals(Object o) {
            return o instanceof PointKey k && Arrays.equals(xi, k.xi);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(xi);
        }
    }
}
