package org.ferrel.calibration.optim;

import java.util.Locale;

/**
 * Matrix-free Gauss-Newton with Levenberg-Marquardt damping, for many parameters: no Jacobian is
 * ever formed. Each iteration, in scaled coordinates ξ ({@link Scaling}) at x with gradient
 * {@code g = Jᵀr + P⁻¹(x - μ)} ({@code J = ∂r/∂ξ}, {@code P⁻¹ = diag(1/s²)} the prior precision),
 * solves
 * <pre>
 *   (JᵀJ + P⁻¹ + λ I) δ = -g
 * </pre>
 * by conjugate gradients (Hestenes &amp; Stiefel 1952), each CG iteration applying
 * {@code JᵀJ v} as one JVP ({@code J v}) followed by one VJP ({@code Jᵀ(J v)}), stopping when the
 * residual is below {@code cgRelativeTolerance · |g|} (an inexact Newton step) or after
 * {@code maxCgIterations}. The step is accepted when the gain ratio
 * <pre>
 *   ρ = (J(x) - J(x + δ)) / (-(gᵀδ + ½|Jδ|² + ½ δᵀP⁻¹δ))
 * </pre>
 * exceeds 1e-4 (the actual decrease computed from residual differences, {@code ½Σ(r - r')(r + r')},
 * so that it stays accurate near the minimum), and the damping follows Nielsen (1999), as in Madsen, Nielsen &amp; Tingleff (2004),
 * "Methods for non-linear least squares problems", IMM DTU, section 3.2: on success
 * {@code λ ← λ · max(1/3, 1 - (2ρ - 1)³)}, ν ← 2; on failure {@code λ ← λν}, {@code ν ← 2ν}. The
 * starting damping is {@code initialDamping} times the Rayleigh quotient
 * {@code (|Jg|² + gᵀP⁻¹g)/|g|²} (one JVP). {@code |Jδ|} is accumulated during CG, so the gain ratio
 * costs no extra run unless the step had to be projected onto the box (then one JVP).
 *
 * <p><b>Bounds</b>: an active-set method. Variables at a bound whose gradient points out of the box
 * are held fixed (removed from the CG system); the step is then projected onto the box.
 *
 * <p><b>Failed runs</b> (non-finite residuals, {@link LeastSquaresProblem.ModelFailure}, a failed
 * adjoint at the trial) reject the step and raise the damping, which shortens the next step.
 *
 * <p><b>Cost per iteration</b>: one forward run, (1 JVP + 1 VJP) per CG iteration, one VJP for the
 * gradient at an accepted point. It stops on the projected gradient, the relative cost decrease, the
 * step size (in typical scales), or the iteration/forward-run budgets.
 *
 * @param maxIterations              accepted steps at most
 * @param maxEvaluations             forward runs at most (accepted and rejected trials)
 * @param maxCgIterations            CG iterations per step at most
 * @param cgRelativeTolerance        CG stops at residual {@code ≤ tol · |g|} (on the free variables)
 * @param initialDamping             λ₀ relative to the Rayleigh quotient of the Gauss-Newton Hessian along g
 * @param projectedGradientTolerance on {@code max|P(x - g) - x|} in scaled coordinates
 * @param relativeCostTolerance      on {@code (J_k - J_{k+1}) / max(J_k, J_{k+1}, 1)} of an accepted step (0: not tested)
 * @param stepTolerance              stops when a proposed step's largest component (typical scales) is below it
 */
