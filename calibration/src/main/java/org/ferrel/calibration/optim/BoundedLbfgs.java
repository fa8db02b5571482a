package org.ferrel.calibration.optim;

import java.util.Arrays;
import java.util.Locale;

import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;

/**
 * L-BFGS-B: limited-memory BFGS for the scalar cost {@code J(θ) = ½|r|² + ½Σ((θ-μ)/s)²} within
 * box bounds, with the adjoint gradient {@code g = Jᵀr + (θ-μ)/s²} (one VJP per gradient).
 *
 * <p>This is the algorithm of Byrd, Lu, Nocedal &amp; Zhu (1995), "A limited memory algorithm for
 * bound constrained optimization", SIAM J. Sci. Comput. 16(5), 1190-1208, with the projected
 * subspace step of Morales &amp; Nocedal (2011), "Remark on Algorithm 778", ACM TOMS 38(1). It runs in
 * scaled coordinates ξ ({@link Scaling}); each iteration at x with gradient g:
 * <ol>
 *   <li><b>Generalized Cauchy point</b> x<sup>c</sup>: the first local minimiser of the quadratic
 *   model {@code m(x + z) = gᵀz + ½ zᵀBz} along the projected steepest-descent path
 *   {@code x(t) = P(x - t g)}, found segment by segment between the breakpoints
 *   {@code t_i = (x_i - u_i)/g_i (g_i < 0), (x_i - l_i)/g_i (g_i > 0)}, with B the compact
 *   L-BFGS matrix {@code θI - W M Wᵀ} ({@link LbfgsMemory}) so that each segment costs O(k).</li>
 *   <li><b>Subspace minimisation</b> (direct primal method) over the variables not at a bound at
 *   x<sup>c</sup>: {@code d̂ = -B̂⁻¹ r̂}, {@code r̂ = Zᵀ(g + B(x^c - x))}, with
 *   {@code B̂⁻¹ = I/θ + W_Z (I - M W_Zᵀ W_Z / θ)⁻¹ M W_Zᵀ / θ²} (Sherman-Morrison-Woodbury);
 *   x̄ is x<sup>c</sup> + d̂ projected onto the box, or, when that is not a descent direction,
 *   x<sup>c</sup> + α*d̂ with the largest feasible α* ≤ 1 (the 1995 paper's truncation).</li>
 *   <li><b>Line search</b> along {@code d = x̄ - x} for the strong Wolfe conditions
 *   ({@code c₁ = 1e-3}, {@code c₂ = 0.9}, as L-BFGS-B) by bracketing and safeguarded quadratic
 *   interpolation (Nocedal &amp; Wright 2006, Algorithms 3.5 and 3.6), never past the box; cost
 *   differences below 1e-12·max(J, 1) count as rounding noise, where the derivative alone decides
 *   (the approximate Wolfe conditions of Hager &amp; Zhang 2005, SIAM J. Optim. 16(1)), so the
 *   projected gradient can be driven below √ε. The first
 *   step is 1, or {@code 1/|d|} while the memory is empty (one typical scale). A trial whose run
 *   fails (an exception of the model — {@link LeastSquaresProblem.ModelFailure} or any other —,
 *   non-finite residuals, or a failed adjoint) halves the step towards the last good point: a
 *   backtrack, counted in {@link FitResult#backtracks()} and not charged to the line search's 20
 *   ordinary trials. After {@link #MAX_FAILED_TRIAL_HALVINGS} halvings in one line search without a
 *   point that runs, the fit stops ({@link StopReason#LINE_SEARCH_FAILED}) with a message naming the
 *   last failed trial's parameter values and its failure. The gradient is
 *   only computed where the sufficient-decrease test passes: a trial costs one forward run, plus one
 *   VJP when it decreases the cost enough.</li>
 *   <li><b>Update</b> of the memory with {@code s = x₊ - x}, {@code y = g₊ - g}, skipped when
 *   {@code sᵀy ≤ ε yᵀy}. A failed line search restarts once from an empty memory (steepest descent)
 *   before giving up.</li>
 * </ol>
 * It stops when the projected gradient's largest component {@code max|P(x - g) - x|} (in ξ) is at
 * most {@code projectedGradientTolerance}, when the relative decrease
 * {@code (J_k - J_{k+1}) / max(|J_k|, |J_{k+1}|, 1)} is at most {@code relativeCostTolerance}, or
 * when an iteration or forward-run budget is spent. A typical iteration costs one forward run and
 * one VJP.
 *
 * @param memory                     correction pairs kept, k (3-20; L-BFGS-B's advice)
 * @param maxIterations              iterations (accepted steps) at most
 * @param maxEvaluations             forward runs at most (checked before each iteration; one line
 *                                   search may exceed it by its trials)
 * @param projectedGradientTolerance on {@code max|P(x - g) - x|} in scaled coordinates (cost units
 *                                   per typical scale)
 * @param relativeCostTolerance      on the relative cost decrease of an iteration (0: not tested)
 */