public record MatrixFreeGaussNewton(int maxIterations, int maxEvaluations, int maxCgIterations, double cgRelativeTolerance,
                                    double initialDamping, double projectedGradientTolerance, double relativeCostTolerance,
                                    double stepTolerance) implements Optimizer {

    private static final double ACCEPT = 1e-4;

    public MatrixFreeGaussNewton {
        if (maxIterations < 0 || maxEvaluations < 1 || maxCgIterations < 1) {
            throw new IllegalArgumentException("maxIterations >= 0, maxEvaluations >= 1, maxCgIterations >= 1 required");
        }
        if (!(cgRelativeTolerance > 0 && cgRelativeTolerance < 1)) {
            throw new IllegalArgumentException("cgRelativeTolerance must be in (0, 1), got " + cgRelativeTolerance);
        }
        if (!(initialDamping >= 0) || !(projectedGradientTolerance >= 0) || !(relativeCostTolerance >= 0) || !(stepTolerance >= 0)) {
            throw new IllegalArgumentException("damping and tolerances must be >= 0");
        }
    }

    /**
     * 100 iterations, 1000 forward runs, 100 CG iterations to a relative residual of 1e-6, λ₀ = 1e-3
     * (relative), projected-gradient tolerance 1e-8, relative cost tolerance 1e-12, step tolerance 1e-10.
     */
    public static MatrixFreeGaussNewton defaults() {
        return new MatrixFreeGaussNewton(100, 1000, 100, 1e-6, 1e-3, 1e-8, 1e-12, 1e-10);
    }

    public MatrixFreeGaussNewton withMaxIterations(int n) {
        return new MatrixFreeGaussNewton(n, maxEvaluations, maxCgIterations, cgRelativeTolerance, initialDamping,
                projectedGradientTolerance, relativeCostTolerance, stepTolerance);
    }

    public MatrixFreeGaussNewton withMaxEvaluations(int n) {
        return new MatrixFreeGaussNewton(maxIterations, n, maxCgIterations, cgRelativeTolerance, initialDamping,
                projectedGradientTolerance, relativeCostTolerance, stepTolerance);
    }

    public MatrixFreeGaussNewton withConjugateGradients(int maxIterations, double relativeTolerance) {
        return new MatrixFreeGaussNewton(this.maxIterations, maxEvaluations, maxIterations, relativeTolerance, initialDamping,
                projectedGradientTolerance, relativeCostTolerance, stepTolerance);
    }

    public MatrixFreeGaussNewton withInitialDamping(double lambda) {
        return new MatrixFreeGaussNewton(maxIterations, maxEvaluations, maxCgIterations, cgRelativeTolerance, lambda,
                projectedGradientTolerance, relativeCostTolerance, stepTolerance);
    }

    public MatrixFreeGaussNewton withTolerances(double projectedGradient, double relativeCost, double step) {
        return new MatrixFreeGaussNewton(maxIterations, maxEvaluations, maxCgIterations, cgRelativeTolerance, initialDamping,
                projectedGradient, relativeCost, step);
    }

    @Override
    public FitResult minimize(LeastSquaresProblem problem, double[] start) {
        FitContext ctx = new FitContext("matrix-free Gauss-Newton (CG, LM damping)", problem, start);
        int n = ctx.parameterCount;
        double[] x = new double[n];
        FitContext.Point point = ctx.evaluateStart(x);
        double[] g = ctx.gradientAtStart(point);
        ctx.record(0, x, point.cost());
        double curvatureScale = rayleighQuotient(ctx, x, g);
        double lambda = initialDamping * curvatureScale;
        double nu = 2;
        int iteration = 0;
        while (true) {
            double pg = Vectors.projectedGradientNorm(x, g, ctx.lower, ctx.upper);
            FitResult done = ctx.stopIfDone(x, point.cost(), iteration, pg, projectedGradientTolerance, maxIterations, maxEvaluations);
            if (done != null) {
                return done;
            }
            boolean[] free = new boolean[n];
            for (int i = 0; i < n; i++) {
                free[i] = !((x[i] <= ctx.lower[i] && g[i] > 0) || (x[i] >= ctx.upper[i] && g[i] < 0));
            }
            Solution cg = conjugateGradients(ctx, x, g, free, lambda);
            double[] unprojected = Vectors.addScaled(x, 1, cg.step());
            double[] trial = ctx.project(unprojected);
            boolean projected = !java.util.Arrays.equals(trial, unprojected);
            double[] step = projected ? Vectors.subtract(trial, x) : cg.step();
            if (Vectors.maxAbs(step) <= stepTolerance) {
                return ctx.finish(x, point.cost(), iteration, StopReason.STEP_SIZE,
                        format("step %.3e <= %.1e typical scales after %d iterations (damping %.3e)",
                                Vectors.maxAbs(step), stepTolerance, iteration, lambda));
            }
            double[] jStep = projected ? ctx.jvpRequired(x, step) : cg.jacobianTimesStep();
            double predicted = -(Vectors.dot(g, step) + 0.5 * Vectors.dot(jStep, jStep) + 0.5 * priorQuadratic(ctx, step));
            FitContext.Point candidate = ctx.evaluate(trial);
            double[] gCandidate = null;
            double rho = -1;
            if (!candidate.failed() && predicted > 0) {
                rho = ctx.decrease(point, candidate) / predicted;
                if (rho > ACCEPT) {
                    gCandidate = ctx.gradient(candidate);
                }
            }
            if (gCandidate == null) {
                lambda = lambda > 0 ? lambda * nu : 1e-3 * curvatureScale;
                nu *= 2;
                continue;
            }
            double previous = point.value();
            double decrease = ctx.decrease(point, candidate) / Math.max(Math.max(previous, candidate.value()), 1);
            x = trial;
            point = candidate;
            g = gCandidate;
            iteration++;
            ctx.record(iteration, x, point.cost());
            double t = 2 * rho - 1;
            lambda *= Math.max(1.0 / 3, 1 - t * t * t);
            nu = 2;
            if (relativeCostTolerance > 0 && decrease <= relativeCostTolerance) {
                return ctx.finish(x, point.cost(), iteration, StopReason.COST_DECREASE,
                        format("relative cost decrease %.3e <= %.1e after %d iterations", decrease, relativeCostTolerance, iteration));
            }
        }
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }

    /** {@code δᵀ P⁻¹ δ}. */
    private static double priorQuadratic(FitContext ctx, double[] v) {
        double s = 0;
        for (int i = 0; i < v.length; i++) {
            if (ctx.hasPrior(i)) {
                double z = v[i] / ctx.priorSpread[i];
                s += z * z;
            }
        }
        return s;
    }

    /** {@code (|Jg|² + gᵀP⁻¹g) / |g|²}, the Gauss-Newton Hessian's curvature along g (one JVP). */
    private static double rayleighQuotient(FitContext ctx, double[] x, double[] g) {
        double gg = Vectors.dot(g, g);
        if (gg == 0) {
            return 1;
        }
        double[] jg = ctx.jvpRequired(x, g);
        return (Vectors.dot(jg, jg) + priorQuadratic(ctx, g)) / gg;
    }

    /** A CG solution δ and {@code J δ} accumulated along the way. */
    private record Solution(double[] step, double[] jacobianTimesStep) {
    }

    /**
     * Conjugate gradients for {@code (JᵀJ + P⁻¹ + λI) δ = -g} on the free variables (δ = 0 on the
     * others), from δ = 0.
     */
    private Solution conjugateGradients(FitContext ctx, double[] x, double[] g, boolean[] free, double lambda) {
        int n = x.length;
        double[] delta = new double[n];
        double[] jDelta = new double[ctx.residualCount];
        double[] residual = new double[n];
        for (int i = 0; i < n; i++) {
            residual[i] = free[i] ? -g[i] : 0;
        }
        double[] direction = residual.clone();
        double rr = Vectors.dot(residual, residual);
        double tolerance = cgRelativeTolerance * Math.sqrt(rr);
        for (int k = 0; k < maxCgIterations && Math.sqrt(rr) > tolerance; k++) {
            double[] jd = ctx.jvpRequired(x, direction);
            double[] hd = ctx.vjpRequired(x, jd);
            for (int i = 0; i < n; i++) {
                if (!free[i]) {
                    hd[i] = 0;
                    continue;
                }
                double precision = ctx.hasPrior(i) ? 1 / (ctx.priorSpread[i] * ctx.priorSpread[i]) : 0;
                hd[i] += (precision + lambda) * direction[i];
            }
            double curvature = Vectors.dot(direction, hd);
            if (!(curvature > 0)) {
                break; // only when the system is singular along this direction (λ = 0, no prior)
            }
            double alpha = rr / curvature;
            for (int i = 0; i < n; i++) {
                delta[i] += alpha * direction[i];
                residual[i] -= alpha * hd[i];
            }
            for (int i = 0; i < jDelta.length; i++) {
                jDelta[i] += alpha * jd[i];
            }
            double rrNew = Vectors.dot(residual, residual);
            double beta = rrNew / rr;
            rr = rrNew;
            for (int i = 0; i < n; i++) {
                direction[i] = residual[i] + beta * direction[i];
            }
        }
        return new Solution(delta, jDelta);
    }
}