public record BoundedLbfgs(int memory, int maxIterations, int maxEvaluations, double projectedGradientTolerance,
                           double relativeCostTolerance) implements Optimizer {

    private static final double SUFFICIENT_DECREASE = 1e-3;
    private static final double CURVATURE = 0.9;
    private static final int MAX_LINE_SEARCH_TRIALS = 20;
    /**
     * Halvings of the step towards the last good point after trials whose runs failed, per line
     * search (2⁻⁴⁰ ≈ 1e-12 of the first step); they do not use up {@link #MAX_LINE_SEARCH_TRIALS}.
     */
    static final int MAX_FAILED_TRIAL_HALVINGS = 40;
    private static final double EXTRAPOLATION = 4;
    private static final double EPS = 2.220446049250313e-16;
    /** Relative size of cost differences treated as rounding noise in the line search. */
    private static final double COST_NOISE = 1e-12;

    public BoundedLbfgs {
        if (memory < 1 || maxIterations < 0 || maxEvaluations < 1) {
            throw new IllegalArgumentException("memory >= 1, maxIterations >= 0 and maxEvaluations >= 1 required, got "
                    + memory + ", " + maxIterations + ", " + maxEvaluations);
        }
        if (!(projectedGradientTolerance >= 0) || !(relativeCostTolerance >= 0)) {
            throw new IllegalArgumentException("tolerances must be >= 0");
        }
    }

    /**
     * memory 10, 200 iterations, 1000 forward runs, projected-gradient tolerance 1e-5 and relative
     * cost tolerance 2.2e-9 (SciPy's {@code pgtol} and {@code factr·ε} defaults).
     */
    public static BoundedLbfgs defaults() {
        return new BoundedLbfgs(10, 200, 1000, 1e-5, 2.220446049250313e-9);
    }

    public BoundedLbfgs withMemory(int m) {
        return new BoundedLbfgs(m, maxIterations, maxEvaluations, projectedGradientTolerance, relativeCostTolerance);
    }

    public BoundedLbfgs withMaxIterations(int n) {
        return new BoundedLbfgs(memory, n, maxEvaluations, projectedGradientTolerance, relativeCostTolerance);
    }

    public BoundedLbfgs withMaxEvaluations(int n) {
        return new BoundedLbfgs(memory, maxIterations, n, projectedGradientTolerance, relativeCostTolerance);
    }

    public BoundedLbfgs withProjectedGradientTolerance(double tol) {
        return new BoundedLbfgs(memory, maxIterations, maxEvaluations, tol, relativeCostTolerance);
    }

    public BoundedLbfgs withRelativeCostTolerance(double tol) {
        return new BoundedLbfgs(memory, maxIterations, maxEvaluations, projectedGradientTolerance, tol);
    }

    @Override
    public FitResult minimize(LeastSquaresProblem problem, double[] start) {
        FitContext ctx = new FitContext("L-BFGS-B(m=" + memory + ")", problem, start);
        double[] lower = ctx.lower;
        double[] upper = ctx.upper;
        double[] x = new double[ctx.parameterCount];
        FitContext.Point point = ctx.evaluateStart(x);
        double[] g = ctx.gradientAtStart(point);
        ctx.record(0, x, point.cost());
        LbfgsMemory lbfgs = new LbfgsMemory(memory);
        int iteration = 0;
        while (true) {
            double pg = Vectors.projectedGradientNorm(x, g, lower, upper);
            FitResult done = ctx.stopIfDone(x, point.cost(), iteration, pg, projectedGradientTolerance, maxIterations, maxEvaluations);
            if (done != null) {
                return done;
            }
            double[] d = searchDirection(x, g, lower, upper, lbfgs);
            double slope = Vectors.dot(g, d);
            if (!(slope < 0) && lbfgs.size() > 0) {
                lbfgs.reset();
                d = searchDirection(x, g, lower, upper, lbfgs);
                slope = Vectors.dot(g, d);
            }
            Search search = new Search();
            Step step = slope < 0 ? lineSearch(ctx, point, g, d, slope, lbfgs.size() == 0, search) : null;
            if (step == null) {
                if (lbfgs.size() > 0) {
                    lbfgs.reset();
                    continue;
                }
                if (search.noFinitePoint()) {
                    FitContext.Point failed = search.lastFailed;
                    return ctx.finish(x, point.cost(), iteration, StopReason.LINE_SEARCH_FAILED,
                            format("no trial point along the projected steepest-descent direction ran: after %d halvings "
                                    + "of the step the last trial, at %s, failed (%s); stopped at the last good point "
                                    + "(projected gradient %.3e)", search.halvings, ctx.describe(failed.xi()),
                                    failed.failure(), pg));
                }
                return ctx.finish(x, point.cost(), iteration, StopReason.LINE_SEARCH_FAILED,
                        format("no step along the projected steepest-descent direction decreased the cost "
                                + "(projected gradient %.3e)", pg));
            }
            double[] xNew = step.point().xi();
            lbfgs.update(Vectors.subtract(xNew, x), Vectors.subtract(step.gradient(), g));
            double decrease = ctx.decrease(point, step.point())
                    / Math.max(Math.max(point.value(), step.point().value()), 1);
            x = xNew;
            point = step.point();
            g = step.gradient();
            iteration++;
            ctx.record(iteration, x, point.cost());
            if (relativeCostTolerance > 0 && decrease <= relativeCostTolerance) {
                return ctx.finish(x, point.cost(), iteration, StopReason.COST_DECREASE,
                        format("relative cost decrease %.3e <= %.3e after %d iterations", decrease, relativeCostTolerance, iteration));
            }
        }
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }

    // ---------------------------------------------------------------- direction

    /**
     * The L-BFGS-B search direction {@code x̄ - x}: the generalized Cauchy point, then the subspace
     * minimisation over its free variables.
     */
    static double[] searchDirection(double[] x, double[] g, double[] lower, double[] upper, LbfgsMemory b) {
        int n = x.length;
        boolean[] fixed = new boolean[n];
        double[] xc = cauchyPoint(x, g, lower, upper, b, fixed);
        double[] c = b.wTransposeTimes(Vectors.subtract(xc, x));
        double[] xbar = subspaceMinimum(x, g, lower, upper, b, xc, c, fixed);
        return Vectors.subtract(xbar, x);
    }

    /**
     * Algorithm CP of Byrd et al. (1995): the generalized Cauchy point; marks in {@code fixed} the
     * variables at a bound there.
     */
    static double[] cauchyPoint(double[] x, double[] g, double[] lower, double[] upper, LbfgsMemory b, boolean[] fixed) {
        int n = x.length;
        double theta = b.theta();
        double[] breakpoint = new double[n];
        double[] d = new double[n];
        double[] xc = x.clone();
        int free = 0;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            double t;
            if (g[i] < 0 && upper[i] < Double.POSITIVE_INFINITY) {
                t = (x[i] - upper[i]) / g[i];
            } else if (g[i] > 0 && lower[i] > Double.NEGATIVE_INFINITY) {
                t = (x[i] - lower[i]) / g[i];
            } else {
                t = Double.POSITIVE_INFINITY;
            }
            breakpoint[i] = t;
            if (t <= 0) {
                fixed[i] = true;
                d[i] = 0;
            } else {
                d[i] = -g[i];
                if (t < Double.POSITIVE_INFINITY) {
                    order[free++] = i;
                }
            }
        }
        Arrays.sort(order, 0, free, (i, j) -> {
            int byT = Double.compare(breakpoint[i], breakpoint[j]);
            return byT != 0 ? byT : Integer.compare(i, j);
        });
        double[] p = b.wTransposeTimes(d);
        double[] c = new double[p.length];
        double f1 = -Vectors.dot(d, d);
        if (f1 == 0) {
            return xc;
        }
        double f2 = -theta * f1 - Vectors.dot(p, b.middleTimes(p));
        double f2Original = f2;
        double dtMin = -f1 / f2;
        double tOld = 0;
        int next = 0;
        double dt = next < free ? breakpoint[order[next]] : Double.POSITIVE_INFINITY;
        while (dtMin >= dt) {
            int bi = order[next];
            double tb = breakpoint[bi];
            xc[bi] = d[bi] > 0 ? upper[bi] : lower[bi];
            double zb = xc[bi] - x[bi];
            for (int j = 0; j < c.length; j++) {
                c[j] += dt * p[j];
            }
            double gb = g[bi];
            double[] wb = b.wRow(bi);
            double[] mc = b.middleTimes(c);
            double[] mp = b.middleTimes(p);
            double[] mw = b.middleTimes(wb);
            f1 += dt * f2 + gb * gb + theta * gb * zb - gb * Vectors.dot(wb, mc);
            f2 += -theta * gb * gb - 2 * gb * Vectors.dot(wb, mp) - gb * gb * Vectors.dot(wb, mw);
            f2 = Math.max(EPS * f2Original, f2);
            for (int j = 0; j < p.length; j++) {
                p[j] += gb * wb[j];
            }
            d[bi] = 0;
            fixed[bi] = true;
            dtMin = -f1 / f2;
            tOld = tb;
            next++;
            dt = next < free ? breakpoint[order[next]] - tOld : Double.POSITIVE_INFINITY;
        }
        dtMin = Math.max(dtMin, 0);
        tOld += dtMin;
        for (int i = 0; i < n; i++) {
            if (!fixed[i]) {
                xc[i] = Math.min(upper[i], Math.max(lower[i], x[i] + tOld * d[i]));
            }
        }
        return xc;
    }

    /** The direct primal subspace minimisation of Byrd et al. (1995, section 5.1). */
    private static double[] subspaceMinimum(double[] x, double[] g, double[] lower, double[] upper, LbfgsMemory b,
                                            double[] xc, double[] c, boolean[] fixed) {
        int n = x.length;
        int nFree = 0;
        for (boolean f : fixed) {
            if (!f) {
                nFree++;
            }
        }
        if (nFree == 0) {
            return xc;
        }
        double theta = b.theta();
        int[] free = new int[nFree];
        for (int i = 0, k = 0; i < n; i++) {
            if (!fixed[i]) {
                free[k++] = i;
            }
        }
        // r̂ = Zᵀ(g + θ(x^c - x) - W M c)
        double[] mc = b.middleTimes(c);
        double[] rHat = new double[nFree];
        double[][] wz = new double[nFree][];
        for (int k = 0; k < nFree; k++) {
            int i = free[k];
            wz[k] = b.wRow(i);
            rHat[k] = g[i] + theta * (xc[i] - x[i]) - Vectors.dot(wz[k], mc);
        }
        double[] du = new double[nFree];
        int width = 2 * b.size();
        if (width == 0) {
            for (int k = 0; k < nFree; k++) {
                du[k] = -rHat[k] / theta;
            }
        } else {
            // v = M W_Zᵀ r̂; N = I - M W_Zᵀ W_Z / θ; v = N⁻¹ v; d̂ = -r̂/θ - W_Z v / θ²
            double[] wr = new double[width];
            double[][] wtw = new double[width][width];
            for (int k = 0; k < nFree; k++) {
                for (int a = 0; a < width; a++) {
                    wr[a] += wz[k][a] * rHat[k];
                    for (int bb = 0; bb < width; bb++) {
                        wtw[a][bb] += wz[k][a] * wz[k][bb];
                    }
                }
            }
            double[] v = b.middleTimes(wr);
            double[][] nMat = new double[width][width];
            for (int a = 0; a < width; a++) {
                double[] column = new double[width];
                for (int bb = 0; bb < width; bb++) {
                    column[bb] = wtw[bb][a];
                }
                double[] mColumn = b.middleTimes(column);
                for (int bb = 0; bb < width; bb++) {
                    nMat[bb][a] = (a == bb ? 1 : 0) - mColumn[bb] / theta;
                }
            }
            RealMatrix nm = MatrixUtils.createRealMatrix(nMat);
            LUDecomposition lu = new LUDecomposition(nm, 0);
            if (!lu.getSolver().isNonSingular()) {
                return xc;
            }
            v = lu.getSolver().solve(MatrixUtils.createRealVector(v)).toArray();
            for (int k = 0; k < nFree; k++) {
                du[k] = -rHat[k] / theta - Vectors.dot(wz[k], v) / (theta * theta);
            }
        }
        // Morales & Nocedal (2011): project x^c + d̂; keep it if it is a descent direction from x.
        double[] projected = xc.clone();
        for (int k = 0; k < nFree; k++) {
            int i = free[k];
            projected[i] = Math.min(upper[i], Math.max(lower[i], xc[i] + du[k]));
        }
        if (Vectors.dot(g, Vectors.subtract(projected, x)) < 0) {
            return projected;
        }
        // Byrd et al. (1995): truncate to the largest feasible step α* ≤ 1.
        double alpha = 1;
        for (int k = 0; k < nFree; k++) {
            int i = free[k];
            if (du[k] > 0) {
                alpha = Math.min(alpha, (upper[i] - xc[i]) / du[k]);
            } else if (du[k] < 0) {
                alpha = Math.min(alpha, (lower[i] - xc[i]) / du[k]);
            }
        }
        double[] truncated = xc.clone();
        for (int k = 0; k < nFree; k++) {
            int i = free[k];
            truncated[i] = Math.min(upper[i], Math.max(lower[i], xc[i] + alpha * du[k]));
        }
        return truncated;
    }

    // ---------------------------------------------------------------- line search

    /** An accepted point of a line search and its gradient. */
    private record Step(FitContext.Point point, double[] gradient) {
    }

    /** A trial: its step length, point, and (where computed) gradient and slope. */
    private record Trial(double alpha, FitContext.Point point, double[] gradient, double slope) {
    }

    /**
     * What one line search met: how often it halved its step after a failed trial, and the last
     * failed trial; {@code goodTrials} counts the trials whose run succeeded.
     */
    private static final class Search {
        int halvings;
        int goodTrials;
        FitContext.Point lastFailed;

        /** Whether every trial of the search failed (so no finite point was found along the direction). */
        boolean noFinitePoint() {
            return lastFailed != null && goodTrials == 0;
        }
    }

    /**
     * A trial whose run failed: the step is halved towards the last good point (the caller bisects),
     * the event is counted in the fit's backtracks; false when the halvings are used up.
     */
    private static boolean backtrack(FitContext ctx, Search search, FitContext.Point failed) {
        ctx.backtracked(failed);
        search.lastFailed = failed;
        return ++search.halvings <= MAX_FAILED_TRIAL_HALVINGS;
    }

    /**
     * Strong Wolfe line search along d from the point (Nocedal &amp; Wright, Algorithm 3.5), never
     * leaving the box; null when no acceptable step was found. A trial whose run fails (forward or
     * adjoint) halves the step towards the last good point, up to {@link #MAX_FAILED_TRIAL_HALVINGS}
     * times, without using up the ordinary trials.
     */
    private Step lineSearch(FitContext ctx, FitContext.Point start, double[] g, double[] d, double slope0,
                            boolean emptyMemory, Search search) {
        double[] x = start.xi();
        double alphaMax = Vectors.maxFeasibleStep(x, d, ctx.lower, ctx.upper);
        double alpha = emptyMemory ? Math.min(1 / Vectors.norm(d), alphaMax) : Math.min(1, alphaMax);
        Trial previous = new Trial(0, start, g, slope0);
        for (int trial = 0; trial < MAX_LINE_SEARCH_TRIALS; trial++) {
            FitContext.Point p = ctx.evaluate(ctx.project(Vectors.addScaled(x, alpha, d)));
            if (p.failed()) {
                if (!backtrack(ctx, search, p)) {
                    return previous.alpha() > 0 ? new Step(previous.point(), previous.gradient()) : null;
                }
                return zoom(ctx, start, d, slope0, previous, new Trial(alpha, p, null, Double.NaN),
                        MAX_LINE_SEARCH_TRIALS - trial, search);
            }
            search.goodTrials++;
            if (rejected(ctx, start, trial > 0 ? previous.point() : null, p, alpha, slope0)) {
                return zoom(ctx, start, d, slope0, previous, new Trial(alpha, p, null, Double.NaN),
                        MAX_LINE_SEARCH_TRIALS - trial - 1, search);
            }
            double[] gp = ctx.gradient(p);
            if (gp == null) {
                FitContext.Point failed = failedCopy(p);
                search.goodTrials--;
                if (!backtrack(ctx, search, failed)) {
                    return previous.alpha() > 0 ? new Step(previous.point(), previous.gradient()) : null;
                }
                return zoom(ctx, start, d, slope0, previous, new Trial(alpha, failed, null, Double.NaN),
                        MAX_LINE_SEARCH_TRIALS - trial - 1, search);
            }
            double slope = Vectors.dot(gp, d);
            Trial current = new Trial(alpha, p, gp, slope);
            if (Math.abs(slope) <= -CURVATURE * slope0) {
                return new Step(p, gp);
            }
            if (slope >= 0) {
                return zoom(ctx, start, d, slope0, current, previous, MAX_LINE_SEARCH_TRIALS - trial - 1, search);
            }
            if (alpha >= alphaMax) {
                return new Step(p, gp); // at the edge of the box, with sufficient decrease
            }
            previous = current;
            alpha = Math.min(EXTRAPOLATION * alpha, alphaMax);
        }
        return previous.alpha() > 0 ? new Step(previous.point(), previous.gradient()) : null;
    }

    /**
     * Whether a trial fails the (approximate) sufficient-decrease test against the start, or is
     * worse than {@code reference} (the previous trial, or the zoom's low end; null for none).
     * Differences within the cost's rounding noise do not count as an increase (Hager &amp; Zhang
     * 2005): there the derivative decides.
     */
    private static boolean rejected(FitContext ctx, FitContext.Point start, FitContext.Point reference, FitContext.Point p,
                                    double alpha, double slope0) {
        if (p.failed()) {
            return true;
        }
        double noise = COST_NOISE * Math.max(start.value(), 1);
        double decrease = ctx.decrease(start, p);
        if (decrease < -SUFFICIENT_DECREASE * alpha * slope0 && Math.abs(decrease) > noise) {
            return true;
        }
        return reference != null && ctx.decrease(reference, p) < -noise;
    }

    private static FitContext.Point failedCopy(FitContext.Point p) {
        return new FitContext.Point(p.xi(), p.residuals(), Cost.FAILED, "adjoint run failed");
    }

    /**
     * Nocedal &amp; Wright, Algorithm 3.6: {@code lo} satisfies sufficient decrease and has the lowest
     * cost so far (with its gradient), the minimiser lies between {@code lo} and {@code hi}. A failed
     * {@code hi} (infinite cost) is approached by bisection, so a failing step shrinks towards the
     * last good one.
     */
    private Step zoom(FitContext ctx, FitContext.Point start, double[] d, double slope0, Trial lo, Trial hi, int trials,
                      Search search) {
        double[] x = start.xi();
        int trial = 0;
        while (trial < trials) {
            double width = hi.alpha() - lo.alpha();
            if (Math.abs(width) <= EPS * Math.max(Math.abs(lo.alpha()), Math.abs(hi.alpha()))) {
                break;
            }
            double alpha;
            if (!Double.isNaN(hi.slope()) && hi.slope() != lo.slope()) {
                // secant on the derivative (accurate where cost differences are lost in rounding)
                alpha = lo.alpha() - lo.slope() * width / (hi.slope() - lo.slope());
            } else if (!hi.point().failed()) {
                // minimiser of the quadratic through (lo, f_lo, slope_lo) and (hi, f_hi)
                double denominator = 2 * (-ctx.decrease(lo.point(), hi.point()) - lo.slope() * width);
                alpha = denominator > 0 ? lo.alpha() - lo.slope() * width * width / denominator : lo.alpha() + 0.5 * width;
            } else {
                alpha = lo.alpha() + 0.5 * width; // the last trial failed: halve the step towards lo
            }
            double low = lo.alpha() + 0.1 * width;
            double high = lo.alpha() + 0.9 * width;
            alpha = Math.min(Math.max(low, high), Math.max(Math.min(low, high), alpha));
            FitContext.Point p = ctx.evaluate(ctx.project(Vectors.addScaled(x, alpha, d)));
            if (p.failed()) {
                hi = new Trial(alpha, p, null, Double.NaN);
                if (!backtrack(ctx, search, p)) {
                    break;
                }
                continue;
            }
            search.goodTrials++;
            trial++;
            if (rejected(ctx, start, lo.point(), p, alpha, slope0)) {
                hi = new Trial(alpha, p, null, Double.NaN);
                continue;
            }
            double[] gp = ctx.gradient(p);
            if (gp == null) {
                FitContext.Point failed = failedCopy(p);
                search.goodTrials--;
                hi = new Trial(alpha, failed, null, Double.NaN);
                if (!backtrack(ctx, search, failed)) {
                    break;
                }
                continue;
            }
            double slope = Vectors.dot(gp, d);
            if (Math.abs(slope) <= -CURVATURE * slope0) {
                return new Step(p, gp);
            }
            Trial current = new Trial(alpha, p, gp, slope);
            if (slope * (hi.alpha() - lo.alpha()) >= 0) {
                hi = lo;
            }
            lo = current;
        }
        return lo.alpha() > 0 ? new Step(lo.point(), lo.gradient()) : null;
    }
}
